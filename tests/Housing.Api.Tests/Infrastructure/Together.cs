namespace Housing.Api.Tests.Infrastructure;

public static class Together
{
    /// <summary>
    /// Starts the requests on separate threads at the same moment. Sending them one after the
    /// other would not do: the test server runs a request inline until its first real await, and
    /// SQLite's async calls complete synchronously, so the first would finish before the second began.
    /// </summary>
    public static async Task<HttpResponseMessage[]> SendAsync(IEnumerable<Func<Task<HttpResponseMessage>>> requests)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = requests.Select(send => Task.Run(async () =>
        {
            await start.Task;
            return await send();
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(running);
    }
}

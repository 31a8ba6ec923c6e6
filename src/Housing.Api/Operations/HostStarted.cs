namespace Housing.Api.Operations;

public static class HostStarted
{
    /// <summary>Completes once the host has started serving (or throws when <paramref name="ct"/> is cancelled first): for background work that must never hold up start.</summary>
    public static async Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(ct);
    }
}

namespace Housing.Api.Operations;

/// <summary>The loop of a background sweeper: pause, sweep, log a failure and go on.</summary>
public static class Sweep
{
    /// <summary>
    /// Runs <paramref name="sweep"/> after each pause on <paramref name="clock"/> until stopped. A
    /// pause after each sweep, not a fixed beat: a clock moved on by months (a long stall, or a
    /// test) wakes it once, not once for every beat it missed.
    /// </summary>
    public static async Task EveryAsync(TimeSpan pause, TimeProvider clock, Func<CancellationToken, Task> sweep, ILogger logger, string failed,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(pause, clock, stoppingToken);
            try
            {
                await sweep(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{What} failed; will try again in {Seconds} s", failed, pause.TotalSeconds);
            }
        }
    }
}

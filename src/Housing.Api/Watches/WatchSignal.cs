namespace Housing.Api.Watches;

/// <summary>
/// Wakes a waiting worker: <see cref="Next"/> completes at the first <see cref="Raise"/> after it
/// was read. Read it before doing the work, await it after, and nothing raised meanwhile is missed.
/// </summary>
public class Signal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="wake"/> (a <see cref="Next"/> read earlier) or <paramref name="pause"/> on <paramref name="clock"/>, whichever comes first.</summary>
    public static async Task PauseAsync(TimeSpan pause, TimeProvider clock, CancellationToken ct, params Task[] wake)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny([Task.Delay(pause, clock, stop.Token), .. wake]);
        await stop.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}

/// <summary>A watch changed in the database on this instance (made, cancelled, its referral settled): read it again now, not at the next sync.</summary>
public sealed class WatchSignal : Signal;

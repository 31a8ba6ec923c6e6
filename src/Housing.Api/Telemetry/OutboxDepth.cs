using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dapper;
using Housing.Api.Data;

namespace Housing.Api.Telemetry;

/// <summary>
/// The webhook events waiting in the outbox, for the <c>housing.outbox.depth</c> gauge. No
/// instance knows it from its own work (any instance's transactions add events, any instance
/// delivers them), so it is counted in the database (the pending rows' own index), but only when
/// a scrape or an export asks, and at most once every <see cref="Fresh"/>: an instance nobody
/// scrapes never counts. A scrape waits up to <see cref="Wait"/> for the count it started; a
/// database slower than that (or down) gets the previous count, and the scrape is not held up.
/// </summary>
public sealed class OutboxDepth(IDbConnectionFactory connections, ILogger<OutboxDepth> logger)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(500);

    private readonly Lock _lock = new();
    private Task _counting = Task.CompletedTask;
    private long _countedAt;
    private long _depth = -1;

    public IEnumerable<Measurement<long>> Observe()
    {
        Task counting;
        lock (_lock)
        {
            // The real clock, not the app's: this paces database work, and a test's frozen clock would stop it.
            if (_counting.IsCompleted && (_countedAt == 0 || Stopwatch.GetElapsedTime(_countedAt) >= Fresh)) _counting = Task.Run(CountAsync);
            counting = _counting;
        }
        counting.Wait(Wait);
        var depth = Interlocked.Read(ref _depth);
        return depth < 0 ? [] : [new Measurement<long>(depth)];
    }

    /// <summary>Counts now; never throws (a failure is logged, and the previous count stands).</summary>
    public async Task CountAsync()
    {
        try
        {
            await using var db = await connections.OpenAsync(CancellationToken.None);
            Interlocked.Exchange(ref _depth, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'pending';"));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not count the outbox's pending events for the housing.outbox.depth gauge");
        }
        finally
        {
            Interlocked.Exchange(ref _countedAt, Stopwatch.GetTimestamp());
        }
    }
}

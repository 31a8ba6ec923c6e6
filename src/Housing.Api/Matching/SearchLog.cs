using System.Threading.Channels;
using Dapper;
using Housing.Api.Data;

namespace Housing.Api.Matching;

/// <summary>
/// Records searches for the unmet-need report without putting a disk sync on every search:
/// searches queue in memory and a background writer commits them in batches. A search
/// record is statistics, not something anyone was told was saved, so a crash may lose the
/// last second of them; a full queue drops new records and logs how many.
/// </summary>
public sealed class SearchLog(IDbConnectionFactory connections, ILogger<SearchLog> logger) : BackgroundService
{
    public const int Capacity = 10_000;
    private const int BatchSize = 500;

    private readonly Channel<SearchRecord> _queue = Channel.CreateBounded<SearchRecord>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _dropped;

    public void Add(SearchRecord record)
    {
        if (!_queue.Writer.TryWrite(record)) Interlocked.Increment(ref _dropped);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Whatever queued before shutdown is written before the process exits.
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes everything queued now, in batches; the loop survives a failed batch.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var batch = new List<SearchRecord>(BatchSize);
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var record)) batch.Add(record);
            if (batch.Count == 0) break;
            try
            {
                await InsertAsync(batch, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not record {Count} searches for the unmet-need report", batch.Count);
            }
        }
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0) logger.LogWarning("Search log queue was full: {Dropped} search records were not kept", dropped);
    }

    private async Task InsertAsync(IReadOnlyList<SearchRecord> batch, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO match_searches (searched_at, household_type, adults, children, children_under_5, boys_over_12,
                                        kinds, considered, matched, top_reason, excluded_json)
            VALUES (@SearchedAt, @HouseholdTypeCode, @Adults, @Children, @ChildrenUnder5, @BoysOver12,
                    @Kinds, @Considered, @Matched, @TopReason, @ExcludedJson);
            """, batch.Select(r => new
        {
            r.SearchedAt, HouseholdTypeCode = (int)r.HouseholdType, r.Adults, r.Children, r.ChildrenUnder5, r.BoysOver12,
            r.Kinds, r.Considered, r.Matched, r.TopReason, r.ExcludedJson,
        }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}

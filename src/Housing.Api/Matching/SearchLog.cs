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

    /// <summary>
    /// How long the writer waits after a write, so that the searches arriving meanwhile share
    /// one commit: under load, writing as soon as anything queued meant a disk sync for every
    /// dozen searches. Well within the second a crash may lose; the queue holds far more.
    /// </summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(100);

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
                await Task.Delay(Gather, stoppingToken);
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

    /// <summary>
    /// Writes everything queued now, in batches; the loop survives a failed batch. Searches
    /// that arrive meanwhile wait for the next flush: chasing them would commit each handful.
    /// </summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var remaining = _queue.Reader.Count;
        var batch = new List<SearchRecord>(Math.Min(remaining, BatchSize));
        while (remaining > 0)
        {
            batch.Clear();
            while (batch.Count < BatchSize && batch.Count < remaining && _queue.Reader.TryRead(out var record)) batch.Add(record);
            if (batch.Count == 0) break;
            remaining -= batch.Count;
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

    /// <summary>
    /// On SQLite, one prepared statement for the whole batch, its parameters made once and
    /// re-bound per row (Dapper would build them again from an object for every row); on
    /// PostgreSQL, one INSERT of the batch's columns as arrays.
    /// </summary>
    private async Task InsertAsync(IReadOnlyList<SearchRecord> batch, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres())
        {
            // A round trip per row to a server costs what SQLite's in-process calls do not: one
            // statement for the batch, its columns as arrays.
            await db.ExecuteAsync(new CommandDefinition("""
                INSERT INTO match_searches (searched_at, household_type, adults, children, children_under_5, boys_over_12,
                                            kinds, considered, matched, top_reason, excluded_json)
                SELECT * FROM unnest(@SearchedAt, @HouseholdTypeCode, @Adults, @Children, @ChildrenUnder5, @BoysOver12,
                                     @Kinds, @Considered, @Matched, @TopReason, @ExcludedJson);
                """, new
            {
                SearchedAt = batch.Select(r => TypeHandlers.ToDbText(r.SearchedAt)).ToArray(),
                HouseholdTypeCode = batch.Select(r => (int)r.HouseholdType).ToArray(),
                Adults = batch.Select(r => r.Adults).ToArray(),
                Children = batch.Select(r => r.Children).ToArray(),
                ChildrenUnder5 = batch.Select(r => r.ChildrenUnder5).ToArray(),
                BoysOver12 = batch.Select(r => r.BoysOver12).ToArray(),
                Kinds = batch.Select(r => r.Kinds).ToArray(),
                Considered = batch.Select(r => r.Considered).ToArray(),
                Matched = batch.Select(r => r.Matched).ToArray(),
                TopReason = batch.Select(r => r.TopReason).ToArray(),
                ExcludedJson = batch.Select(r => r.ExcludedJson).ToArray(),
            }, tx, cancellationToken: ct));
            await write.CommitAsync(ct);
            return;
        }
        await using var insert = db.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO match_searches (searched_at, household_type, adults, children, children_under_5, boys_over_12,
                                        kinds, considered, matched, top_reason, excluded_json)
            VALUES (@SearchedAt, @HouseholdTypeCode, @Adults, @Children, @ChildrenUnder5, @BoysOver12,
                    @Kinds, @Considered, @Matched, @TopReason, @ExcludedJson);
            """;
        foreach (var record in batch)
        {
            Bind("@SearchedAt", TypeHandlers.ToDbText(record.SearchedAt));
            Bind("@HouseholdTypeCode", (int)record.HouseholdType);
            Bind("@Adults", record.Adults);
            Bind("@Children", record.Children);
            Bind("@ChildrenUnder5", record.ChildrenUnder5);
            Bind("@BoysOver12", record.BoysOver12);
            Bind("@Kinds", record.Kinds);
            Bind("@Considered", record.Considered);
            Bind("@Matched", record.Matched);
            Bind("@TopReason", record.TopReason);
            Bind("@ExcludedJson", record.ExcludedJson);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await write.CommitAsync(ct);

        void Bind(string name, object? value)
        {
            if (!insert.Parameters.Contains(name))
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = name;
                insert.Parameters.Add(parameter);
            }
            insert.Parameters[name].Value = value ?? DBNull.Value;
        }
    }
}

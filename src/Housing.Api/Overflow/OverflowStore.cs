using System.Data.Common;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Webhooks;

namespace Housing.Api.Overflow;

public sealed class OverflowStore(IDbConnectionFactory connections)
{
    public const string Activated = "overflow.activated";
    public const string Ended = "overflow.ended";

    private const string Columns = "id, regions, starts_on, ends_on, reason, note, created_at, ended_at";

    private static readonly DialectSql BumpRegions = DialectSql.WithList("""
        UPDATE catalog_versions SET version = version + 1
        WHERE program_id IN (SELECT id FROM programs WHERE region IN @regions);
        """);

    /// <summary>
    /// Stores an activation, moves on the catalog counter of every program in its regions (so
    /// every instance reloads them with their overflow in force), and tells each organisation
    /// concerned, all in one transaction.
    /// </summary>
    public async Task CreateAsync(OverflowActivation activation, ILookup<Guid, Guid> programsByOrganization, Actor actor, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await db.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO overflow_activations ({Columns}, created_by)
            VALUES (@Id, @regions, @StartsOn, @EndsOn, @reason, @Note, @CreatedAt, NULL, @createdBy);
            """, new
        {
            activation.Id,
            regions = HousingJson.Serialize(activation.Regions),
            activation.StartsOn,
            activation.EndsOn,
            reason = HousingJson.Text(activation.Reason),
            activation.Note,
            activation.CreatedAt,
            createdBy = actor.KeyId,
        }, tx, cancellationToken: ct));
        await ChangedAsync(db, tx, activation, Activated, programsByOrganization, activation.CreatedAt, actor, "overflow.activated", ct);
        await write.CommitAsync(ct);
    }

    /// <summary>Ends an activation now; false when there is none by that id still running.</summary>
    public async Task<bool> EndAsync(OverflowActivation activation, ILookup<Guid, Guid> programsByOrganization, DateTimeOffset now, Actor actor, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var ended = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE overflow_activations SET ended_at = @now WHERE id = @Id AND ended_at IS NULL;
            """, new { activation.Id, now }, tx, cancellationToken: ct));
        if (ended == 0) return false;
        await ChangedAsync(db, tx, activation, Ended, programsByOrganization, now, actor, "overflow.ended", ct);
        await write.CommitAsync(ct);
        return true;
    }

    private static async Task ChangedAsync(DbConnection db, DbTransaction tx, OverflowActivation a, string type, ILookup<Guid, Guid> programsByOrganization,
        DateTimeOffset now, Actor actor, string action, CancellationToken ct)
    {
        await db.ExecuteAsync(new CommandDefinition(BumpRegions.For(db), new { regions = a.Regions.ToList() }, tx, cancellationToken: ct));
        foreach (var organization in programsByOrganization)
            await Outbox.AddAsync(db, tx, organization.Key, type,
                new OverflowEventData(a.Id, a.Regions, a.StartsOn, a.EndsOn, a.Reason, [.. organization]), now, ct);
        await AuditLog.WriteAsync(db, tx, now, actor, action, "overflow", a.Id, ct);
    }

    public async Task<OverflowActivation?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM overflow_activations WHERE id = @id;",
            new { id }, cancellationToken: ct));
        return row?.ToActivation();
    }

    /// <summary>Activations whose last day is <paramref name="since"/> or later, newest first.</summary>
    public async Task<IReadOnlyList<OverflowActivation>> SinceAsync(DateOnly since, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return [.. (await db.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM overflow_activations WHERE ends_on >= @since ORDER BY created_at DESC, id DESC;
            """, new { since }, cancellationToken: ct))).Select(r => r.ToActivation())];
    }

    /// <summary>The days each region has overflow in force from <paramref name="since"/> on, for the catalog.</summary>
    public async Task<ILookup<string, OverflowWindow>> WindowsByRegionAsync(DateOnly since, CancellationToken ct) =>
        (await SinceAsync(since, ct)).Where(a => a.EndedAt is null)
            .SelectMany(a => a.Regions.Select(r => (Region: r, Window: new OverflowWindow(a.StartsOn, a.EndsOn))))
            .ToLookup(x => x.Region, x => x.Window, StringComparer.Ordinal);

    /// <summary>Activations in force on <paramref name="day"/> and not ended before its <paramref name="start"/>, for the day's report.</summary>
    public static async Task<IReadOnlyList<OverflowActivation>> InForceOnAsync(DbConnection db, DateOnly day, DateTimeOffset start, CancellationToken ct) =>
        [.. (await db.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM overflow_activations
            WHERE starts_on <= @day AND ends_on >= @day AND (ended_at IS NULL OR ended_at >= @start)
            ORDER BY created_at, id;
            """, new { day, start }, cancellationToken: ct))).Select(r => r.ToActivation())];

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Regions { get; set; } = "[]";
        public DateOnly StartsOn { get; set; }
        public DateOnly EndsOn { get; set; }
        public string Reason { get; set; } = "";
        public string? Note { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? EndedAt { get; set; }

        public OverflowActivation ToActivation() => new(Id, HousingJson.Deserialize<string[]>(Regions) ?? [], StartsOn, EndsOn,
            HousingJson.TryParse<OverflowReason>(Reason, out var reason) ? reason : OverflowReason.Other, Note, CreatedAt, EndedAt);
    }
}

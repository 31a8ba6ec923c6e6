using System.Data.Common;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Availability;

public enum PostOutcome { Appended, Unchanged, Stale }

public sealed record AvailabilityFilter(ProgramKind? Kind, string? Region, HouseholdType? HouseholdType, int MinOpen, string? CocCode = null)
{
    /// <summary>
    /// Whether a program's open capacity, as callers see it today, passes the filter. The
    /// same counts are shown in the response, so a filter can never disagree with what it shows.
    /// </summary>
    public bool Accepts(HousingProgram program, IReadOnlyList<OpenCountView> counts, ProgramScope scope)
    {
        var d = program.Definition;
        if (!scope.Includes(d.OrganizationId, d.Confidential)) return false;
        if (Kind is { } k && d.Kind != k) return false;
        if (Region is { } r && d.Region != r) return false;
        if (CocCode is { } coc && d.CocCode != coc) return false;
        var relevant = HouseholdType is { } h ? counts.Where(c => c.HouseholdType == h) : counts;
        if (HouseholdType is not null && !relevant.Any()) return false;
        return MinOpen == 0 || relevant.Any(c => c.Open >= MinOpen);
    }
}

public sealed class AvailabilityStore(IDbConnectionFactory connections, ProgramCatalog catalog)
{
    /// <summary>
    /// Appends a snapshot. With If-Match, the latest snapshot must still be the one the caller
    /// read, checked in the same transaction as the append, after taking the program's lock (on
    /// SQLite, the file's write lock; on PostgreSQL, its catalog_versions row, which the version
    /// bump takes first); a retry of a post that is already the latest succeeds without a new snapshot.
    /// </summary>
    public async Task<(PostOutcome Outcome, Snapshot? Snapshot)> PostAsync(
        Guid programId, IReadOnlyList<OpenCount> counts, IfMatch? ifMatch, DateTimeOffset now, Actor actor, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await CatalogVersions.BumpAsync(db, tx, programId, ct); // rolled back with the rest if nothing is posted
        if (ifMatch is not null)
        {
            var latest = await LatestAsync(db, programId, tx, ct);
            if (latest is not null && latest.SameCounts(counts)) return (PostOutcome.Unchanged, latest);
            if (latest is null || !ifMatch.Matches(latest.ETag)) return (PostOutcome.Stale, latest);
        }

        var id = await db.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO availability_snapshots (program_id, posted_at, posted_by)
            VALUES (@programId, @now, @postedBy)
            RETURNING id;
            """, new { programId, now, postedBy = actor.KeyId }, tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO availability_counts (snapshot_id, household_type, beds, units, slots, open_units_json)
            VALUES (@SnapshotId, @HouseholdType, @Beds, @Units, @Slots, @OpenUnitsJson);
            """, counts.Select(c => new
        {
            SnapshotId = id,
            HouseholdType = (int)c.HouseholdType,
            c.Beds,
            c.Units,
            c.Slots,
            OpenUnitsJson = UnitFit.ToJson(c.OpenUnits),
        }),
            tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition(CountChanges.FlagUnchanged, new { id, programId }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(db, tx, now, actor, "availability.posted", "program", programId, ct);
        await write.CommitAsync(ct);
        var snapshot = new Snapshot(id, programId, now, counts);
        catalog.Posted(snapshot);
        return (PostOutcome.Appended, snapshot);
    }

    /// <summary>How many times the program's counts changed in the hour up to <paramref name="now"/>, this post included.</summary>
    public async Task<int> ChangesInTheHourAsync(Guid programId, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await CountChanges.CountSinceAsync(db, programId, now - CountChanges.Window, ct);
    }

    public async Task<Snapshot?> LatestAsync(Guid programId, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await LatestAsync(db, programId, null, ct);
    }

    /// <summary>The latest snapshot of every program, for loading the catalog.</summary>
    public async Task<IReadOnlyList<Snapshot>> LatestForAllAsync(CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await LatestForAllAsync(db, null, ct);
    }

    /// <summary>The latest snapshot of every program, read in the caller's transaction (the consistency check reads it with the holds, at one moment).</summary>
    public static async Task<IReadOnlyList<Snapshot>> LatestForAllAsync(DbConnection db, DbTransaction? tx, CancellationToken ct)
    {
        var heads = await db.QueryAsync<SnapshotRow>(new CommandDefinition("""
            SELECT s.id, s.program_id, s.posted_at
            FROM availability_snapshots s
            JOIN (SELECT MAX(id) AS id FROM availability_snapshots GROUP BY program_id) latest ON latest.id = s.id;
            """, transaction: tx, cancellationToken: ct));
        var counts = (await db.QueryAsync<CountRow>(new CommandDefinition("""
            SELECT c.snapshot_id, c.household_type, c.beds, c.units, c.slots, c.open_units_json
            FROM availability_counts c
            JOIN (SELECT MAX(id) AS id FROM availability_snapshots GROUP BY program_id) latest ON latest.id = c.snapshot_id;
            """, transaction: tx, cancellationToken: ct))).ToLookup(r => r.SnapshotId, ToCount);
        return heads.Select(h => new Snapshot(h.Id, h.ProgramId, h.PostedAt, counts[h.Id].ToList())).ToList();
    }

    private static readonly DialectSql LatestOf = DialectSql.WithList("""
            SELECT s.id, s.program_id, s.posted_at
            FROM availability_snapshots s
            JOIN (SELECT MAX(id) AS id FROM availability_snapshots WHERE program_id IN @ids GROUP BY program_id) latest ON latest.id = s.id;
            """);

    private static readonly DialectSql CountsOf = DialectSql.WithList("""
            SELECT snapshot_id, household_type, beds, units, slots, open_units_json
            FROM availability_counts
            WHERE snapshot_id IN @snapshotIds
            ORDER BY snapshot_id, household_type;
            """);

    /// <summary>The latest snapshot of each of these programs (those that posted), for refreshing the catalog.</summary>
    public async Task<IReadOnlyList<Snapshot>> LatestForAsync(IReadOnlyCollection<Guid> programIds, CancellationToken ct)
    {
        if (programIds.Count == 0) return [];
        await using var db = await connections.OpenAsync(ct);
        var heads = (await db.QueryAsync<SnapshotRow>(new CommandDefinition(LatestOf.For(db), new { ids = TypeHandlers.AsText(programIds) },
            cancellationToken: ct))).ToList();
        if (heads.Count == 0) return [];
        var counts = await CountsAsync(db, heads.Select(h => h.Id).ToList(), null, ct);
        return heads.Select(h => new Snapshot(h.Id, h.ProgramId, h.PostedAt, counts[h.Id].ToList())).ToList();
    }

    private static async Task<Snapshot?> LatestAsync(DbConnection db, Guid programId, DbTransaction? tx, CancellationToken ct)
    {
        var head = await db.QuerySingleOrDefaultAsync<SnapshotRow>(new CommandDefinition("""
            SELECT id, program_id, posted_at
            FROM availability_snapshots
            WHERE program_id = @programId
            ORDER BY id DESC
            LIMIT 1;
            """, new { programId }, tx, cancellationToken: ct));
        if (head is null) return null;
        var counts = await CountsAsync(db, [head.Id], tx, ct);
        return new Snapshot(head.Id, head.ProgramId, head.PostedAt, counts[head.Id].ToList());
    }

    private static async Task<ILookup<long, OpenCount>> CountsAsync(DbConnection db, IReadOnlyList<long> snapshotIds, DbTransaction? tx, CancellationToken ct)
    {
        var rows = await db.QueryAsync<CountRow>(new CommandDefinition(CountsOf.For(db), new { snapshotIds }, tx, cancellationToken: ct));
        return rows.ToLookup(r => r.SnapshotId, ToCount);
    }

    private static OpenCount ToCount(CountRow r) => r.ToCount();

    private sealed class SnapshotRow
    {
        public long Id { get; set; }
        public Guid ProgramId { get; set; }
        public DateTimeOffset PostedAt { get; set; }
    }

    private sealed class CountRow
    {
        public long SnapshotId { get; set; }
        public int HouseholdType { get; set; }
        public int Beds { get; set; }
        public int Units { get; set; }
        public int Slots { get; set; }
        public string? OpenUnitsJson { get; set; }

        public OpenCount ToCount() => new((HouseholdType)HouseholdType, Beds, Units, Slots, UnitFit.FromJson(OpenUnitsJson));
    }
}

using System.Data.Common;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Errors;
using Housing.Api.Programs;

namespace Housing.Api.Availability;

public enum PostOutcome { Appended, Unchanged, Stale }

public sealed record AvailabilityFilter(ProgramKind? Kind, string? Region, HouseholdType? HouseholdType, int MinOpen);

public sealed class AvailabilityStore(IDbConnectionFactory connections)
{
    /// <summary>
    /// Appends a snapshot. With If-Match, the latest snapshot must still be the one the caller
    /// read, checked in the same IMMEDIATE transaction as the append; a retry of a post that is
    /// already the latest succeeds without a new snapshot.
    /// </summary>
    public async Task<(PostOutcome Outcome, Snapshot? Snapshot)> PostAsync(
        Guid programId, IReadOnlyList<OpenCount> counts, IfMatch? ifMatch, DateTimeOffset now, string postedBy, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
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
            """, new { programId, now, postedBy }, tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO availability_counts (snapshot_id, household_type, beds, units, slots)
            VALUES (@SnapshotId, @HouseholdType, @Beds, @Units, @Slots);
            """, counts.Select(c => new { SnapshotId = id, HouseholdType = (int)c.HouseholdType, c.Beds, c.Units, c.Slots }),
            tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (PostOutcome.Appended, new Snapshot(id, programId, now, counts));
    }

    public async Task<Snapshot?> LatestAsync(Guid programId, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await LatestAsync(db, programId, null, ct);
    }

    /// <summary>
    /// One page of programs (ids in order) with their latest snapshot id, filtered on open capacity
    /// as callers see it: only inventory in force today counts, and a posted count above today's
    /// inventory counts as the inventory (as <see cref="AvailabilityRules.View"/> shows it).
    /// </summary>
    public async Task<IReadOnlyList<(Guid ProgramId, long? SnapshotId)>> PageAsync(
        AvailabilityFilter filter, Guid? organizationScope, Guid? after, int limit, DateOnly today, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<PageRow>(new CommandDefinition("""
            SELECT p.id AS ProgramId, s.id AS SnapshotId
            FROM programs p
            LEFT JOIN availability_snapshots s
              ON s.id = (SELECT MAX(id) FROM availability_snapshots WHERE program_id = p.id)
            WHERE (@kind IS NULL OR p.kind = @kind)
              AND (@region IS NULL OR p.region = @region)
              AND (@organizationScope IS NULL OR p.organization_id = @organizationScope)
              AND (@after IS NULL OR p.id > @after)
              AND (@householdType IS NULL OR EXISTS (
                    SELECT 1 FROM program_inventory i
                    WHERE i.program_id = p.id AND i.household_type = @householdType
                      AND i.start_date <= @today AND (i.end_date IS NULL OR i.end_date >= @today)))
              AND (@minOpen = 0 OR EXISTS (
                    SELECT 1 FROM availability_counts c
                    WHERE c.snapshot_id = s.id
                      AND (@householdType IS NULL OR c.household_type = @householdType)
                      AND MIN(
                            CASE WHEN p.kind = 'rapid_rehousing' THEN c.slots ELSE c.beds END,
                            (SELECT COALESCE(SUM(CASE WHEN p.kind = 'rapid_rehousing' THEN i.slots ELSE i.beds END), 0)
                             FROM program_inventory i
                             WHERE i.program_id = p.id AND i.household_type = c.household_type
                               AND i.start_date <= @today AND (i.end_date IS NULL OR i.end_date >= @today))
                          ) >= @minOpen))
            ORDER BY p.id
            LIMIT @take;
            """, new
        {
            kind = filter.Kind is { } k ? HousingJson.Text(k) : null,
            region = filter.Region,
            householdType = (int?)filter.HouseholdType,
            minOpen = filter.MinOpen,
            organizationScope,
            after,
            take = limit + 1,
            today,
        }, cancellationToken: ct));
        return rows.Select(r => (r.ProgramId, r.SnapshotId)).ToList();
    }

    public async Task<IReadOnlyDictionary<long, Snapshot>> SnapshotsAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<long, Snapshot>();
        await using var db = await connections.OpenAsync(ct);
        var heads = await db.QueryAsync<SnapshotRow>(new CommandDefinition("""
            SELECT id AS Id, program_id AS ProgramId, posted_at AS PostedAt
            FROM availability_snapshots
            WHERE id IN @ids;
            """, new { ids }, cancellationToken: ct));
        var counts = await CountsAsync(db, ids, null, ct);
        return heads.ToDictionary(h => h.Id, h => new Snapshot(h.Id, h.ProgramId, h.PostedAt, counts[h.Id].ToList()));
    }

    private static async Task<Snapshot?> LatestAsync(DbConnection db, Guid programId, DbTransaction? tx, CancellationToken ct)
    {
        var head = await db.QuerySingleOrDefaultAsync<SnapshotRow>(new CommandDefinition("""
            SELECT id AS Id, program_id AS ProgramId, posted_at AS PostedAt
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
        var rows = await db.QueryAsync<CountRow>(new CommandDefinition("""
            SELECT snapshot_id AS SnapshotId, household_type AS HouseholdType, beds AS Beds, units AS Units, slots AS Slots
            FROM availability_counts
            WHERE snapshot_id IN @snapshotIds
            ORDER BY snapshot_id, household_type;
            """, new { snapshotIds }, tx, cancellationToken: ct));
        return rows.ToLookup(r => r.SnapshotId, r => new OpenCount((HouseholdType)r.HouseholdType, r.Beds, r.Units, r.Slots));
    }

    private sealed class PageRow
    {
        public Guid ProgramId { get; set; }
        public long? SnapshotId { get; set; }
    }

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
    }
}

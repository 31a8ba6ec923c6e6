using System.Data;
using System.Data.Common;
using Dapper;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;
using Microsoft.Data.Sqlite;

namespace Housing.Api.Consistency;

public sealed partial class ConsistencyStore
{
    /// <summary>
    /// Everything a run checks, the database part read in one snapshot (SQLite: one deferred read
    /// transaction; PostgreSQL: repeatable read), so that holds, steps, posts and catalog versions
    /// are of one moment and a write landing mid-read cannot look like a mismatch. Programs come
    /// first, on their own: their definitions change rarely, and today's inventory is read from
    /// them by the same rule as everywhere else.
    /// </summary>
    public async Task<ConsistencyFacts> ReadFactsAsync(DateTimeOffset now, DateTimeOffset changesSince, CancellationToken ct)
    {
        var programs = await programStore.AllAsync(ct);
        await using var db = await connections.OpenAsync(ct);
        await using var tx = db is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await db.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var holds = await HoldsAsync(db, tx, ct);
        var steps = await StepsWithoutHoldAsync(db, tx, ct);
        var latest = (await AvailabilityStore.LatestForAllAsync(db, tx, ct)).ToDictionary(s => s.ProgramId);
        var versions = await CatalogVersions.AllAsync(db, ct, tx);
        var offline = await Offline.OfflineStore.CurrentAsync(db, tx, null, ct);
        var changes = await CountChanges.SinceAsync(db, tx, null, changesSince, ct);
        await tx.CommitAsync(ct);
        return new ConsistencyFacts(DateOnly.FromDateTime(now.UtcDateTime), programs, latest, holds, steps, versions, changes, offline);
    }

    private static async Task<IReadOnlyList<HoldFact>> HoldsAsync(DbConnection db, DbTransaction tx, CancellationToken ct) =>
        (await db.QueryAsync<HoldRow>(new CommandDefinition("""
            SELECT h.id, h.referral_id, h.position, h.program_id, h.household_type, h.count, h.created_at, h.placed_at, h.units_json,
                   s.program_id AS step_program_id, s.status AS step_status, s.decided_at AS step_decided_at,
                   CASE WHEN EXISTS (SELECT 1 FROM asks a WHERE a.referral_id = h.referral_id) THEN 1 ELSE 0 END AS from_ask
            FROM holds h
            LEFT JOIN referral_steps s ON s.referral_id = h.referral_id AND s.position = h.position
            WHERE h.released_at IS NULL
            ORDER BY h.id;
            """, transaction: tx, cancellationToken: ct)))
        .Select(r => new HoldFact(r.Id, r.ReferralId, r.Position, r.ProgramId, (HouseholdType)r.HouseholdType, r.Count, r.CreatedAt, r.PlacedAt,
            r.StepProgramId, r.StepStatus, r.StepDecidedAt, r.FromAsk != 0, UnitFit.FromJson(r.UnitsJson))).ToList();

    private static async Task<IReadOnlyList<StepWithoutHold>> StepsWithoutHoldAsync(DbConnection db, DbTransaction tx, CancellationToken ct) =>
        (await db.QueryAsync<StepRow>(new CommandDefinition("""
            SELECT s.referral_id, s.position, s.program_id, r.household_type, r.household_size
            FROM referral_steps s
            JOIN referrals r ON r.id = s.referral_id
            WHERE s.status IN ('pending', 'accepted')
              AND NOT EXISTS (SELECT 1 FROM holds h
                              WHERE h.referral_id = s.referral_id AND h.position = s.position AND h.released_at IS NULL)
            ORDER BY s.referral_id, s.position;
            """, transaction: tx, cancellationToken: ct)))
        .Select(r => new StepWithoutHold(r.ReferralId, r.Position, r.ProgramId, (HouseholdType)r.HouseholdType, r.HouseholdSize)).ToList();

    private sealed class HoldRow
    {
        public long Id { get; set; }
        public Guid ReferralId { get; set; }
        public int Position { get; set; }
        public Guid ProgramId { get; set; }
        public int HouseholdType { get; set; }
        public int Count { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? PlacedAt { get; set; }
        public Guid? StepProgramId { get; set; }
        public string? StepStatus { get; set; }
        public DateTimeOffset? StepDecidedAt { get; set; }
        public long FromAsk { get; set; }
        public string? UnitsJson { get; set; }
    }

    private sealed class StepRow
    {
        public Guid ReferralId { get; set; }
        public int Position { get; set; }
        public Guid ProgramId { get; set; }
        public int HouseholdType { get; set; }
        public int HouseholdSize { get; set; }
    }
}

using System.Data.Common;
using Dapper;
using Housing.Api.Availability;
using Housing.Api.Programs;

namespace Housing.Api.Referrals;

/// <summary>The SQL of holds: one conditional insert per hold, so a bed can never be held twice.</summary>
public static class HoldStore
{
    /// <summary>
    /// Holds <paramref name="count"/> beds (slots) only if that many are open: the latest post,
    /// capped at today's inventory, less the holds that still count against it. Returns false
    /// when they are not, and writes nothing.
    /// </summary>
    public static async Task<bool> TryHoldAsync(DbConnection db, DbTransaction tx, Guid referralId, int position, HousingProgram program,
        HouseholdType type, int count, int capacity, string createdBy, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO holds (referral_id, position, program_id, household_type, count, created_by, created_at)
            SELECT @referralId, @position, @programId, @type, @count, @createdBy, @now
            WHERE MIN(
                    COALESCE((SELECT CASE WHEN @slots = 1 THEN c.slots ELSE c.beds END
                              FROM availability_counts c
                              WHERE c.snapshot_id = (SELECT MAX(id) FROM availability_snapshots WHERE program_id = @programId)
                                AND c.household_type = @type), 0),
                    @capacity)
                  - (SELECT COALESCE(SUM(h.count), 0)
                     FROM holds h
                     WHERE h.program_id = @programId AND h.household_type = @type AND h.released_at IS NULL
                       AND (h.placed_at IS NULL
                            OR h.placed_at > COALESCE((SELECT MAX(posted_at) FROM availability_snapshots WHERE program_id = @programId), '')))
                  >= @count;
            """, new
        {
            referralId, position, programId = program.Id, type = (int)type, count, createdBy, now, capacity,
            slots = program.Definition.Kind == ProgramKind.RapidRehousing ? 1 : 0,
        }, tx, cancellationToken: ct));
        return rows == 1;
    }

    public static Task ReleaseAsync(DbConnection db, DbTransaction tx, Guid referralId, int position, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("""
            UPDATE holds SET released_at = @now
            WHERE referral_id = @referralId AND position = @position AND released_at IS NULL;
            """, new { referralId, position, now }, tx, cancellationToken: ct));

    public static Task PlaceAsync(DbConnection db, DbTransaction tx, Guid referralId, int position, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("""
            UPDATE holds SET placed_at = @now
            WHERE referral_id = @referralId AND position = @position AND released_at IS NULL;
            """, new { referralId, position, now }, tx, cancellationToken: ct));

    /// <summary>Beds (slots) a case manager's key holds now, placed ones aside.</summary>
    public static Task<int> HeldByAsync(DbConnection db, DbTransaction tx, string createdBy, CancellationToken ct) =>
        db.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COALESCE(SUM(count), 0) FROM holds
            WHERE created_by = @createdBy AND released_at IS NULL AND placed_at IS NULL;
            """, new { createdBy }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<ActiveHold>> ActiveAsync(DbConnection db, DbTransaction? tx, Guid? programId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<HoldRow>(new CommandDefinition("""
            SELECT id AS Id, program_id AS ProgramId, household_type AS HouseholdType, count AS Count, placed_at AS PlacedAt
            FROM holds
            WHERE released_at IS NULL AND (@programId IS NULL OR program_id = @programId);
            """, new { programId }, tx, cancellationToken: ct));
        return rows.Select(r => new ActiveHold(r.Id, r.ProgramId, (HouseholdType)r.HouseholdType, r.Count, r.PlacedAt)).ToList();
    }

    private sealed class HoldRow
    {
        public long Id { get; set; }
        public Guid ProgramId { get; set; }
        public int HouseholdType { get; set; }
        public int Count { get; set; }
        public DateTimeOffset? PlacedAt { get; set; }
    }
}

using System.Data.Common;
using Dapper;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Programs;

namespace Housing.Api.Referrals;

/// <summary>An unreleased hold and the state of the referral step it holds for.</summary>
public sealed record HeldFor(Guid ProgramId, HouseholdType HouseholdType, StepStatus Step, DateTimeOffset? PlacedAt, int Count);

/// <summary>The SQL of holds: one conditional insert per hold, so a bed can never be held twice.</summary>
public static class HoldStore
{
    /// <summary>
    /// Holds if open ≥ count, where open = the latest post's count (capped at today's inventory
    /// less the beds out of service, <see cref="Offline.OfflineStore"/>) less the holds that still count against it, all read from the database in the hold's own
    /// statement, never from an instance's catalog. SQLite's MIN of two values is PostgreSQL's LEAST.
    /// On SQLite the transaction holds the only write lock; on PostgreSQL the caller has locked the
    /// program (<see cref="CatalogVersions.LockAsync"/>), so this statement sees every hold other
    /// instances committed before it.
    /// </summary>
    private static readonly DialectSql Hold = new(
        Sqlite: HoldIfOpen("MIN", "EXISTS (SELECT 1 FROM json_each(a.regions) r WHERE r.value = p.region)", "i.availability IS NOT 3"),
        Postgres: HoldIfOpen("LEAST", "a.regions::jsonb @> jsonb_build_array(p.region)", "i.availability IS DISTINCT FROM 3"));

    /// <summary>
    /// Today's capacity in service of the program's household type, in SQL: the inventory in force
    /// (overflow only while an activation covers its region today) less the beds offline. Both
    /// holds, by bed and by room, ask it, so they cannot disagree on what exists.
    /// </summary>
    private static string InService(string measure, string offlineOnlyWhen, string regionListed, string notOverflow) => $"""
            (SELECT COALESCE(SUM({measure}), 0)
                     FROM program_inventory i
                     WHERE i.program_id = @programId AND i.household_type = @type
                       AND i.start_date <= @today AND (i.end_date IS NULL OR i.end_date >= @today)
                       AND ({notOverflow} OR EXISTS (
                             SELECT 1 FROM overflow_activations a JOIN programs p ON p.id = @programId
                             WHERE a.ended_at IS NULL AND a.starts_on <= @today AND a.ends_on >= @today AND {regionListed})))
                     - (SELECT COALESCE(SUM(o.beds), 0)
                        FROM offline_beds o
                        WHERE {offlineOnlyWhen} o.program_id = @programId AND o.household_type = @type AND o.returned_at IS NULL)
            """;

    /// <summary>Overflow inventory counts only while an activation covers the program's region today (<see cref="Overflow.OverflowStore"/>).</summary>
    private static string HoldIfOpen(string least, string regionListed, string notOverflow) => $"""
            INSERT INTO holds (referral_id, position, program_id, household_type, count, created_by, created_at)
            SELECT @referralId, @position, @programId, @type, @count, @createdBy, @now
            WHERE {least}(
                    COALESCE((SELECT CASE WHEN @slots = 1 THEN c.slots ELSE c.beds END
                              FROM availability_counts c
                              WHERE c.snapshot_id = (SELECT MAX(id) FROM availability_snapshots WHERE program_id = @programId)
                                AND c.household_type = @type), 0),
                    {InService("CASE WHEN @slots = 1 THEN i.slots ELSE i.beds END", "@slots = 0 AND", regionListed, notOverflow)})
                  - (SELECT COALESCE(SUM(h.count), 0)
                     FROM holds h
                     WHERE h.program_id = @programId AND h.household_type = @type AND h.released_at IS NULL
                       AND (h.placed_at IS NULL
                            OR h.placed_at > COALESCE((SELECT MAX(posted_at) FROM availability_snapshots WHERE program_id = @programId), '')))
                  >= @count;
            """;

    /// <summary>
    /// Holds what the household needs only if it is open, and moves the program's catalog version
    /// on: a bed each (one slot for rapid rehousing), or, where the program houses the household
    /// type by unit, whole units that hold everyone (<see cref="UnitFit"/>). Returns the version
    /// and the beds (slots) held, or null when there is no room (and nothing is written).
    /// </summary>
    public static async Task<(long Version, int Count)?> TryHoldAsync(DbConnection db, DbTransaction tx, Guid referralId, int position,
        HousingProgram program, Matching.Household household, string createdBy, DateTimeOffset now, CancellationToken ct)
    {
        if (program.Definition.HousesByUnit(household.Type))
            return await TryHoldUnitsAsync(db, tx, referralId, position, program, household, createdBy, now, ct);
        var count = Matching.MatchRules.Needed(program.Definition.Kind, household.Size);
        var type = household.Type;
        var rows = await db.ExecuteAsync(new CommandDefinition(Hold.For(db), new
        {
            referralId,
            position,
            programId = program.Id,
            type = (int)type,
            count,
            createdBy,
            now,
            today = DateOnly.FromDateTime(now.UtcDateTime),
            slots = program.Definition.Kind == ProgramKind.RapidRehousing ? 1 : 0,
        }, tx, cancellationToken: ct));
        return rows == 1 ? (await CatalogVersions.BumpAsync(db, tx, program.Id, ct), count) : null;
    }

    /// <summary>The latest post's open units and beds for a household type, with today's beds in service (overflow only when activated, offline beds left out), read in the hold's transaction.</summary>
    private static readonly DialectSql PostedUnits = new(
        Sqlite: PostedUnitsOf("EXISTS (SELECT 1 FROM json_each(a.regions) r WHERE r.value = p.region)", "i.availability IS NOT 3"),
        Postgres: PostedUnitsOf("a.regions::jsonb @> jsonb_build_array(p.region)", "i.availability IS DISTINCT FROM 3"));

    private static string PostedUnitsOf(string regionListed, string notOverflow) => $"""
            SELECT s.posted_at AS PostedAt, c.beds AS Beds, c.open_units_json AS OpenUnitsJson,
                   {InService("i.beds", "", regionListed, notOverflow)} AS Capacity
            FROM availability_snapshots s
            JOIN availability_counts c ON c.snapshot_id = s.id AND c.household_type = @type
            WHERE s.id = (SELECT MAX(id) FROM availability_snapshots WHERE program_id = @programId);
            """;

    /// <summary>
    /// A hold of whole units: the open units are the latest post's less those the program's
    /// counting holds keep, all read from the database in this transaction (the caller holds the
    /// program's lock, as for <see cref="Hold"/>); the household gets the set <see cref="UnitFit.Choose"/>
    /// picks, and the hold counts its beds.
    /// </summary>
    private static async Task<(long Version, int Count)?> TryHoldUnitsAsync(DbConnection db, DbTransaction tx, Guid referralId, int position,
        HousingProgram program, Matching.Household household, string createdBy, DateTimeOffset now, CancellationToken ct)
    {
        var type = household.Type;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var posted = await db.QuerySingleOrDefaultAsync<PostedUnitsRow>(new CommandDefinition(PostedUnits.For(db),
            new { programId = program.Id, type = (int)type, today }, tx, cancellationToken: ct));
        if (posted is null) return null;
        var holds = (await db.QueryAsync<HoldRow>(new CommandDefinition("""
            SELECT id, program_id, household_type, count, placed_at, units_json
            FROM holds
            WHERE program_id = @programId AND household_type = @type AND released_at IS NULL
            ORDER BY id;
            """, new { programId = program.Id, type = (int)type }, tx, cancellationToken: ct)))
            .Select(r => r.ToHold())
            .Where(h => h.PlacedAt is not { } placed || placed > posted.PostedAt)
            .ToList();
        var openBeds = Math.Min(posted.Beds, (int)posted.Capacity) - holds.Sum(h => h.Count);
        var open = AvailabilityRules.UnitsAfterHolds(UnitFit.FromJson(posted.OpenUnitsJson) ?? [], holds, openBeds);
        if (UnitFit.Choose(open, program.Definition.UnitsPerHousehold, household.Size, household.Infants) is not { } units) return null;
        var count = UnitFit.Beds(units);
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO holds (referral_id, position, program_id, household_type, count, created_by, created_at, units_json)
            VALUES (@referralId, @position, @programId, @type, @count, @createdBy, @now, @unitsJson);
            """, new { referralId, position, programId = program.Id, type = (int)type, count, createdBy, now, unitsJson = UnitFit.ToJson(units) },
            tx, cancellationToken: ct));
        return (await CatalogVersions.BumpAsync(db, tx, program.Id, ct), count);
    }

    private sealed class PostedUnitsRow
    {
        public DateTimeOffset PostedAt { get; set; }
        public int Beds { get; set; }
        public string? OpenUnitsJson { get; set; }
        public long Capacity { get; set; }
    }

    /// <summary>
    /// Holds <paramref name="count"/> beds (slots) without asking for open capacity: the shelter
    /// has just said it has room (an ask's yes), which is newer than its last post. Moves the
    /// program's catalog version on and returns it. The caller has locked the program.
    /// </summary>
    public static async Task<long> HoldAnsweredAsync(DbConnection db, DbTransaction tx, Guid referralId, int position, Guid programId,
        HouseholdType type, int count, string createdBy, DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO holds (referral_id, position, program_id, household_type, count, created_by, created_at)
            VALUES (@referralId, @position, @programId, @type, @count, @createdBy, @now);
            """, new { referralId, position, programId, type = (int)type, count, createdBy, now }, tx, cancellationToken: ct));
        return await CatalogVersions.BumpAsync(db, tx, programId, ct);
    }

    /// <summary>Releases the step's hold, if it has one that counts; returns the program's new catalog version, or null if nothing changed.</summary>
    public static async Task<long?> ReleaseAsync(DbConnection db, DbTransaction tx, Guid referralId, int position, Guid programId, DateTimeOffset now,
        CancellationToken ct)
    {
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE holds SET released_at = @now
            WHERE referral_id = @referralId AND position = @position AND released_at IS NULL;
            """, new { referralId, position, now }, tx, cancellationToken: ct));
        return rows > 0 ? await CatalogVersions.BumpAsync(db, tx, programId, ct) : null;
    }

    /// <summary>Marks the step's hold placed; returns the program's new catalog version, or null if nothing changed.</summary>
    public static async Task<long?> PlaceAsync(DbConnection db, DbTransaction tx, Guid referralId, int position, Guid programId, DateTimeOffset now,
        CancellationToken ct)
    {
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE holds SET placed_at = @now
            WHERE referral_id = @referralId AND position = @position AND released_at IS NULL;
            """, new { referralId, position, now }, tx, cancellationToken: ct));
        return rows > 0 ? await CatalogVersions.BumpAsync(db, tx, programId, ct) : null;
    }

    /// <summary>Beds (slots) a case manager's key holds now, placed ones aside, and in how many referrals.</summary>
    public static async Task<(int Beds, int Referrals)> HeldByAsync(DbConnection db, DbTransaction? tx, string createdBy, CancellationToken ct)
    {
        var held = await db.QuerySingleAsync<HeldRow>(new CommandDefinition("""
            SELECT COALESCE(SUM(count), 0) AS beds, COUNT(DISTINCT referral_id) AS referrals FROM holds
            WHERE created_by = @createdBy AND released_at IS NULL AND placed_at IS NULL;
            """, new { createdBy }, tx, cancellationToken: ct));
        return ((int)held.Beds, (int)held.Referrals);
    }

    /// <summary>The referrals in which a case manager's key holds beds (slots) now, placed ones aside, with how many each holds.</summary>
    public static async Task<IReadOnlyList<(Guid Referral, int Beds)>> HoldingAsync(DbConnection db, string createdBy, CancellationToken ct) =>
        (await db.QueryAsync<HoldingRow>(new CommandDefinition("""
            SELECT referral_id, SUM(count) AS beds FROM holds
            WHERE created_by = @createdBy AND released_at IS NULL AND placed_at IS NULL
            GROUP BY referral_id;
            """, new { createdBy }, cancellationToken: ct))).Select(r => (r.ReferralId, (int)r.Beds)).ToList();

    private sealed class HeldRow
    {
        public long Beds { get; set; }
        public long Referrals { get; set; }
    }

    private sealed class HoldingRow
    {
        public Guid ReferralId { get; set; }
        public long Beds { get; set; }
    }

    private static readonly DialectSql HeldAtOf = DialectSql.WithList("""
            SELECT h.program_id, h.household_type, s.status, h.placed_at, h.count
            FROM holds h JOIN referral_steps s ON s.referral_id = h.referral_id AND s.position = h.position
            WHERE h.released_at IS NULL AND h.program_id IN @ids;
            """);

    /// <summary>These programs' unreleased holds with the state of the step each holds for, so a shelter can be told what its held beds wait for.</summary>
    public static async Task<IReadOnlyList<HeldFor>> HeldAtAsync(DbConnection db, IReadOnlyCollection<Guid> programIds, CancellationToken ct)
    {
        if (programIds.Count == 0) return [];
        var rows = await db.QueryAsync<HeldForRow>(new CommandDefinition(HeldAtOf.For(db), new { ids = TypeHandlers.AsText(programIds) },
            cancellationToken: ct));
        return rows.Select(r => new HeldFor(r.ProgramId, (HouseholdType)r.HouseholdType,
            Http.HousingJson.TryParse<StepStatus>(r.Status, out var step) ? step : StepStatus.Pending, r.PlacedAt, r.Count)).ToList();
    }

    private sealed class HeldForRow
    {
        public Guid ProgramId { get; set; }
        public int HouseholdType { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset? PlacedAt { get; set; }
        public int Count { get; set; }
    }

    private static readonly DialectSql ActiveOf = DialectSql.WithList("""
            SELECT id, program_id, household_type, count, placed_at, units_json
            FROM holds
            WHERE released_at IS NULL AND program_id IN @ids;
            """);

    /// <summary>The holds that have not been released: every program's, or only these programs'.</summary>
    public static async Task<IReadOnlyList<ActiveHold>> ActiveAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<Guid>? programIds,
        CancellationToken ct)
    {
        if (programIds is { Count: 0 }) return [];
        var rows = programIds is null
            ? await db.QueryAsync<HoldRow>(new CommandDefinition("""
                SELECT id, program_id, household_type, count, placed_at, units_json
                FROM holds
                WHERE released_at IS NULL;
                """, transaction: tx, cancellationToken: ct))
            : await db.QueryAsync<HoldRow>(new CommandDefinition(ActiveOf.For(db), new { ids = TypeHandlers.AsText(programIds) }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToHold()).ToList();
    }

    private sealed class HoldRow
    {
        public long Id { get; set; }
        public Guid ProgramId { get; set; }
        public int HouseholdType { get; set; }
        public int Count { get; set; }
        public DateTimeOffset? PlacedAt { get; set; }
        public string? UnitsJson { get; set; }

        public ActiveHold ToHold() => new(Id, ProgramId, (HouseholdType)HouseholdType, Count, PlacedAt, UnitFit.FromJson(UnitsJson));
    }
}

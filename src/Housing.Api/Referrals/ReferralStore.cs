using System.Data.Common;
using Dapper;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.Programs;
using Microsoft.Extensions.Options;

namespace Housing.Api.Referrals;

public enum CreateOutcome { Created, Replayed, KeyReused, NothingAvailable, HoldLimit }

public enum DecideOutcome { Done, NotFound, Illegal, HoldExpired }

/// <summary>
/// Referrals and their holds. Every change runs in one transaction that also moves the holds
/// and writes the audit row and the webhook events; the in-memory catalog learns the program's
/// holds from that same transaction, tagged with the program's catalog version so that it never
/// takes an older set of holds after a newer one.
/// On SQLite the transaction is IMMEDIATE (the file's one write lock), taken in turn with every
/// other write of the process (<see cref="IDbConnectionFactory.BeginWriteAsync"/>). On PostgreSQL, where
/// several instances write at once, a change locks what it reads before deciding: the referral's
/// row, and the programs it may hold at (in id order), and each hold re-reads open capacity
/// from the database under that lock; a new referral checks its key's hold limit again under a
/// lock on the key just before it commits.
/// </summary>
public sealed class ReferralStore(IDbConnectionFactory connections, ProgramCatalog catalog, MatchIndexCache indexes, IOptions<ReferralOptions> options)
{
    /// <summary>
    /// PostgreSQL: the hold limit checked again just before commit, one transaction of a case
    /// manager's key at a time, counting this referral's hold: two instances checking at once
    /// would not see each other's uncommitted holds. Taken this late, the lock is held only for
    /// the count and the commit.
    /// </summary>
    private const string LockCaseManager = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/referrals-by/' || @createdBy));";

    /// <summary>PostgreSQL: the referral's row, so two instances cannot decide on it at once (SQLite's write lock already does this).</summary>
    private const string LockReferral = "SELECT id FROM referrals WHERE id = @id FOR UPDATE;";

    private const string ReferralColumns = """
        id AS Id, agency_id AS AgencyId, created_by AS CreatedBy, client_reference AS ClientReference,
        household_json AS HouseholdJson, household_type AS HouseholdType, household_size AS HouseholdSize,
        status AS Status, current_position AS CurrentPosition, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public async Task<(CreateOutcome Outcome, Referral? Referral, IReadOnlyList<string> Skipped)> CreateAsync(
        Guid agencyId, string createdBy, string role, string? idempotencyKey, string clientReference,
        HouseholdRequest householdRequest, Household household, IReadOnlyList<Guid> programIds, DateTimeOffset now, CancellationToken ct)
    {
        var requestHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(HousingJson.Serialize(new { programIds, clientReference, householdRequest }))));
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (idempotencyKey is not null && await ReplayAsync(db, tx, agencyId, idempotencyKey, requestHash, ct) is { } replay) return replay;

        var referral = new Referral(Guid.CreateVersion7(), agencyId, createdBy, clientReference, householdRequest,
            household.Type, household.Size, ReferralStatus.Pending, 0,
            programIds.Select((p, i) => new ReferralStep(i, p, StepStatus.Waiting, null, null, null, null, null, null)).ToList(),
            now, now);
        // Another key of the same agency may have just used the same Idempotency-Key on another
        // instance: then nothing is inserted (PostgreSQL waits for that transaction first), and
        // the request is answered as a retry of that one.
        var inserted = await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO referrals (id, agency_id, created_by, idempotency_key, request_hash, client_reference, household_json,
                                   household_type, household_size, status, current_position, created_at, updated_at)
            VALUES (@Id, @AgencyId, @CreatedBy, @idempotencyKey, @requestHash, @ClientReference, @HouseholdJson,
                    @HouseholdTypeCode, @HouseholdSize, 'pending', 0, @CreatedAt, @UpdatedAt)
            ON CONFLICT (agency_id, idempotency_key) DO NOTHING;
            """, new
        {
            referral.Id, referral.AgencyId, referral.CreatedBy, idempotencyKey, requestHash, referral.ClientReference,
            HouseholdJson = HousingJson.Serialize(householdRequest), HouseholdTypeCode = (int)household.Type,
            referral.HouseholdSize, referral.CreatedAt, referral.UpdatedAt,
        }, tx, cancellationToken: ct));
        if (inserted == 0) return await ReplayAsync(db, tx, agencyId, idempotencyKey!, requestHash, ct) ?? throw new InvalidOperationException(
            "A referral insert conflicted, but no referral has its Idempotency-Key.");
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO referral_steps (referral_id, position, program_id, status) VALUES (@ReferralId, @Position, @ProgramId, 'waiting');
            """, referral.Steps.Select(s => new { ReferralId = referral.Id, s.Position, s.ProgramId }), tx, cancellationToken: ct));

        var held = await HoldStore.HeldByAsync(db, tx, createdBy, ct);
        var limit = options.Value.MaxHeldPerCaseManager;
        var needed = programIds.Select(p => catalog.Get(p)?.Program.Definition.Kind).Select(k => k is { } kind ? MatchRules.Needed(kind, household.Size) : household.Size).Min();
        if (held + needed > limit) return (CreateOutcome.HoldLimit, null, [$"This key already holds {held} of its {limit}."]);

        var changed = new Dictionary<Guid, long>();
        await CatalogVersions.LockAsync(db, tx, programIds, ct);
        var (holding, skipped) = await AdvanceAsync(db, tx, referral, 0, household, now, changed, ct);
        if (holding == 0) return (CreateOutcome.NothingAvailable, null, skipped);

        await AuditAsync(db, tx, now, createdBy, role, "referral.created", referral.Id, ct);
        var result = await ReadAsync(db, tx, referral.Id, ct);
        await ReferralEvents.CreatedAsync(db, tx, result!, now, ct);
        var holds = await HoldsOfAsync(db, tx, changed.Keys, ct);
        if (db.IsPostgres())
        {
            await db.ExecuteAsync(new CommandDefinition(LockCaseManager, new { createdBy }, tx, cancellationToken: ct));
            var heldNow = await HoldStore.HeldByAsync(db, tx, createdBy, ct);
            if (heldNow > limit) return (CreateOutcome.HoldLimit, null, [$"This key already holds {heldNow - holding} of its {limit}."]);
        }
        await tx.CommitAsync(ct);
        Publish(holds, changed);
        return (CreateOutcome.Created, result, skipped);
    }

    /// <summary>The answer to a request whose Idempotency-Key the agency has used before, or null if it has not.</summary>
    private static async Task<(CreateOutcome, Referral?, IReadOnlyList<string>)?> ReplayAsync(DbConnection db, DbTransaction tx, Guid agencyId,
        string idempotencyKey, string requestHash, CancellationToken ct)
    {
        var existing = await db.QuerySingleOrDefaultAsync<KeyedRow>(new CommandDefinition("""
            SELECT id AS Id, request_hash AS RequestHash FROM referrals WHERE agency_id = @agencyId AND idempotency_key = @idempotencyKey;
            """, new { agencyId, idempotencyKey }, tx, cancellationToken: ct));
        if (existing is null) return null;
        return existing.RequestHash == requestHash
            ? (CreateOutcome.Replayed, await ReadAsync(db, tx, existing.Id, ct), [])
            : (CreateOutcome.KeyReused, null, []);
    }

    /// <summary>Applies a shelter's or case manager's decision, or an expiry, to the current step.</summary>
    /// <param name="visible">Whether the caller may see the referral at all (404 otherwise).</param>
    /// <param name="mayAct">Whether the caller may decide its current step (409 otherwise); anyone who can see it when null.</param>
    public async Task<(DecideOutcome Outcome, Referral? Referral)> DecideAsync(
        Guid id, ReferralAction action, Func<Referral, bool> visible, string keyId, string role,
        DeclineRequest? decline, DateTimeOffset now, CancellationToken ct, Func<Referral, bool>? mayAct = null)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockReferral, new { id }, tx, cancellationToken: ct));
        var referral = await ReadAsync(db, tx, id, ct);
        if (referral is null || !visible(referral)) return (DecideOutcome.NotFound, null);
        if (!ReferralTransitions.Allowed(referral.Status, action)) return (DecideOutcome.Illegal, referral);
        if (mayAct is not null && !mayAct(referral)) return (DecideOutcome.Illegal, referral);
        // The list of due holds may be stale: another sweep (or a decision) may have moved the
        // referral on to a newer step since, and that step's hold is not due.
        if (action == ReferralAction.Expire && !(referral.Current.Status == StepStatus.Pending && referral.Current.ExpiresAt <= now))
            return (DecideOutcome.Illegal, referral);

        var step = referral.Current;
        // A hold past its time is the sweeper's to expire, even if it has not run yet: a late
        // accept must not take a bed the case manager was told had gone back.
        if (action == ReferralAction.Accept && step.ExpiresAt <= now) return (DecideOutcome.HoldExpired, referral);
        var changed = new Dictionary<Guid, long>();
        await CatalogVersions.LockAsync(db, tx, referral.Steps.Skip(step.Position).Select(s => s.ProgramId), ct);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE referral_steps
            SET status = @status, decided_at = @now, declined_by = @declinedBy, reason_code = @reasonCode, reason_text = @reasonText,
                answered_at = CASE WHEN @answers THEN @now ELSE answered_at END
            WHERE referral_id = @id AND position = @position;
            """, new
        {
            id,
            position = step.Position,
            now,
            status = HousingJson.Text(ReferralTransitions.StepAfter(action)),
            declinedBy = (int?)decline?.DeclinedBy,
            reasonCode = decline?.Reason is { } reason ? HousingJson.Text(reason) : null,
            reasonText = decline?.Text,
            // The shelter's own answer, for the time-to-answer figure; placement and no-show come later.
            answers = action is ReferralAction.Accept or ReferralAction.Decline,
        }, tx, cancellationToken: ct));
        if (ReferralTransitions.ReleasesHold(action) && await HoldStore.ReleaseAsync(db, tx, id, step.Position, step.ProgramId, now, ct) is { } released)
            changed[step.ProgramId] = released;
        if (action == ReferralAction.Place && await HoldStore.PlaceAsync(db, tx, id, step.Position, step.ProgramId, now, ct) is { } placedAt)
            changed[step.ProgramId] = placedAt;
        await ReferralEvents.DecidedAsync(db, tx, referral, step, ReferralTransitions.StepAfter(action),
            catalog.Get(step.ProgramId)?.Program.Definition.OrganizationId, now, ct);

        var moved = false;
        if (ReferralTransitions.Cascades(action) && step.Position + 1 < referral.Steps.Count)
        {
            var household = MatchRequestRules.ValidateHousehold(referral.Household, new Validation())!;
            moved = (await AdvanceAsync(db, tx, referral, step.Position + 1, household, now, changed, ct)).Holding > 0;
        }
        if (!moved) await SetStatusAsync(db, tx, id, ReferralTransitions.StatusAfter(action), step.Position, now, ct);
        if (!moved && ReferralTransitions.Cascades(action))
            await ReferralEvents.ExhaustedAsync(db, tx, referral, step, ReferralTransitions.StepAfter(action), now, ct);

        await AuditAsync(db, tx, now, keyId, role, "referral." + HousingJson.Text(ReferralTransitions.StepAfter(action)), id, ct);
        var result = await ReadAsync(db, tx, id, ct);
        var holds = await HoldsOfAsync(db, tx, changed.Keys, ct);
        await tx.CommitAsync(ct);
        Publish(holds, changed);
        return (DecideOutcome.Done, result);
    }

    /// <summary>Pending steps whose hold ran out, oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> DueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return (await db.QueryAsync<Guid>(new CommandDefinition("""
            SELECT referral_id FROM referral_steps
            WHERE status = 'pending' AND expires_at <= @now
            ORDER BY expires_at
            LIMIT 500;
            """, new { now }, cancellationToken: ct))).ToList();
    }

    /// <summary>Every hold that still counts, for loading the catalog.</summary>
    public async Task<IReadOnlyList<ActiveHold>> ActiveHoldsAsync(CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await HoldStore.ActiveAsync(db, null, null, ct);
    }

    /// <summary>These programs' holds that still count, for refreshing the catalog.</summary>
    public async Task<IReadOnlyList<ActiveHold>> ActiveHoldsAsync(IReadOnlyCollection<Guid> programIds, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await HoldStore.ActiveAsync(db, null, programIds, ct);
    }

    public async Task<Referral?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await ReadAsync(db, null, id, ct);
    }

    /// <param name="agencyId">A case manager's agency: its referrals.</param>
    /// <param name="shelterOrganizationId">A shelter's organisation: referrals that have reached its programs.</param>
    public async Task<IReadOnlyList<Referral>> ListAsync(Guid? agencyId, Guid? shelterOrganizationId, ReferralStatus? status, Guid? programId,
        Guid? after, int limit, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var ids = await db.QueryAsync<Guid>(new CommandDefinition("""
            SELECT r.id
            FROM referrals r
            WHERE (@agencyId IS NULL OR r.agency_id = @agencyId)
              AND (@status IS NULL
                   OR (@shelterOrganizationId IS NULL AND r.status = @status)
                   -- A shelter filters on what happened at its own programs, never on other partners' outcomes.
                   OR (@shelterOrganizationId IS NOT NULL AND EXISTS (
                        SELECT 1 FROM referral_steps s JOIN programs p ON p.id = s.program_id
                        WHERE s.referral_id = r.id AND p.organization_id = @shelterOrganizationId AND s.status = @status)))
              AND (@after IS NULL OR r.id > @after)
              AND (@programId IS NULL OR EXISTS (
                    SELECT 1 FROM referral_steps s WHERE s.referral_id = r.id AND s.program_id = @programId AND s.status <> 'waiting'))
              AND (@shelterOrganizationId IS NULL OR EXISTS (
                    SELECT 1 FROM referral_steps s JOIN programs p ON p.id = s.program_id
                    WHERE s.referral_id = r.id AND p.organization_id = @shelterOrganizationId AND s.status NOT IN ('waiting', 'skipped')))
            ORDER BY r.id
            LIMIT @take;
            """, new { agencyId, shelterOrganizationId, status = status is { } st ? HousingJson.Text(st) : null, programId, after, take = limit + 1 },
            cancellationToken: ct));
        return await ReadManyAsync(db, ids.ToList(), ct);
    }

    public async Task AuditAsync(DateTimeOffset now, string keyId, string role, string action, Guid entityId, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await AuditAsync(db, tx, now, keyId, role, action, entityId, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Tries the programs from <paramref name="from"/> on, in order: the first that the household is
    /// still eligible for and that still has room gets the hold (and its new catalog version goes
    /// into <paramref name="changed"/>); the others are marked skipped. Eligibility comes from the
    /// catalog; room, from the database (<see cref="HoldStore.TryHoldAsync"/>). Returns the beds
    /// (slots) held, 0 when no program had room.
    /// </summary>
    private async Task<(int Holding, List<string> Skipped)> AdvanceAsync(DbConnection db, DbTransaction tx, Referral referral, int from,
        Household household, DateTimeOffset now, Dictionary<Guid, long> changed, CancellationToken ct)
    {
        var skipped = new List<string>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var index = indexes.Get(today);
        var query = CompiledQuery.Compile(new MatchQuery(household, new Wants(), new Safety()), index.Interning, today);
        for (var position = from; position < referral.Steps.Count; position++)
        {
            var programId = referral.Steps[position].ProgramId;
            var reason = Ineligible(index, query, programId);
            var entry = catalog.Get(programId);
            if (reason is null && entry is not null)
            {
                var program = entry.Program;
                var count = MatchRules.Needed(program.Definition.Kind, household.Size);
                if (await HoldStore.TryHoldAsync(db, tx, referral.Id, position, program, household.Type, count, referral.CreatedBy, now, ct) is { } version)
                {
                    changed[programId] = version;
                    await db.ExecuteAsync(new CommandDefinition("""
                        UPDATE referral_steps SET status = 'pending', offered_at = @now, expires_at = @expiresAt
                        WHERE referral_id = @id AND position = @position;
                        """, new { id = referral.Id, position, now, expiresAt = now + options.Value.HoldFor(program.Definition.Kind) }, tx, cancellationToken: ct));
                    await SetStatusAsync(db, tx, referral.Id, ReferralStatus.Pending, position, now, ct);
                    await ReferralEvents.OfferedAsync(db, tx, referral.Id, position, programId, program.Definition.OrganizationId, now, ct);
                    return (count, skipped);
                }
                // A program that never posted has no count to hold against: say so, so the case manager calls.
                reason = entry.Latest is null ? ExclusionReason.CapacityUnknown : ExclusionReason.Full;
            }
            var code = HousingJson.Text(reason ?? ExclusionReason.KindNotWanted);
            skipped.Add($"{programId}: {code}");
            await db.ExecuteAsync(new CommandDefinition("""
                UPDATE referral_steps SET status = 'skipped', decided_at = @now, reason_code = @code
                WHERE referral_id = @id AND position = @position;
                """, new { id = referral.Id, position, now, code }, tx, cancellationToken: ct));
        }
        return (0, skipped);
    }

    /// <summary>The first eligibility reason the program fails (capacity aside: the hold checks that in the database).</summary>
    private static ExclusionReason? Ineligible(MatchIndex index, CompiledQuery query, Guid programId)
    {
        if (!index.Columns.TryGetPosition(programId, out var i)) return ExclusionReason.KindNotWanted;
        Span<ExclusionReason> reasons = stackalloc ExclusionReason[ExclusionReasons.Count];
        var n = MatchRules.Check(in index.Facts[i], query, reasons);
        foreach (var reason in reasons[..n])
        {
            if (reason is not (ExclusionReason.Full or ExclusionReason.CapacityUnknown)) return reason;
        }
        return null;
    }

    private static Task SetStatusAsync(DbConnection db, DbTransaction tx, Guid id, ReferralStatus status, int position, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("""
            UPDATE referrals SET status = @status, current_position = @position, updated_at = @now WHERE id = @id;
            """, new { id, status = HousingJson.Text(status), position, now }, tx, cancellationToken: ct));

    private static Task AuditAsync(DbConnection db, DbTransaction tx, DateTimeOffset now, string keyId, string role, string action, Guid entityId, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_log (at, key_id, role, action, entity_type, entity_id)
            VALUES (@now, @keyId, @role, @action, 'referral', @entityId);
            """, new { now, keyId, role, action, entityId }, tx, cancellationToken: ct));

    /// <summary>The programs' holds as this transaction leaves them; published only once it has committed.</summary>
    private static async Task<ILookup<Guid, ActiveHold>> HoldsOfAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<Guid> programIds, CancellationToken ct) =>
        (await HoldStore.ActiveAsync(db, tx, programIds, ct)).ToLookup(h => h.ProgramId);

    private void Publish(ILookup<Guid, ActiveHold> holds, Dictionary<Guid, long> versions)
    {
        foreach (var (programId, version) in versions) catalog.HoldsChanged(programId, holds[programId].ToList(), version);
    }

    // Dapper sends a list as one parameter per item for SQLite (IN), as one array for PostgreSQL (= ANY).
    private static readonly DialectSql ReferralsIn = new(
        Sqlite: $"SELECT {ReferralColumns} FROM referrals WHERE id IN @text;",
        Postgres: $"SELECT {ReferralColumns} FROM referrals WHERE id = ANY(@text);");

    private const string StepColumns = """
        referral_id AS ReferralId, position AS Position, program_id AS ProgramId, status AS Status, offered_at AS OfferedAt,
        expires_at AS ExpiresAt, decided_at AS DecidedAt, declined_by AS DeclinedBy, reason_code AS ReasonCode, reason_text AS ReasonText
        """;

    private static readonly DialectSql StepsIn = new(
        Sqlite: $"SELECT {StepColumns} FROM referral_steps WHERE referral_id IN @text ORDER BY referral_id, position;",
        Postgres: $"SELECT {StepColumns} FROM referral_steps WHERE referral_id = ANY(@text) ORDER BY referral_id, position;");

    /// <summary>Referrals in the order of <paramref name="ids"/>, with their steps: two queries for a page, not one per referral.</summary>
    private static async Task<IReadOnlyList<Referral>> ReadManyAsync(DbConnection db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var text = TypeHandlers.AsText(ids);
        var rows = (await db.QueryAsync<ReferralRow>(new CommandDefinition(ReferralsIn.For(db), new { text }, cancellationToken: ct)))
            .ToDictionary(r => r.Id);
        var steps = (await db.QueryAsync<StepRow>(new CommandDefinition(StepsIn.For(db), new { text }, cancellationToken: ct))).ToLookup(s => s.ReferralId);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].ToReferral(steps[id].Select(s => s.ToStep()).ToList())).ToList();
    }

    private static async Task<Referral?> ReadAsync(DbConnection db, DbTransaction? tx, Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<ReferralRow>(new CommandDefinition($"""
            SELECT {ReferralColumns} FROM referrals WHERE id = @id;
            """, new { id }, tx, cancellationToken: ct));
        if (row is null) return null;
        var steps = await db.QueryAsync<StepRow>(new CommandDefinition("""
            SELECT position AS Position, program_id AS ProgramId, status AS Status, offered_at AS OfferedAt, expires_at AS ExpiresAt,
                   decided_at AS DecidedAt, declined_by AS DeclinedBy, reason_code AS ReasonCode, reason_text AS ReasonText
            FROM referral_steps
            WHERE referral_id = @id
            ORDER BY position;
            """, new { id }, tx, cancellationToken: ct));
        return row.ToReferral(steps.Select(s => s.ToStep()).ToList());
    }

    private sealed class ReferralRow
    {
        public Guid Id { get; set; }
        public Guid AgencyId { get; set; }
        public string CreatedBy { get; set; } = "";
        public string ClientReference { get; set; } = "";
        public string HouseholdJson { get; set; } = "{}";
        public int HouseholdType { get; set; }
        public int HouseholdSize { get; set; }
        public string Status { get; set; } = "";
        public int CurrentPosition { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public Referral ToReferral(IReadOnlyList<ReferralStep> steps)
        {
            HousingJson.TryParse<ReferralStatus>(Status, out var status);
            return new Referral(Id, AgencyId, CreatedBy, ClientReference, HousingJson.Deserialize<HouseholdRequest>(HouseholdJson),
                (HouseholdType)HouseholdType, HouseholdSize, status, CurrentPosition, steps, CreatedAt, UpdatedAt);
        }
    }

    private sealed class KeyedRow
    {
        public Guid Id { get; set; }
        public string? RequestHash { get; set; }
    }

    private sealed class StepRow
    {
        public Guid ReferralId { get; set; }
        public int Position { get; set; }
        public Guid ProgramId { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset? OfferedAt { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }
        public DateTimeOffset? DecidedAt { get; set; }
        public int? DeclinedBy { get; set; }
        public string? ReasonCode { get; set; }
        public string? ReasonText { get; set; }

        public ReferralStep ToStep()
        {
            HousingJson.TryParse<StepStatus>(Status, out var status);
            return new ReferralStep(Position, ProgramId, status, OfferedAt, ExpiresAt, DecidedAt, (DeclinedBy?)DeclinedBy, ReasonCode, ReasonText);
        }
    }
}

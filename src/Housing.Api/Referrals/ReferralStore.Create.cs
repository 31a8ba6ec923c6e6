using System.Data.Common;
using Dapper;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Organizations;
using Housing.Api.Telemetry;

namespace Housing.Api.Referrals;

/// <summary>
/// How a new referral ended; <see cref="NotAPartner"/>: a listed program takes referrals only from partner agencies, and the
/// agency is not one; <see cref="Superseded"/>: the caller's claim failed at the last moment (a watch another instance fulfilled), and nothing was written.
/// </summary>
public enum CreateOutcome { Created, Replayed, KeyReused, NothingAvailable, HoldLimit, NotAPartner, Superseded }

public sealed partial class ReferralStore
{
    /// <summary>
    /// PostgreSQL: the hold limit checked again just before commit, one transaction of a case
    /// manager's key at a time, counting this referral's hold: two instances checking at once
    /// would not see each other's uncommitted holds. Taken this late, the lock is held only for
    /// the count and the commit.
    /// </summary>
    private const string LockCaseManager = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/referrals-by/' || @createdBy));";

    /// <param name="claim">
    /// Runs in the referral's transaction just before it commits; false rolls everything back
    /// (<see cref="CreateOutcome.Superseded"/>). A watch claims itself here, so it holds once.
    /// </param>
    public async Task<(CreateOutcome Outcome, Referral? Referral, IReadOnlyList<string> Skipped)> CreateAsync(
        Guid agencyId, string createdBy, string role, string? idempotencyKey, string clientReference,
        HouseholdRequest householdRequest, Household household, IReadOnlyList<Guid> programIds, DateTimeOffset now, CancellationToken ct,
        Func<DbConnection, DbTransaction, Referral, Task<bool>>? claim = null)
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
            referral.Id,
            referral.AgencyId,
            referral.CreatedBy,
            idempotencyKey,
            requestHash,
            referral.ClientReference,
            HouseholdJson = HousingJson.Serialize(householdRequest),
            HouseholdTypeCode = (int)household.Type,
            referral.HouseholdSize,
            referral.CreatedAt,
            referral.UpdatedAt,
        }, tx, cancellationToken: ct));
        if (inserted == 0) return await ReplayAsync(db, tx, agencyId, idempotencyKey!, requestHash, ct) ?? throw new InvalidOperationException(
            "A referral insert conflicted, but no referral has its Idempotency-Key.");
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO referral_steps (referral_id, position, program_id, status) VALUES (@ReferralId, @Position, @ProgramId, 'waiting');
            """, referral.Steps.Select(s => new { ReferralId = referral.Id, s.Position, s.ProgramId }), tx, cancellationToken: ct));

        var (held, holdingIn) = await HoldStore.HeldByAsync(db, tx, createdBy, ct);
        var limit = options.Value.MaxHeldPerCaseManager;
        var needed = programIds.Select(p => catalog.Get(p)?.Program.Definition.Kind).Select(k => k is { } kind ? MatchRules.Needed(kind, household.Size) : household.Size).Min();
        if (held + needed > limit) return (CreateOutcome.HoldLimit, null, [HoldLimit.Detail(held, holdingIn, limit, needed)]);

        var changed = new Dictionary<Guid, long>();
        await CatalogVersions.LockAsync(db, tx, programIds, ct);
        // Refused whole rather than skipped like a program the household does not fit: the agency
        // may not refer there at all, and a list it may not make should not quietly hold elsewhere.
        var notPartner = await PartnerStore.NotPartnerOfAsync(db, tx, agencyId, programIds, ct);
        if (notPartner.Count > 0) return (CreateOutcome.NotAPartner, null, programIds.Where(notPartner.Contains).Select(p => p.ToString()).ToList());
        var (holding, skipped) = await AdvanceAsync(db, tx, referral, 0, household, now, changed, ct, notPartner);
        if (holding == 0) return (CreateOutcome.NothingAvailable, null, skipped);

        await AuditAsync(db, tx, now, createdBy, role, "referral.created", referral.Id, ct);
        var result = await ReadAsync(db, tx, referral.Id, ct);
        await ReferralEvents.CreatedAsync(db, tx, result!, now, ct);
        var holds = await HoldsOfAsync(db, tx, changed.Keys, ct);
        if (db.IsPostgres())
        {
            await db.ExecuteAsync(new CommandDefinition(LockCaseManager, new { createdBy }, tx, cancellationToken: ct));
            var (heldNow, holdingNow) = await HoldStore.HeldByAsync(db, tx, createdBy, ct);
            if (heldNow > limit) return (CreateOutcome.HoldLimit, null, [HoldLimit.Detail(heldNow - holding, holdingNow - 1, limit, holding)]);
        }
        // Last, after every lock the referral takes, so a claim's own row lock never waits inside them in the other order.
        if (claim is not null && !await claim(db, tx, result!)) return (CreateOutcome.Superseded, null, []);
        await write.CommitAsync(ct);
        Publish(holds, changed);
        metrics.HoldCreated(claim is null ? HoldSource.Referral : HoldSource.Watch);
        return (CreateOutcome.Created, result, skipped);
    }

    /// <summary>The answer to a request whose Idempotency-Key the agency has used before, or null if it has not.</summary>
    private static async Task<(CreateOutcome, Referral?, IReadOnlyList<string>)?> ReplayAsync(DbConnection db, DbTransaction tx, Guid agencyId,
        string idempotencyKey, string requestHash, CancellationToken ct)
    {
        var existing = await db.QuerySingleOrDefaultAsync<KeyedRow>(new CommandDefinition("""
            SELECT id, request_hash FROM referrals WHERE agency_id = @agencyId AND idempotency_key = @idempotencyKey;
            """, new { agencyId, idempotencyKey }, tx, cancellationToken: ct));
        if (existing is null) return null;
        return existing.RequestHash == requestHash
            ? (CreateOutcome.Replayed, await ReadAsync(db, tx, existing.Id, ct), [])
            : (CreateOutcome.KeyReused, null, []);
    }

    private sealed class KeyedRow
    {
        public Guid Id { get; set; }
        public string? RequestHash { get; set; }
    }
}

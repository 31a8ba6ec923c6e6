using System.Data.Common;
using Dapper;
using Housing.Api.Catalog;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Programs;

namespace Housing.Api.Referrals;

/// <summary>What a shelter's yes to an ask turns into: a referral to its program, already accepted.</summary>
/// <param name="OfferedAt">When the program was asked, so the time to its answer is counted as for any referral.</param>
public sealed record AcceptedReferral(
    Guid AgencyId, string CreatedBy, string ClientReference, HouseholdRequest Household, HouseholdType HouseholdType, int HouseholdSize,
    HousingProgram Program, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt, string AcceptedBy, string AcceptedByRole);

public sealed partial class ReferralStore
{
    /// <summary>
    /// Writes, in the caller's transaction, a referral to one program in status accepted, with the
    /// rows any accepted referral has (its step answered and decided now, its hold, the audit row,
    /// and <c>referral.accepted</c> to the agency), so that from here on it is placed, marked a
    /// no-show or cancelled like any other, its placement is released to the agency, and its beds
    /// count against the case manager's hold limit. The hold is written without the open-capacity
    /// check: the shelter's yes is newer than its last post. Returns the referral, and what to run
    /// once the caller has committed: telling the catalog of the program's new holds.
    /// </summary>
    public async Task<(Referral Referral, Action AfterCommit)> CreateAcceptedAsync(DbConnection db, DbTransaction tx, AcceptedReferral a,
        DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(now);
        var programId = a.Program.Id;
        await CatalogVersions.LockAsync(db, tx, [programId], ct);
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO referrals (id, agency_id, created_by, client_reference, household_json,
                                   household_type, household_size, status, current_position, created_at, updated_at)
            VALUES (@id, @AgencyId, @CreatedBy, @ClientReference, @householdJson,
                    @householdType, @HouseholdSize, 'accepted', 0, @now, @now);
            """, new
        {
            id,
            a.AgencyId,
            a.CreatedBy,
            a.ClientReference,
            householdJson = HousingJson.Serialize(a.Household),
            householdType = (int)a.HouseholdType,
            a.HouseholdSize,
            now,
        }, tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO referral_steps (referral_id, position, program_id, status, offered_at, expires_at, decided_at, answered_at)
            VALUES (@id, 0, @programId, 'accepted', @OfferedAt, @ExpiresAt, @now, @now);
            """, new { id, programId, a.OfferedAt, a.ExpiresAt, now }, tx, cancellationToken: ct));
        var count = MatchRules.Needed(a.Program.Definition.Kind, a.HouseholdSize);
        var version = await HoldStore.HoldAnsweredAsync(db, tx, id, 0, programId, a.HouseholdType, count, a.CreatedBy, now, ct);
        await AuditAsync(db, tx, now, a.AcceptedBy, a.AcceptedByRole, "referral.accepted", id, ct);
        var referral = (await ReadAsync(db, tx, id, ct))!;
        await ReferralEvents.DecidedAsync(db, tx, referral, referral.Current, StepStatus.Accepted, a.Program.Definition.OrganizationId, now, ct);
        var holds = await HoldsOfAsync(db, tx, [programId], ct);
        var changed = new Dictionary<Guid, long> { [programId] = version };
        return (referral, () => Publish(holds, changed));
    }
}

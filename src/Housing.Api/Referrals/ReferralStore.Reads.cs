using Dapper;
using Housing.Api.Availability;
using Housing.Api.Http;

namespace Housing.Api.Referrals;

public sealed partial class ReferralStore
{
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

    /// <summary>The referrals in which this key holds beds (slots) now, placed ones aside, with how many each holds.</summary>
    public async Task<IReadOnlyList<(Referral Referral, int Beds)>> HoldingAsync(string createdBy, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var holding = await HoldStore.HoldingAsync(db, createdBy, ct);
        var read = await ReadManyAsync(db, holding.Select(h => h.Referral).ToList(), ct);
        return read.Select(r => (r, holding.Single(h => h.Referral == r.Id).Beds)).ToList();
    }

    /// <summary>These programs' unreleased holds with the state of the step each holds for.</summary>
    public async Task<IReadOnlyList<HeldFor>> HeldAtAsync(IReadOnlyCollection<Guid> programIds, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await HoldStore.HeldAtAsync(db, programIds, ct);
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
              -- A shelter filters only by its own programs' reached steps: another partner's program
              -- in the filter would tell it where else the referral went.
              AND (@programId IS NULL OR EXISTS (
                    SELECT 1 FROM referral_steps s JOIN programs p ON p.id = s.program_id
                    WHERE s.referral_id = r.id AND s.program_id = @programId AND s.status <> 'waiting'
                      AND (@shelterOrganizationId IS NULL
                           OR (p.organization_id = @shelterOrganizationId AND s.status <> 'skipped'))))
              AND (@shelterOrganizationId IS NULL OR EXISTS (
                    SELECT 1 FROM referral_steps s JOIN programs p ON p.id = s.program_id
                    WHERE s.referral_id = r.id AND p.organization_id = @shelterOrganizationId AND s.status NOT IN ('waiting', 'skipped')))
            ORDER BY r.id
            LIMIT @take;
            """, new { agencyId, shelterOrganizationId, status = status is { } st ? HousingJson.Text(st) : null, programId, after, take = limit + 1 },
            cancellationToken: ct));
        return await ReadManyAsync(db, ids.ToList(), ct);
    }
}

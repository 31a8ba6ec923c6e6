using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;

namespace Housing.Api.Referrals;

/// <summary>Who may see a referral, and how much of it: the agency sees the whole trail, a shelter only its own steps.</summary>
public static partial class ReferralViews
{
    public static bool Visible(Referral r, Caller caller, ProgramCatalog catalog) => caller.Role switch
    {
        Role.CaseManager => r.AgencyId == caller.OrganizationId,
        Role.Shelter => r.Steps.Any(s => Reached(s) && OwnedBy(s.ProgramId, caller, catalog)),
        _ => false,
    };

    /// <summary>A step the referral actually offered to the program: not one still waiting, nor one skipped because it was full or did not fit.</summary>
    private static bool Reached(ReferralStep s) => s.Status is not (StepStatus.Waiting or StepStatus.Skipped);

    public static bool OwnedBy(Guid programId, Caller caller, ProgramCatalog catalog) =>
        catalog.Get(programId)?.Program.Definition.OrganizationId == caller.OrganizationId;

    public static ReferralView View(Referral r, Caller caller, ProgramCatalog catalog)
    {
        var steps = r.Steps
            .Where(s => caller.Role != Role.Shelter || (Reached(s) && OwnedBy(s.ProgramId, caller, catalog)))
            .Select(s => new StepView(s.Position, s.ProgramId, catalog.Get(s.ProgramId)?.Program.Definition.Name, s.Status,
                s.OfferedAt, s.ExpiresAt, s.DecidedAt, s.DeclinedBy, s.ReasonCode, s.ReasonText))
            .ToList();
        if (caller.Role != Role.Shelter)
            return new ReferralView(r.Id, r.AgencyId, r.ClientReference, r.Status, r.HouseholdType, r.HouseholdSize, r.Household, steps, r.CreatedAt, r.UpdatedAt);

        // A shelter sees the referral as it stands at its own programs: whether the household was
        // later accepted or placed by another partner is that partner's data.
        var own = steps.LastOrDefault();
        var status = own?.Status switch
        {
            StepStatus.Accepted => ReferralStatus.Accepted,
            StepStatus.Placed => ReferralStatus.Placed,
            StepStatus.Declined => ReferralStatus.Declined,
            StepStatus.Expired => ReferralStatus.Expired,
            StepStatus.Cancelled => ReferralStatus.Cancelled,
            StepStatus.NoShow => ReferralStatus.NoShow,
            _ => ReferralStatus.Pending,
        };
        var updated = own?.DecidedAt ?? own?.OfferedAt ?? r.CreatedAt;
        return new ReferralView(r.Id, r.AgencyId, r.ClientReference, status, r.HouseholdType, r.HouseholdSize, r.Household, steps, r.CreatedAt, updated);
    }

    /// <summary>A referral's, a watch's or an ask's client reference: pseudonymous, never a name.</summary>
    /// <summary>A referral's, watch's or ask's reference to its client, checked by <see cref="RequestShape"/>.</summary>
    public const string ClientReference = "^[A-Za-z0-9._-]{1,40}$";
}

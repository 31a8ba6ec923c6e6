using System.ComponentModel.DataAnnotations;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.Programs;

namespace Housing.Api.Referrals;

/// <summary>
/// A referral to one program, or to a ranked list (a cascade). The client is a pseudonymous
/// reference the agency chooses; the household is described by its needs, as in a search.
/// Unknown fields are refused, so no name, birth date or contact details can be sent.
/// </summary>
public sealed record CreateReferralRequest(
    [property: Required(ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Referral_ProgramCount)), MinLength(1, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Referral_ProgramCount))]
    [property: MaxLength(10, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Referral_ProgramCount)), UniqueItems(ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_ProgramOnce))]
    IReadOnlyList<Guid>? ProgramIds = null,
    [property: Required, RegularExpression(ReferralViews.ClientReference, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_ClientReference))]
    string? ClientReference = null,
    [property: Required] HouseholdRequest? Household = null);

public sealed record DeclineRequest(
    [property: Required] DeclinedBy? DeclinedBy = null,
    [property: Required] DeclineReason? Reason = null,
    [property: StringLength(500)] string? Text = null);

public sealed record ReferralStep(
    int Position, Guid ProgramId, StepStatus Status, DateTimeOffset? OfferedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? DecidedAt, DeclinedBy? DeclinedBy, string? ReasonCode, string? ReasonText);

public sealed record Referral(
    Guid Id, Guid AgencyId, string CreatedBy, string ClientReference, HouseholdRequest Household,
    HouseholdType HouseholdType, int HouseholdSize, ReferralStatus Status, int CurrentPosition,
    IReadOnlyList<ReferralStep> Steps, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public ReferralStep Current => Steps[CurrentPosition];
}

public sealed record StepView(
    int Position, Guid ProgramId, string? ProgramName, StepStatus Status, DateTimeOffset? OfferedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? DecidedAt, DeclinedBy? DeclinedBy, string? ReasonCode, string? ReasonText);

/// <summary>A referral as its caller may see it: the agency sees the whole trail, a shelter only its own steps.</summary>
public sealed record ReferralView(
    Guid Id, Guid AgencyId, string ClientReference, ReferralStatus Status, HouseholdType HouseholdType, int HouseholdSize,
    HouseholdRequest Household, IReadOnlyList<StepView> Steps, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Released only to the referring agency after the shelter accepts; every read is audited.</summary>
public sealed record PlacementView(Guid ReferralId, Guid ProgramId, string ProgramName, string? Address, GeoPoint Location, IntakeContact IntakeContact);

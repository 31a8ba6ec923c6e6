using System.ComponentModel.DataAnnotations;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.Programs;
using Housing.Api.Referrals;

namespace Housing.Api.Asks;

/// <summary>
/// An ask: the search's household, wants and safety (as <c>POST /v1/matches</c> takes them), a
/// pseudonymous client reference, and optionally which of the programs that would take the
/// household if they had room to ask. Safety is used to choose the programs and then dropped:
/// it is never stored, logged or sent. Unknown fields are refused, so no name can be sent.
/// </summary>
public sealed record CreateAskRequest(
    [property: Required] HouseholdRequest? Household = null,
    WantsRequest? Wants = null,
    SafetyRequest? Safety = null,
    [property: Required, RegularExpression(ReferralViews.ClientReference, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_ClientReference))]
    string? ClientReference = null,
    [property: MinLength(1, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Ask_ProgramsAtLeastOne))]
    [property: UniqueItems(ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_ProgramOnce))]
    IReadOnlyList<Guid>? ProgramIds = null);

public enum AskAnswer { Yes, No }

/// <summary>A shelter's answer for one of its programs: yes (with when the household can arrive, if it says), or no with a coded reason.</summary>
public sealed record AnswerAskRequest(
    [property: Required] AskAnswer? Answer = null,
    DateTimeOffset? ArriveBy = null,
    DeclineReason? Reason = null,
    [property: StringLength(500)] string? Text = null);

/// <summary>open until a yes places the household, every line is answered no or expires (expired), or the agency cancels.</summary>
public enum AskStatus { Open, Placed, Expired, Cancelled }

/// <summary>One program's line: pending until it answers yes or no, is withdrawn (another said yes, or the ask was cancelled) or expires.</summary>
public enum AskLineStatus { Pending, Yes, No, Withdrawn, Expired }

public sealed record AskLine(
    int Position, Guid ProgramId, AskLineStatus Status, DateTimeOffset ExpiresAt, DateTimeOffset? AnsweredAt, string? AnsweredBy,
    string? ReasonCode, string? ReasonText, DateTimeOffset? ArriveBy);

public sealed record Ask(
    Guid Id, Guid AgencyId, string CreatedBy, string ClientReference, HouseholdRequest Household, HouseholdType HouseholdType,
    int HouseholdSize, AskStatus Status, Guid? ReferralId, IReadOnlyList<AskLine> Lines, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt);

public sealed record AskLineView(
    int Position, Guid ProgramId, string? ProgramName, AskLineStatus Status, DateTimeOffset ExpiresAt, DateTimeOffset? AnsweredAt,
    string? ReasonCode, string? ReasonText, DateTimeOffset? ArriveBy);

/// <summary>
/// An ask as its caller may see it. The agency sees every line as it is answered; a shelter sees
/// only its own programs' lines, never the client reference (it reads it on the referral a yes
/// makes) and the referral only when its own program said yes.
/// </summary>
public sealed record AskView(
    Guid Id, Guid AgencyId, string? ClientReference, AskStatus Status, HouseholdType HouseholdType, int HouseholdSize,
    HouseholdRequest Household, IReadOnlyList<AskLineView> Programs, Guid? ReferralId, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt);

public sealed class AskOptions
{
    public const string Section = "Asks";

    /// <summary>Programs one ask reaches at most, best-ranked first.</summary>
    [Range(1, 200)] public int MaxPrograms { get; set; } = 30;
    /// <summary>How long an emergency shelter has to answer: a family waiting tonight cannot wait for a reply tomorrow.</summary>
    [Range(5, 1440)] public int EmergencyMinutes { get; set; } = 120;
    /// <summary>Transitional housing and rapid rehousing answer in days.</summary>
    [Range(60, 43200)] public int TransitionalMinutes { get; set; } = 3 * 24 * 60;
    [Range(60, 43200)] public int RapidRehousingMinutes { get; set; } = 3 * 24 * 60;
    /// <summary>Asks one case manager's key may have open at once, so shelters are not flooded by one script.</summary>
    [Range(1, 1000)] public int MaxOpenPerCaseManager { get; set; } = 5;
    /// <summary>Program lines one case manager's key may send in any 24 hours.</summary>
    [Range(1, 100_000)] public int MaxProgramsPerCaseManagerPerDay { get; set; } = 150;
    /// <summary>How often lines past their time are expired.</summary>
    [Range(1, 3600)] public int SweepSeconds { get; set; } = 15;

    public TimeSpan AnswerWithin(ProgramKind kind) => TimeSpan.FromMinutes(kind switch
    {
        ProgramKind.Emergency => EmergencyMinutes,
        ProgramKind.Transitional => TransitionalMinutes,
        _ => RapidRehousingMinutes,
    });
}

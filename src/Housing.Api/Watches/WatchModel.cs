using System.ComponentModel.DataAnnotations;
using Housing.Api.Matching;
using Housing.Api.Programs;
using Housing.Api.Referrals;

namespace Housing.Api.Watches;

/// <summary>
/// <c>hold</c>: the first fitting bed that opens is held for the household at once, by a
/// referral; <c>notify</c>: the agency is only told, once each time a fitting program opens.
/// </summary>
public enum WatchMode { Hold, Notify }

/// <summary>
/// <c>active</c>: looking; <c>holding</c>: a referral it made waits on the shelter; then
/// <c>fulfilled</c> (the shelter accepted), <c>declined</c> (declined or expired, and not
/// resumed), <c>cancelled</c> or <c>expired</c> (its end passed). The last four are final.
/// </summary>
public enum WatchStatus { Active, Holding, Fulfilled, Declined, Cancelled, Expired }

/// <summary>
/// A standing search: the same household, wants and safety as <c>POST /v1/matches</c>, a
/// pseudonymous client reference, an end and a mode. Unknown fields are refused, so no name or
/// contact details can be sent.
/// </summary>
public sealed record CreateWatchRequest(
    [property: Required, RegularExpression(ReferralViews.ClientReference, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_ClientReference))]
    string? ClientReference = null,
    [property: Required] HouseholdRequest? Household = null,
    WantsRequest? Wants = null,
    SafetyRequest? Safety = null,
    WatchMode? Mode = null,
    bool? ResumeOnDecline = null,
    DateTimeOffset? EndsAt = null);

/// <summary>One thing that happened to a watch.</summary>
public sealed record WatchEvent(DateTimeOffset At, string Event, Guid? ProgramId, string? ProgramName, Guid? ReferralId);

/// <summary>
/// A watch as its agency sees it. <c>safety</c> is shown to that agency alone, and only
/// while the watch is live: it is destroyed when the watch ends.
/// </summary>
public sealed record WatchView(
    Guid Id, Guid AgencyId, string ClientReference, WatchMode Mode, bool ResumeOnDecline, WatchStatus Status,
    HouseholdType HouseholdType, int HouseholdSize, HouseholdRequest Household, WantsRequest Wants, SafetyRequest? Safety,
    IReadOnlyList<Guid> PassedOver, Guid? ReferralId, DateTimeOffset CreatedAt, DateTimeOffset EndsAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? EndedAt, IReadOnlyList<WatchEvent> Trail);

/// <summary>What a <c>watch.matched</c> webhook says: the watch, the program that opened, and (hold mode) the referral holding its beds.</summary>
public sealed record WatchMatchedData(Guid WatchId, WatchMode Mode, Guid ProgramId, Guid? ReferralId);

/// <summary>What a <c>watch.ended</c> webhook says.</summary>
public sealed record WatchEndedData(Guid WatchId, WatchStatus Status, Guid? ReferralId);

/// <summary>A stored watch, as the store reads it (safety still sealed).</summary>
public sealed record Watch(
    Guid Id, Guid AgencyId, string CreatedBy, string ClientReference, WatchMode Mode, bool ResumeOnDecline, WatchStatus Status,
    HouseholdRequest Household, HouseholdType HouseholdType, int HouseholdSize, Wants Wants, string? SealedSafety,
    IReadOnlyList<Guid> PassedOver, Guid? ReferralId, long Version, DateTimeOffset CreatedAt, DateTimeOffset EndsAt,
    DateTimeOffset UpdatedAt, DateTimeOffset? EndedAt)
{
    public bool Live => Status is WatchStatus.Active or WatchStatus.Holding;
}

public sealed class WatchOptions
{
    public const string Section = "Watches";

    /// <summary>How long a watch runs when no end is given.</summary>
    [Range(1, 30)] public int DefaultDays { get; set; } = 7;

    /// <summary>The latest end a watch may have, in days from when it is made.</summary>
    [Range(1, 30)] public int MaxDays { get; set; } = 30;

    /// <summary>Live watches one case manager's key may have at once.</summary>
    [Range(1, 10000)] public int MaxLivePerCaseManager { get; set; } = 50;

    /// <summary>
    /// How often each instance reads which watches are live (others' new watches, ends) and
    /// expires those whose end passed. Posts and released holds are reacted to at once, not on this beat.
    /// </summary>
    [Range(1, 3600)] public int SyncSeconds { get; set; } = 2;

    /// <summary>Programs one notify-mode watch tells about in one pass, best first.</summary>
    [Range(1, 50)] public int MaxNotifiedPerPass { get; set; } = 5;
}

namespace Housing.Api.Referrals;

/// <summary>
/// A referral's life: pending (a shelter is deciding) → accepted → placed; or declined,
/// expired, cancelled, no_show. Declined and expired are final only when the cascade has no
/// program left to try.
/// </summary>
public enum ReferralStatus { Pending, Accepted, Placed, Declined, Expired, Cancelled, NoShow }

/// <summary>What happened at one program on a referral's list.</summary>
public enum StepStatus { Waiting, Pending, Accepted, Placed, Declined, Expired, Cancelled, NoShow, Skipped }

/// <summary>HUD Coordinated Entry referral result 4.20.D: 2 client rejected, 3 provider rejected.</summary>
public enum DeclinedBy { Client = 2, Provider = 3 }

/// <summary>Published reasons a referral is declined; free text may add detail.</summary>
public enum DeclineReason
{
    NoCapacity,
    NotEligible,
    SafetyConcern,
    NeedsNotMet,
    ClientChoseOtherOption,
    ClientUnreachable,
    ClientNoLongerNeedsHousing,
    Other,
}

public enum ReferralAction { Accept, Decline, Place, NoShow, Cancel, Expire }

/// <summary>The legal moves of a referral; everything else is a 409.</summary>
public static class ReferralTransitions
{
    public static bool Allowed(ReferralStatus status, ReferralAction action) => (status, action) switch
    {
        (ReferralStatus.Pending, ReferralAction.Accept) => true,
        (ReferralStatus.Pending, ReferralAction.Decline) => true,
        (ReferralStatus.Pending, ReferralAction.Expire) => true,
        (ReferralStatus.Pending, ReferralAction.Cancel) => true,
        (ReferralStatus.Accepted, ReferralAction.Place) => true,
        (ReferralStatus.Accepted, ReferralAction.NoShow) => true,
        (ReferralStatus.Accepted, ReferralAction.Cancel) => true,
        _ => false,
    };

    /// <summary>Decline, expiry, cancel and no-show give the bed back; accept and place keep it.</summary>
    public static bool ReleasesHold(ReferralAction action) =>
        action is ReferralAction.Decline or ReferralAction.Expire or ReferralAction.Cancel or ReferralAction.NoShow;

    /// <summary>Decline and expiry move a cascade on to its next program.</summary>
    public static bool Cascades(ReferralAction action) => action is ReferralAction.Decline or ReferralAction.Expire;

    public static StepStatus StepAfter(ReferralAction action) => action switch
    {
        ReferralAction.Accept => StepStatus.Accepted,
        ReferralAction.Decline => StepStatus.Declined,
        ReferralAction.Place => StepStatus.Placed,
        ReferralAction.NoShow => StepStatus.NoShow,
        ReferralAction.Cancel => StepStatus.Cancelled,
        _ => StepStatus.Expired,
    };

    /// <summary>The referral's status once the step has moved and no further program is tried.</summary>
    public static ReferralStatus StatusAfter(ReferralAction action) => action switch
    {
        ReferralAction.Accept => ReferralStatus.Accepted,
        ReferralAction.Decline => ReferralStatus.Declined,
        ReferralAction.Place => ReferralStatus.Placed,
        ReferralAction.NoShow => ReferralStatus.NoShow,
        ReferralAction.Cancel => ReferralStatus.Cancelled,
        _ => ReferralStatus.Expired,
    };
}

using Housing.Api.Referrals;

namespace Housing.Api.Web.Pages.Referrals;

/// <summary>
/// The moves that cannot be undone and are one click from others (cancel, arrived, did not
/// arrive) act only when the form says the person confirmed: the page asks in a dialog with
/// JavaScript, and on a confirm step without it. Each sentence is written here once.
/// </summary>
public static class Confirmation
{
    /// <summary>The form field a confirmed post carries.</summary>
    public const string Field = "confirm";

    public const string Yes = "yes";

    public static bool Needed(ReferralAction action) => action is ReferralAction.Cancel or ReferralAction.Place or ReferralAction.NoShow;

    public static string Question(ReferralAction action, string clientReference, string? programName) => action switch
    {
        ReferralAction.Cancel => $"Cancel the referral {clientReference}? Its beds are released at once and the shelter is told. This cannot be undone.",
        ReferralAction.Place => $"Record that the household of {clientReference} has arrived at {programName}? The referral closes as placed. This cannot be undone.",
        ReferralAction.NoShow => $"Record that the household of {clientReference} did not arrive at {programName}? Its beds are released at once. This cannot be undone.",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Only cancel, arrived and did not arrive are confirmed."),
    };

    public static string Accept(ReferralAction action) => action switch
    {
        ReferralAction.Cancel => "Yes, cancel it",
        ReferralAction.Place => "Yes, they have arrived",
        ReferralAction.NoShow => "Yes, they did not arrive",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Only cancel, arrived and did not arrive are confirmed."),
    };

    public static string Refuse(ReferralAction action) => action == ReferralAction.Cancel ? "No, keep it" : "No, go back";

    /// <summary>Why a post without the confirmation did nothing.</summary>
    public const string NotYet = "Nothing has changed yet: this cannot be undone, so it is done only once you confirm.";

    /// <summary>Why a post without the confirmation did nothing, when the move is no longer possible anyway.</summary>
    public const string MovedOn = "Not done: the referral has moved on since your page was drawn. Where it stands now is shown below.";

    /// <summary>The handler the form posts to.</summary>
    public static string Handler(ReferralAction action) => action switch
    {
        ReferralAction.Cancel => "Cancel",
        ReferralAction.Place => "Placed",
        ReferralAction.NoShow => "NoShow",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Only cancel, arrived and did not arrive are confirmed."),
    };
}

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
        ReferralAction.Cancel => Say.Format(ConsoleText.Confirm_Cancel, clientReference),
        ReferralAction.Place => Say.Format(ConsoleText.Confirm_Place, clientReference, programName),
        ReferralAction.NoShow => Say.Format(ConsoleText.Confirm_NoShow, clientReference, programName),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Only cancel, arrived and did not arrive are confirmed."),
    };

    public static string Accept(ReferralAction action) => action switch
    {
        ReferralAction.Cancel => ConsoleText.Confirm_Cancel_Yes,
        ReferralAction.Place => ConsoleText.Confirm_Place_Yes,
        ReferralAction.NoShow => ConsoleText.Confirm_NoShow_Yes,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Only cancel, arrived and did not arrive are confirmed."),
    };

    public static string Refuse(ReferralAction action) => action == ReferralAction.Cancel ? ConsoleText.Confirm_Cancel_No : ConsoleText.Confirm_No;

    /// <summary>Why a post without the confirmation did nothing.</summary>
    public static string NotYet => ConsoleText.Confirm_NotYet;

    /// <summary>Why a post without the confirmation did nothing, when the move is no longer possible anyway.</summary>
    public static string MovedOn => ConsoleText.Confirm_MovedOn;

    /// <summary>The handler the form posts to.</summary>
    public static string Handler(ReferralAction action) => action switch
    {
        ReferralAction.Cancel => "Cancel",
        ReferralAction.Place => "Placed",
        ReferralAction.NoShow => "NoShow",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Only cancel, arrived and did not arrive are confirmed."),
    };
}

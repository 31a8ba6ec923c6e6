namespace Housing.Api.Web.Pages.Shelter;

/// <summary>What a shelter page says after a change it redirected from (post, redirect, get).</summary>
public static class Notices
{
    /// <summary>What a change of counts came to: said on the program's card, where the counts are, so it is in view.</summary>
    public static bool OnCard(string? done) => done is "saved" or "confirmed" or "stale" or "invalid";

    /// <summary>The card's message after a change of counts, or null when <paramref name="done"/> is not one.</summary>
    public static CardMessage? Card(string? done) => OnCard(done) && For(done) is var (notice, problem)
        ? new CardMessage((notice ?? problem)!, problem is not null)
        : null;

    /// <summary>Where a change of counts goes back to: the page it came from, at the program's card, which says how it went.</summary>
    public static string After(string back, Guid programId, string done) =>
        $"{back}{(back.Contains('?') ? '&' : '?')}done={done}&program={programId}#program-{programId}";

    public static string Done(CountOutcome outcome) => outcome switch
    {
        CountOutcome.Saved => "saved",
        CountOutcome.Stale => "stale",
        _ => "invalid",
    };

    public static (string? Notice, string? Problem) For(string? done) => done switch
    {
        "saved" => ("Saved: the new count is posted and offered to case managers now.", null),
        "confirmed" => ("Confirmed: your counts are posted again as they are, so they show as fresh.", null),
        "stale" => (null, "Not saved: a colleague posted newer counts a moment ago. These are the counts now; change them again if they are not right."),
        "invalid" => (null, "Not saved: that count is outside the program's inventory."),
        "accepted" => ("Accepted: the beds stay held for the household.", null),
        "declined" => ("Declined: the beds are released, and a cascade moves on by itself.", null),
        "placed" => ("Placed: the household has arrived.", null),
        "no_show" => ("Recorded as a no-show: the beds are released.", null),
        "ask_yes" => ("Yes sent: the household is yours, as an accepted referral with its beds held. It is listed below under Accepted, waiting for arrival.", null),
        "ask_no" => ("No sent: thank you for answering. Nothing is held.", null),
        _ => (null, null),
    };
}

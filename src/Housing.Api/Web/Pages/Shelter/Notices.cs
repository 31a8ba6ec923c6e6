namespace Housing.Api.Web.Pages.Shelter;

/// <summary>What a shelter page says after a change it redirected from (post, redirect, get).</summary>
public static class Notices
{
    public static (string? Notice, string? Problem) For(string? done) => done switch
    {
        "saved" => ("Saved: the new count is posted and offered to case managers now.", null),
        "confirmed" => ("Confirmed: your counts are posted again as they are, so they show as fresh.", null),
        "stale" => (null, "Not saved: a colleague posted newer counts a moment ago. These are the counts now; click again to change them."),
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

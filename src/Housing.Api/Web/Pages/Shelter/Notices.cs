namespace Housing.Api.Web.Pages.Shelter;

/// <summary>What a shelter page says after a change it redirected from (post, redirect, get).</summary>
public static class Notices
{
    /// <summary>What a change of counts came to: said on the program's card, where the counts are, so it is in view.</summary>
    public static bool OnCard(string? done) => done is "saved" or "flapping" or "confirmed" or "stale" or "invalid";

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
        CountOutcome.SavedFlapping => "flapping",
        CountOutcome.Stale => "stale",
        _ => "invalid",
    };

    public static (string? Notice, string? Problem) For(string? done) => done switch
    {
        "saved" => (ConsoleText.Notice_Saved, null),
        "flapping" => (ConsistencyText.Notice_Flapping, null),
        "confirmed" => (ConsoleText.Notice_Confirmed, null),
        "stale" => (null, ConsoleText.Notice_Stale),
        "invalid" => (null, ConsoleText.Notice_Invalid),
        "accepted" => (ConsoleText.Done_Accepted, null),
        "declined" => (ConsoleText.Done_Declined, null),
        "placed" => (ConsoleText.Done_Placed, null),
        "no_show" => (ConsoleText.Done_NoShow, null),
        "ask_yes" => (ConsoleText.Notice_AskYes, null),
        "ask_no" => (ConsoleText.Notice_AskNo, null),
        "offline" => (ConsoleText.Offline_Taken, null),
        "returned" => (ConsoleText.Offline_Returned, null),
        _ => (null, null),
    };
}

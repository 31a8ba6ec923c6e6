namespace Housing.Api.Web.Pages.Shelter;

/// <summary>
/// The shelter's counts in plain words: what is free, what is offered, and what each held bed
/// waits for. Each sentence is written here once; a measure is "beds", "units" or "slots".
/// </summary>
public static class CountWords
{
    public static string Label(string field) => field switch
    {
        "units" => "Units free now",
        "slots" => "Slots free now",
        _ => "Beds free now",
    };

    public static string Of(int max) => $"of {max}";

    // "Label: count." keeps each sentence whole whatever the count, and the counts line up.
    public static string Offered(int open, string measure) => $"Offered to case managers now: {open} {Display.Count(open, measure)}.";

    public static string AwaitingAnswer(int count, string measure) => $"Held, waiting for your answer: {count} {Display.Count(count, measure)}.";

    public static string AwaitingArrival(int count, string measure) => $"Held for households you accepted, until they arrive: {count} {Display.Count(count, measure)}.";

    public static string ArrivedSinceCount(int count, string measure) =>
        $"Taken by households that arrived since your last count: {count} {Display.Count(count, measure)}. Lower the count when you next post.";

    public static string NotSaved(string why) => $"Not saved: {why}";

    public static string NotANumber(int max) => $"Enter a whole number from 0 to {max}.";

    public static string BelowZero => "Cannot be fewer than 0.";

    public static string AboveInventory(int max, string measure, string household) =>
        $"At most {max}: the inventory has {max} {Display.Count(max, measure)} for {household} today.";
}

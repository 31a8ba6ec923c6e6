using Housing.Api.Web;

namespace Housing.Api.Consistency;

/// <summary>A finding in words, in the request's language: its kind, what was found (with its figures) and what was done.</summary>
public static class ConsistencyWords
{
    public static string Kind(FindingKind kind) => Text("Kind_" + kind);

    public static string Action(FindingAction action) => Text("Action_" + action);

    public static string Describe(Finding f)
    {
        var found = f.Found ?? 0;
        var expected = f.Expected ?? 0;
        var household = f.HouseholdType is { } type ? Terms.Of(type) : "";
        var measure = f.Measure ?? "beds";
        return f.Kind switch
        {
            FindingKind.Flapping => Say.Format(ConsistencyText.Describe_Flapping, found, expected),
            FindingKind.CachedHoldsDiffer => Say.Format(ConsistencyText.Describe_CachedHoldsDiffer, found, Display.Count(found, measure), expected),
            FindingKind.PostedBeyondInventory or FindingKind.HeldBeyondOpen =>
                Say.Format(Text("Describe_" + f.Kind), found, Display.Count(found, measure), household, expected),
            FindingKind.MissingHold => Say.Format(ConsistencyText.Describe_MissingHold, expected, Display.Count(expected, measure), household),
            _ => Say.Format(Text("Describe_" + f.Kind), found, Display.Count(found, measure), household),
        };
    }

    public static FindingView View(Finding f, string programName) =>
        new(f.ProgramId, programName, f.Kind, Describe(f), f.Action, Action(f.Action), f.HouseholdType, f.Measure, f.Found, f.Expected);

    private static string Text(string key) =>
        ConsistencyText.ResourceManager.GetString(key, ConsistencyText.Culture) ?? throw new InvalidOperationException($"ConsistencyText has no {key}.");
}

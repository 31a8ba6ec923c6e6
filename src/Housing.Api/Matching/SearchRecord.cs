using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// What the unmet-need report keeps of a search: the household's shape in coarse bands,
/// the kinds asked for, and the outcome. No safety data, no exact ages, no identifiers.
/// </summary>
public sealed record SearchRecord(
    DateTimeOffset SearchedAt,
    HouseholdType HouseholdType,
    int Adults,
    int Children,
    int ChildrenUnder5,
    int BoysOver12,
    string Kinds,
    int Considered,
    int Matched,
    string? TopReason,
    string ExcludedJson)
{
    // A search that names no kind wants them all: the same text every time.
    private static readonly string AllKinds = string.Join(",", Enum.GetValues<ProgramKind>().Select(HousingJson.Text));

    /// <summary>On every search's path: one pass over the household, nothing computed twice.</summary>
    public static SearchRecord From(MatchQuery query, MatchOutcome outcome, DateTimeOffset at)
    {
        int adults = 0, children = 0, childrenUnder5 = 0, boysOver12 = 0;
        foreach (var member in query.Household.Members)
        {
            if (member.Role != MemberRole.Child)
            {
                adults++;
                continue;
            }
            children++;
            if (member.Age < 5) childrenUnder5++;
            if (member.Age > 12 && member.Genders.Contains(Gender.Man)) boysOver12++;
        }
        var kinds = query.Wants.Kinds is { Count: > 0 } wanted ? string.Join(",", wanted.Select(HousingJson.Text)) : AllKinds;
        var byReason = outcome.ExcludedByReason;
        var excluded = new Dictionary<string, int>(byReason.Count);
        foreach (var reason in byReason) excluded.Add(HousingJson.Text(reason.Code), reason.Count);
        return new SearchRecord(
            at, query.Household.Type, adults, children, childrenUnder5, boysOver12, kinds,
            outcome.Considered, outcome.Matched, byReason.Count > 0 ? HousingJson.Text(byReason[0].Code) : null,
            HousingJson.Serialize(excluded));
    }
}

using Housing.Api.Errors;
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
    public static SearchRecord From(MatchQuery query, MatchOutcome outcome, DateTimeOffset at)
    {
        var members = query.Household.Members;
        var children = members.Where(m => m.Role == MemberRole.Child).ToList();
        var kinds = query.Wants.Kinds is { Count: > 0 } k ? k : Enum.GetValues<ProgramKind>();
        return new SearchRecord(
            at, query.Household.Type, members.Count - children.Count, children.Count,
            children.Count(c => c.Age < 5), children.Count(c => c.Age > 12 && c.Genders.Contains(Gender.Man)),
            string.Join(",", kinds.Select(x => HousingJson.Text(x))),
            outcome.Considered, outcome.Matched,
            outcome.ExcludedByReason.Count > 0 ? HousingJson.Text(outcome.ExcludedByReason[0].Code) : null,
            HousingJson.Serialize(outcome.ExcludedByReason.ToDictionary(r => HousingJson.Text(r.Code), r => r.Count)));
    }
}

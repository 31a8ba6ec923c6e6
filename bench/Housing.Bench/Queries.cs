using Housing.Api.Matching;
using Housing.Api.Programs;

namespace Housing.Bench;

/// <summary>Two search scenarios (the first a variant of the README's scenario 1) as the engine receives them (what MatchRequestRules produces).</summary>
public static class Queries
{
    /// <summary>
    /// Scenario 1: a mother with three children, the youngest a baby, sleeping in her car,
    /// hiding from her trafficker: a family program tonight, away from where he is (8 km around
    /// Metro LA) and out of South LA, where he has people.
    /// </summary>
    public static MatchQuery MotherAndThreeChildren(DateOnly today) => new(
        new Household(
            [
                new HouseholdMember(MemberRole.Adult, 27, [Gender.Woman]),
                new HouseholdMember(MemberRole.Child, 9, [Gender.Man]),
                new HouseholdMember(MemberRole.Child, 5, [Gender.Woman]),
                new HouseholdMember(MemberRole.Child, 0, [Gender.Man]),
            ],
            Languages: ["es", "en"],
            Trafficking: TraffickingExperience.Sex,
            HomelessCategory: 1),
        new Wants([ProgramKind.Emergency, ProgramKind.Transitional], today, 90, [ProgramService.LegalAid, ProgramService.Counseling]),
        new Safety(
            UnsafePlaces: [new UnsafePlace(34.06, -118.28, 8)],
            UnsafeRegions: ["spa-6"]));

    /// <summary>
    /// Scenario 2: a 50-year-old man who escaped labour trafficking: any program that serves
    /// men and labour-trafficking survivors, Spanish-speaking staff if possible, no ID.
    /// </summary>
    public static MatchQuery SingleMan(DateOnly today) => new(
        new Household(
            [new HouseholdMember(MemberRole.Adult, 50, [Gender.Man])],
            Languages: ["es"],
            Trafficking: TraffickingExperience.Labor,
            HomelessCategory: 1,
            HasId: false),
        new Wants(EarliestStart: today),
        new Safety());
}

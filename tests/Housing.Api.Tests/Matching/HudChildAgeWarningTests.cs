using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Matching;
using Housing.Api.Programs;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// 42 U.S.C. 11361a: a HUD-funded program serving families may not deny a family because of
/// a child's age under 18. The engine still applies the program's recorded limit, and flags it.
/// </summary>
public sealed class HudChildAgeWarningTests
{
    private static CatalogEntry FamilyProgram(bool hudFunded, int? maxBoyAge = null, int? maxChildAge = null)
    {
        var id = Guid.CreateVersion7();
        var definition = new ProgramDefinition(
            Guid.CreateVersion7(), "Family Shelter", ProgramKind.Emergency, 0, 90, "spa-3", new GeoPoint(34.07, -118.03),
            false, "1 Main St, El Monte, CA 91731", new IntakeContact("(626) 555-0100"), hudFunded, [],
            [new InventoryItem(HouseholdType.AdultsWithChildren, 4, 16, 0, InventoryAvailability.YearRound, BedType.FacilityBased, new DateOnly(2024, 1, 1), null)],
            new EligibilityProfile { MaxBoyAge = maxBoyAge, MaxChildAge = maxChildAge });
        return new CatalogEntry(new HousingProgram(id, definition, 1, Now, Now),
            new Snapshot(1, id, Now.AddMinutes(-10), [new OpenCount(HouseholdType.AdultsWithChildren, 8, 2, 0)]));
    }

    private static MatchOutcome Search(CatalogEntry program, params HouseholdMember[] children) =>
        MatchEngine.Run(MatchIndex.Build([program], Today),
            new MatchQuery(new Household([new HouseholdMember(MemberRole.Adult, 33, [Gender.Woman]), .. children]), new Wants(), new Safety()),
            Now, new ScoringWeights(), limit: 20, explain: true);

    private static HouseholdMember Boy(int age) => new(MemberRole.Child, age, [Gender.Man]);

    [TestCase(12, null)]
    [TestCase(null, 15)]
    public void AMatchedHudFundedFamilyProgramWithAChildAgeLimitCarriesTheWarning(int? maxBoyAge, int? maxChildAge)
    {
        var outcome = Search(FamilyProgram(hudFunded: true, maxBoyAge, maxChildAge), Boy(8));

        var match = outcome.Matches.Single();
        Assert.That(match.Warnings.Select(w => w.Code), Is.EqualTo(new[] { "hud_child_age_limit" }));
        Assert.That(match.Warnings[0].Message, Does.Contain("11361a"));
    }

    [Test]
    public void TheLimitIsStillAppliedAndGivenAsTheReason()
    {
        var outcome = Search(FamilyProgram(hudFunded: true, maxBoyAge: 12), Boy(14));

        Assert.That(outcome.Matches, Is.Empty);
        Assert.That(outcome.ExcludedPrograms!.Single().Reasons.Select(r => r.Code), Is.EqualTo(new[] { ExclusionReason.BoyTooOld }));
    }

    [Test]
    public void AProgramWithoutHudFundingHasNoWarning()
    {
        var outcome = Search(FamilyProgram(hudFunded: false, maxBoyAge: 12), Boy(8));

        Assert.That(outcome.Matches.Single().Warnings, Is.Empty);
    }

    [Test]
    public void AHudFundedProgramWithoutALimitHasNoWarning()
    {
        var outcome = Search(FamilyProgram(hudFunded: true), Boy(16));

        Assert.That(outcome.Matches.Single().Warnings, Is.Empty);
    }
}

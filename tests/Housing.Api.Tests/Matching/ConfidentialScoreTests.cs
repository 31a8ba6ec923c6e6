using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Matching;
using Housing.Api.Programs;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// A search's unsafe places are points the caller chooses. If a confidential program's score
/// gave its distance from them precisely, three searches would give away where it is.
/// </summary>
public sealed class ConfidentialScoreTests
{
    private const double Latitude = 34.0123, Longitude = -118.1056;

    private static CatalogEntry Program(bool confidential)
    {
        var id = Guid.CreateVersion7();
        var definition = new ProgramDefinition(
            Guid.CreateVersion7(), "Safe House", ProgramKind.Emergency, 0, 90, "spa-7", new GeoPoint(Latitude, Longitude),
            confidential, "41 Quiet Court, Montebello, CA 90640", new IntakeContact("(323) 555-0100"), false, [],
            [new InventoryItem(HouseholdType.AdultsOnly, 10, 10, 0, InventoryAvailability.YearRound, BedType.FacilityBased, new DateOnly(2024, 1, 1), null)],
            new EligibilityProfile());
        return new CatalogEntry(new HousingProgram(id, definition, 1, Now, Now),
            new Snapshot(1, id, Now.AddMinutes(-10), [new OpenCount(HouseholdType.AdultsOnly, 3, 3, 0)]));
    }

    /// <summary>The match for one woman, with an unsafe place of radius 1 km this far due north of the program.</summary>
    private static RankedMatch MatchWithUnsafePlaceAt(CatalogEntry program, double kilometresNorth)
    {
        var place = new UnsafePlace(Latitude + kilometresNorth / 111.195, Longitude, 1);
        var query = new MatchQuery(new Household([new HouseholdMember(MemberRole.Adult, 30, [Gender.Woman])]), new Wants(), new Safety([place]));
        return MatchEngine.Run(MatchIndex.Build([program], Today), query, Now, new ScoringWeights(), 20, false).Matches.Single();
    }

    private static double SafetyMargin(RankedMatch match) => match.Score.Components.Single(c => c.Name == "safety_margin").Value;

    [Test]
    public void AConfidentialProgramsScoreDoesNotTellItsDistanceFromAnUnsafePlaceToTheMetre()
    {
        var program = Program(confidential: true);

        // Within one 5 km step of the margin measured from the program's area (ConfidentialArea).
        var scores = new[] { 12.5, 13.0, 14.0, 15.8 }.Select(km => MatchWithUnsafePlaceAt(program, km)).ToList();

        Assert.That(scores.Select(m => m.Score.Total).Distinct().Count(), Is.EqualTo(1), "moving the unsafe place a few kilometres changes nothing");
        Assert.That(scores.Select(SafetyMargin).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void AConfidentialProgramFartherAwayStillRanksAsSafer()
    {
        var program = Program(confidential: true);

        Assert.That(SafetyMargin(MatchWithUnsafePlaceAt(program, 30)), Is.GreaterThan(SafetyMargin(MatchWithUnsafePlaceAt(program, 8))));
    }

    [Test]
    public void AProgramWithAPublicAddressIsScoredOnItsExactMargin()
    {
        var program = Program(confidential: false);

        Assert.That(SafetyMargin(MatchWithUnsafePlaceAt(program, 11.4)), Is.GreaterThan(SafetyMargin(MatchWithUnsafePlaceAt(program, 11.0))));
    }
}

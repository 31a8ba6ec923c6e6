using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// Scenario 1: a mother with three children, the youngest a baby, hiding from her
/// trafficker in South LA; she needs a family program outside his area, tonight (she can be
/// there by 19:00).
/// </summary>
public sealed class MotherFleeingHerTraffickerTests(DatabaseEngine engine) : SeededCountyTest(engine)
{
    private const double TraffickerLatitude = 33.96, TraffickerLongitude = -118.28, RadiusKm = 8;

    private static JsonObject MotherAndThreeChildren(JsonObject? safety = null) => Search(
        Household(Adult(29, "woman"), Child(9, "man"), Child(6, "woman"), Child(1, "man"))
            .With("trafficking", "sex").With("homelessCategory", 4),
        wants: new JsonObject { ["kinds"] = Array("emergency") },
        safety: safety ?? new JsonObject
        {
            ["unsafePlaces"] = new JsonArray(Place(TraffickerLatitude, TraffickerLongitude, RadiusKm)),
            ["unsafeRegions"] = Array("spa-6"),
        }).With("arriveAt", Tonight);

    /// <summary>She can get there by 19:00 (the clock reads 13:30 in Los Angeles): shelters that check in from 16:00 count.</summary>
    private const string Tonight = "2026-03-02T19:00:00-08:00";

    [Test]
    public async Task EveryMatchTakesTheWholeFamilyTonightFarFromTheTrafficker()
    {
        var safe = await CreateOpenProgramAsync(FamilyShelter("Valley Family Shelter", "spa-2", 34.22, -118.45), OpenFamilyBeds(8, 2));

        var outcome = await CaseManager.MatchAsync(MotherAndThreeChildren());

        Assert.That(outcome.MatchFor(safe), Is.Not.Null, "the open family shelter in the Valley is offered");
        foreach (var match in outcome.Matches())
        {
            var name = (string)match["program"]!["name"]!;
            Assert.That((string?)match["program"]!["kind"], Is.EqualTo("emergency"), name);
            Assert.That((string?)match["program"]!["region"], Is.Not.EqualTo("spa-6"), name);
            Assert.That((string?)match["capacity"]!["householdType"], Is.EqualTo("adults_with_children"), name);
            Assert.That((int)match["capacity"]!["open"]!, Is.GreaterThanOrEqualTo(4), $"{name}: a bed for each of the four");
            Assert.That((int)match["capacity"]!["needed"]!, Is.EqualTo(4), name);
            var (lat, lon) = await TrueLocationAsync(match.ProgramId());
            Assert.That(DistanceKm(TraffickerLatitude, TraffickerLongitude, lat, lon), Is.GreaterThan(RadiusKm), $"{name} is outside the unsafe place");
        }
        var ranks = outcome.Matches().Select(m => (int)m["rank"]!).ToList();
        Assert.That(ranks, Is.EqualTo(Enumerable.Range(1, ranks.Count)));
        Assert.That(outcome.Matches().Select(m => (double)m["score"]!["total"]!), Is.Ordered.Descending);
    }

    [Test]
    public async Task AFamilyShelterInsideTheUnsafePlaceIsExcludedWithThatReason()
    {
        // In spa-8, not the unsafe region, but 3.5 km from the trafficker's home.
        var inside = await CreateOpenProgramAsync(FamilyShelter("Gardena Family Shelter", "spa-8", 33.93, -118.29), OpenFamilyBeds(12, 3));
        Assert.That(DistanceKm(TraffickerLatitude, TraffickerLongitude, 33.93, -118.29), Is.LessThan(RadiusKm));

        var outcome = await CaseManager.MatchAsync(MotherAndThreeChildren(), explain: true);

        Assert.That(outcome.MatchFor(inside), Is.Null);
        Assert.That(outcome.ExclusionCodes(inside), Is.EqualTo(new[] { "inside_unsafe_place" }), "its only reason: it would otherwise take them");
        var excluded = outcome["excludedPrograms"]!.AsArray().Single(p => (string?)p!["programId"] == inside.ToString())!;
        Assert.That((string?)excluded["reasons"]![0]!["sentence"], Does.Contain("unsafe place"));
    }

    [Test]
    public async Task TheSummaryCountsTheExcludedProgramsByReason()
    {
        await CreateOpenProgramAsync(FamilyShelter("Gardena Family Shelter", "spa-8", 33.93, -118.29), OpenFamilyBeds(12, 3));
        var tooSmall = await CreateOpenProgramAsync(FamilyShelter("Hollywood Family Shelter", "spa-4", 34.10, -118.33), OpenFamilyBeds(3, 1));
        var county = await AllProgramsAsync();

        var outcome = await CaseManager.MatchAsync(MotherAndThreeChildren(), explain: true);

        outcome.AssertCountsAddUp();
        Assert.That((int)outcome["considered"]!, Is.EqualTo(county.Count), "every program in the county is considered");
        Assert.That(outcome.ExcludedBy("unsafe_region"), Is.EqualTo(county.Values.Count(p => (string?)p["region"] == "spa-6")),
            "the unsafe region is the first reason for every program in it");
        Assert.That(outcome.ExcludedBy("inside_unsafe_place"), Is.GreaterThanOrEqualTo(1));
        Assert.That(outcome.ExcludedBy("full"), Is.GreaterThanOrEqualTo(1));
        Assert.That(outcome.ExclusionCodes(tooSmall), Is.EqualTo(new[] { "full" }), "three open beds cannot take a family of four");
        var summary = (string)outcome["summary"]!;
        Assert.That(summary, Does.Contain($"{(int)outcome["matched"]!} programs can take the whole household"));
        Assert.That(summary, Does.Contain($"{outcome.ExcludedBy("inside_unsafe_place")} inside an unsafe place"));
        Assert.That(summary, Does.Contain($"{outcome.ExcludedBy("unsafe_region")} in an unsafe region"));
        Assert.That(summary, Does.Contain($"{outcome.ExcludedBy("full")} full"));

        Assert.That(outcome.Exclusions().Keys, Is.EquivalentTo(county.Keys.Except(outcome.Matches().Select(m => m.ProgramId()))),
            "explain lists every program not offered");
        Assert.That(outcome.Exclusions().Values, Has.All.Not.Empty, "each with at least one reason");
        foreach (var program in county.Values.Where(p => (string?)p["region"] == "spa-6"))
            Assert.That(outcome.ExclusionCodes(program.Id()), Does.Contain("unsafe_region"), (string?)program["name"]);
    }

    [Test]
    public async Task ProgramsOfAnUnsafeOrganisationAndAProgramMarkedUnsafeAreExcluded()
    {
        var first = await CreateOpenProgramAsync(FamilyShelter("Valley Family Shelter", "spa-2", 34.22, -118.45), OpenFamilyBeds(8, 2));
        var second = await CreateOpenProgramAsync(FamilyShelter("Westside Family Shelter", "spa-5", 34.03, -118.45), OpenFamilyBeds(8, 2));
        var other = await App.NewShelterAsync("Other Family Housing");
        var body = FamilyShelter("Pasadena Family Shelter", "spa-3", 34.14, -118.13);
        body["organizationId"] = other.OrganizationId.ToString();
        var marked = await other.Client.CreateProgramIdAsync(body);
        await (await other.Client.PostAvailabilityAsync(marked, OpenFamilyBeds(8, 2))).ExpectAsync(System.Net.HttpStatusCode.OK);

        var outcome = await CaseManager.MatchAsync(MotherAndThreeChildren(new JsonObject
        {
            ["unsafeOrganizationIds"] = new JsonArray(Partner.OrganizationId.ToString()),
            ["unsafeProgramIds"] = new JsonArray(marked.ToString()),
        }), explain: true);

        Assert.That(outcome.ExclusionCodes(first), Is.EqualTo(new[] { "unsafe_organization" }));
        Assert.That(outcome.ExclusionCodes(second), Is.EqualTo(new[] { "unsafe_organization" }));
        Assert.That(outcome.ExclusionCodes(marked), Is.EqualTo(new[] { "unsafe_program" }));
        Assert.That(outcome.ExcludedBy("unsafe_organization"), Is.EqualTo(2));
        Assert.That(outcome.ExcludedBy("unsafe_program"), Is.EqualTo(1));
        Assert.That(outcome.Matches().Select(m => (string?)m["program"]!["organizationId"]), Has.None.EqualTo(Partner.OrganizationId.ToString()));
    }

    [Test]
    public async Task AFartherShelterRanksAboveAnOtherwiseIdenticalNearerOne()
    {
        // Both outside the unsafe place; the one 30 km away has the larger safety margin.
        var near = await CreateOpenProgramAsync(FamilyShelter("Inglewood Edge Family Shelter", "spa-8", 33.96, -118.17), OpenFamilyBeds(8, 2));
        var far = await CreateOpenProgramAsync(FamilyShelter("Valley Family Shelter", "spa-8", 34.22, -118.45), OpenFamilyBeds(8, 2));
        Assert.That(DistanceKm(TraffickerLatitude, TraffickerLongitude, 33.96, -118.17), Is.InRange(RadiusKm, RadiusKm + 5));

        var outcome = await CaseManager.MatchAsync(MotherAndThreeChildren());

        var nearMatch = outcome.MatchFor(near)!;
        var farMatch = outcome.MatchFor(far)!;
        Assert.That((int)farMatch["rank"]!, Is.LessThan((int)nearMatch["rank"]!));
        Assert.That(Component(farMatch, "safety_margin"), Is.GreaterThan(Component(nearMatch, "safety_margin")));
        Assert.That(Strings(nearMatch["reasons"]), Has.Some.Contains("km beyond the nearest unsafe place"));
    }

    private static double Component(JsonNode match, string name) =>
        (double)match["score"]!["components"]!.AsArray().Single(c => (string?)c!["name"] == name)!["value"]!;
}

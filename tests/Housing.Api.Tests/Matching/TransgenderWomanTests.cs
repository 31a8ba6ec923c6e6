using System.Text.Json.Nodes;
using Housing.Api.Data;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>Scenario 3: a transgender woman; women-only programs must offer her a place (24 CFR 5.106).</summary>
public sealed class TransgenderWomanTests(DatabaseEngine engine) : SeededCountyTest(engine)
{
    private static JsonObject TransgenderWoman() => Search(Household(Adult(31, "woman", "transgender")).With("trafficking", "sex"));

    [Test]
    public async Task AWomenOnlyProgramWithOpenBedsOffersHerAPlace()
    {
        var womenOnly = await CreateOpenProgramAsync(
            AdultShelter("Westside Women's Shelter", "spa-5", 34.03, -118.45, new JsonObject { ["gendersServed"] = Array("woman") }), OpenAdultBeds(2));

        var outcome = await CaseManager.MatchAsync(TransgenderWoman());

        var match = outcome.MatchFor(womenOnly);
        Assert.That(match, Is.Not.Null);
        Assert.That(Strings(match!["reasons"]), Has.Some.Contains("Serves women, as each person identifies."));
    }

    [Test]
    public async Task NoProgramServingWomenTurnsHerAwayForHerGender()
    {
        var county = await AllProgramsAsync();

        var outcome = await CaseManager.MatchAsync(TransgenderWoman(), explain: true);

        var refusedForGender = outcome.Exclusions().Where(e => e.Value.Contains("gender_not_served")).Select(e => county[e.Key]).ToList();
        Assert.That(refusedForGender, Is.Not.Empty, "the county has men-only programs");
        Assert.That(refusedForGender.Select(p => Strings(p["eligibility"]!["gendersServed"]).ToList()),
            Has.All.Matches<List<string>>(g => g.Count > 0 && !g.Contains("woman") && !g.Contains("transgender")));
    }
}

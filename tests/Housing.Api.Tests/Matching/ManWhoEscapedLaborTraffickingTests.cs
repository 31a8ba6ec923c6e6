using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// Scenario 2: a 50-year-old man who escaped labour trafficking, speaks Spanish and has no
/// ID; the agency's own shelters take only women.
/// </summary>
public sealed class ManWhoEscapedLaborTraffickingTests(DatabaseEngine engine) : SeededCountyTest(engine)
{
    private static JsonObject Man() => Search(
        Household(Adult(50, "man")).With("trafficking", "labor").With("languages", Array("es")).With("hasId", false).With("homelessCategory", 4));

    private static JsonObject MensLaborProgram(params string[] languages) => new()
    {
        ["gendersServed"] = Array("man"),
        ["traffickingTypesServed"] = Array("labor"),
        ["languages"] = Array(languages),
    };

    [Test]
    public async Task AMensLaborTraffickingProgramWithoutAnIdRuleIsOffered()
    {
        var program = await CreateOpenProgramAsync(AdultShelter("Casa Obrera Men's Safe House", "spa-7", 33.98, -118.12, MensLaborProgram("en", "es")), OpenAdultBeds(3));
        var county = await AllProgramsAsync();

        var outcome = await CaseManager.MatchAsync(Man());

        var match = outcome.MatchFor(program);
        Assert.That(match, Is.Not.Null);
        Assert.That(Strings(match!["reasons"]), Has.Some.Contains("No ID required").And.Some.Contains("labor").And.Some.Contains("Staff speak Spanish"));
        Assert.That((int)match["capacity"]!["needed"]!, Is.EqualTo(1));
        foreach (var offered in outcome.Matches().Select(m => county[m.ProgramId()]))
        {
            var eligibility = offered["eligibility"]!;
            var name = (string?)offered["name"];
            Assert.That(Strings(eligibility["gendersServed"]), Is.Empty.Or.Contains("man"), name);
            Assert.That(Strings(eligibility["traffickingTypesServed"]), Is.Empty.Or.Contains("labor"), name);
            Assert.That((bool)eligibility["idRequired"]!, Is.False, name);
        }
    }

    [Test]
    public async Task WomenOnlyProgramsAreExcludedBecauseTheyDoNotServeMen()
    {
        var womenOnly = await CreateOpenProgramAsync(
            AdultShelter("Westside Women's Shelter", "spa-5", 34.03, -118.45, new JsonObject { ["gendersServed"] = Array("woman") }), OpenAdultBeds(5));
        var county = await AllProgramsAsync();

        var outcome = await CaseManager.MatchAsync(Man(), explain: true);

        Assert.That(outcome.ExclusionCodes(womenOnly), Is.EqualTo(new[] { "gender_not_served" }));
        Assert.That(outcome.ExcludedBy("gender_not_served"), Is.GreaterThanOrEqualTo(1));
        foreach (var program in county.Values.Where(p => Strings(p["eligibility"]!["gendersServed"]).SequenceEqual(["woman"])))
            Assert.That(outcome.ExclusionCodes(program.Id()), Does.Contain("gender_not_served"), (string?)program["name"]);
    }

    [Test]
    public async Task ProgramsThatRequireIdAreExcludedBecauseHeHasNone()
    {
        var eligibility = MensLaborProgram("en", "es");
        eligibility["idRequired"] = true;
        var needsId = await CreateOpenProgramAsync(AdultShelter("Harbor Men's Shelter", "spa-8", 33.83, -118.30, eligibility), OpenAdultBeds(4));
        var county = await AllProgramsAsync();

        var outcome = await CaseManager.MatchAsync(Man(), explain: true);

        Assert.That(outcome.ExclusionCodes(needsId), Is.EqualTo(new[] { "id_required" }));
        foreach (var program in county.Values.Where(p => (bool)p["eligibility"]!["idRequired"]!))
            Assert.That(outcome.ExclusionCodes(program.Id()), Does.Contain("id_required"), (string?)program["name"]);
    }

    [Test]
    public async Task SpanishSpeakingStaffOutrankAnOtherwiseIdenticalProgram()
    {
        var english = await CreateOpenProgramAsync(AdultShelter("Workers' Safe House East", "spa-7", 33.98, -118.12, MensLaborProgram("en")), OpenAdultBeds(3));
        var spanish = await CreateOpenProgramAsync(AdultShelter("Workers' Safe House West", "spa-7", 33.98, -118.12, MensLaborProgram("en", "es")), OpenAdultBeds(3));

        var outcome = await CaseManager.MatchAsync(Man());

        var es = outcome.MatchFor(spanish)!;
        var en = outcome.MatchFor(english)!;
        Assert.That((int)es["rank"]!, Is.LessThan((int)en["rank"]!));
        Assert.That((double)es["score"]!["total"]!, Is.GreaterThan((double)en["score"]!["total"]!));
        var esComponents = Components(es);
        var enComponents = Components(en);
        Assert.That(esComponents["language"], Is.EqualTo(1));
        Assert.That(enComponents["language"], Is.EqualTo(0));
        Assert.That(esComponents.Where(c => c.Key != "language"), Is.EquivalentTo(enComponents.Where(c => c.Key != "language")),
            "language is the only difference");
        Assert.That(Strings(en["reasons"]), Has.Some.Contains("do not list any of the household's languages"));
    }

    private static Dictionary<string, double> Components(JsonNode match) =>
        match["score"]!["components"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => (double)c!["value"]!);
}

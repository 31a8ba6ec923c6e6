using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// Scenario 5: a survivor reunited with her family, whose landlord will not protect her:
/// rapid rehousing (a slot for the household), not a shelter bed.
/// </summary>
public sealed class FamilyNeedingRapidRehousingTests(DatabaseEngine engine) : SeededCountyTest(engine)
{
    private static JsonObject ReunitedFamily() => Search(
        Household(Adult(30, "woman"), Adult(32, "man"), Child(5, "woman")).With("trafficking", "sex").With("homelessCategory", 4),
        wants: new JsonObject { ["kinds"] = Array("rapid_rehousing") });

    private JsonObject RapidRehousing(string name, params int[] categories) => ProgramBody(
        name, "rapid_rehousing", "spa-2", 34.22, -118.45,
        new JsonArray(Bodies.Slots("adults_only", 15), Bodies.Slots("adults_with_children", 10)),
        new JsonObject { ["homelessCategories"] = new JsonArray(categories.Select(c => (JsonNode)c).ToArray()) });

    private static JsonObject OpenFamilySlots(int slots) =>
        Bodies.Availability(Bodies.OpenSlots("adults_only", 0), Bodies.OpenSlots("adults_with_children", slots));

    [Test]
    public async Task OnlyRapidRehousingIsOfferedOneSlotForTheWholeFamily()
    {
        var program = await CreateOpenProgramAsync(RapidRehousing("Keys Forward Family Rapid Rehousing", 1, 4), OpenFamilySlots(2));
        var county = await AllProgramsAsync();

        var outcome = await CaseManager.MatchAsync(ReunitedFamily());

        var match = outcome.MatchFor(program);
        Assert.That(match, Is.Not.Null);
        Assert.That((int)match!["capacity"]!["open"]!, Is.EqualTo(2));
        Assert.That(Strings(match["reasons"]), Has.Some.Contains("2 open slots for families with children; this household needs 1."));
        foreach (var m in outcome.Matches())
        {
            var name = (string?)m["program"]!["name"];
            Assert.That((string?)m["program"]!["kind"], Is.EqualTo("rapid_rehousing"), name);
            Assert.That((string?)m["capacity"]!["measure"], Is.EqualTo("slots"), name);
            Assert.That((int)m["capacity"]!["needed"]!, Is.EqualTo(1), name);
            Assert.That((int)m["capacity"]!["open"]!, Is.GreaterThanOrEqualTo(1), name);
            Assert.That((string?)m["capacity"]!["householdType"], Is.EqualTo("adults_with_children"), name);
        }
        Assert.That(outcome.ExcludedBy("kind_not_wanted"), Is.EqualTo(county.Values.Count(p => (string?)p["kind"] != "rapid_rehousing")),
            "every shelter and transitional program, counted as another kind");
    }

    [Test]
    public async Task ARapidRehousingProgramForCategory1OnlyIsExcludedForHerCategory()
    {
        var category1 = await CreateOpenProgramAsync(RapidRehousing("Literally Homeless Rapid Rehousing", 1), OpenFamilySlots(3));

        var outcome = await CaseManager.MatchAsync(ReunitedFamily(), explain: true);

        Assert.That(outcome.ExclusionCodes(category1), Is.EqualTo(new[] { "homeless_category_not_accepted" }));
    }

    [Test]
    public async Task ARapidRehousingProgramWithNoOpenFamilySlotIsFull()
    {
        var full = await CreateOpenProgramAsync(RapidRehousing("Full Rapid Rehousing", 1, 4),
            Bodies.Availability(Bodies.OpenSlots("adults_only", 5), Bodies.OpenSlots("adults_with_children", 0)));

        var outcome = await CaseManager.MatchAsync(ReunitedFamily(), explain: true);

        Assert.That(outcome.ExclusionCodes(full), Is.EqualTo(new[] { "full" }), "open slots for single adults are no use to a family");
    }
}

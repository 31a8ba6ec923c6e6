using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// Scenario 4: a mother with a 14-year-old son. Programs that refuse boys over 12 are
/// excluded with that reason, never silently; a HUD-funded one with such a rule is flagged
/// (42 U.S.C. 11361a).
/// </summary>
public sealed class MotherWithATeenageSonTests(DatabaseEngine engine) : SeededCountyTest(engine)
{
    private static JsonObject MotherAndSon(int sonAge) => Search(Household(Adult(35, "woman"), Child(sonAge, "man")).With("trafficking", "sex"));

    private static JsonObject BoysUpTo12() => new() { ["maxBoyAge"] = 12 };

    [Test]
    public async Task AProgramThatRefusesBoysOver12IsExcludedWithThatReason()
    {
        var refuses = await CreateOpenProgramAsync(FamilyShelter("Mariposa Family Shelter", "spa-3", 34.07, -118.03, BoysUpTo12()), OpenFamilyBeds(8, 2));
        var takesHim = await CreateOpenProgramAsync(FamilyShelter("Sycamore Family Shelter", "spa-3", 34.07, -118.03), OpenFamilyBeds(8, 2));

        var outcome = await CaseManager.MatchAsync(MotherAndSon(14), explain: true);

        Assert.That(outcome.MatchFor(takesHim), Is.Not.Null);
        Assert.That(outcome.MatchFor(refuses), Is.Null);
        Assert.That(outcome.ExclusionCodes(refuses), Is.EqualTo(new[] { "boy_too_old" }));
        Assert.That(outcome.ExcludedBy("boy_too_old"), Is.GreaterThanOrEqualTo(1));
        Assert.That((string)outcome["summary"]!, Does.Contain($"{outcome.ExcludedBy("boy_too_old")} refuse boys this old"));
    }

    [Test]
    public async Task EveryProgramInTheCountyThatRefusesHimSaysSo()
    {
        var county = await AllProgramsAsync();

        var outcome = await CaseManager.MatchAsync(MotherAndSon(14), explain: true);

        var refusing = county.Values.Where(p => (int?)p["eligibility"]!["maxBoyAge"] is < 14).ToList();
        Assert.That(refusing, Is.Not.Empty, "the demo county has programs that refuse boys over 12");
        foreach (var program in refusing)
        {
            Assert.That(outcome.MatchFor(program.Id()), Is.Null, (string?)program["name"]);
            Assert.That(outcome.ExclusionCodes(program.Id()), Does.Contain("boy_too_old"), (string?)program["name"]);
        }
    }

    [Test]
    public async Task AHudFundedProgramWithABoyAgeLimitCarriesTheWarning()
    {
        var created = await Partner.Client.CreateProgramAsync(FamilyShelter("Bethany Family Housing", "spa-3", 34.07, -118.03, BoysUpTo12(), hudFunded: true));
        var id = created.Id();
        await (await Partner.Client.PostAvailabilityAsync(id, OpenFamilyBeds(8, 2))).ExpectAsync(HttpStatusCode.OK);

        Assert.That(created.Codes("warnings"), Is.EqualTo(new[] { "hud_child_age_limit" }), "flagged at create");
        Assert.That((await CaseManager.GetJsonAsync($"/v1/programs/{id}")).Codes("warnings"), Is.EqualTo(new[] { "hud_child_age_limit" }));

        var withTeen = await CaseManager.MatchAsync(MotherAndSon(14), explain: true);
        Assert.That(withTeen.ExclusionCodes(id), Is.EqualTo(new[] { "boy_too_old" }), "the policy is recorded, and still applied");

        var withYoungerBoy = await CaseManager.MatchAsync(MotherAndSon(10));
        var match = withYoungerBoy.MatchFor(id);
        Assert.That(match, Is.Not.Null, "a 10-year-old is within the limit");
        Assert.That(match!.Codes("warnings"), Is.EqualTo(new[] { "hud_child_age_limit" }));
        Assert.That(Strings(match!["reasons"]), Does.Contain("Takes boys up to age 12."));
    }

    [Test]
    public async Task AProgramWithoutHudFundingOrWithoutALimitCarriesNoWarning()
    {
        var notHud = await Partner.Client.CreateProgramAsync(FamilyShelter("Mariposa Family Shelter", "spa-3", 34.07, -118.03, BoysUpTo12()));
        var noLimit = await Partner.Client.CreateProgramAsync(FamilyShelter("Sycamore Family Shelter", "spa-3", 34.07, -118.03, hudFunded: true));
        await (await Partner.Client.PostAvailabilityAsync(noLimit.Id(), OpenFamilyBeds(8, 2))).ExpectAsync(HttpStatusCode.OK);
        await (await Partner.Client.PostAvailabilityAsync(notHud.Id(), OpenFamilyBeds(8, 2))).ExpectAsync(HttpStatusCode.OK);

        var outcome = await CaseManager.MatchAsync(MotherAndSon(10));

        Assert.That(notHud.Codes("warnings"), Is.Empty);
        Assert.That(noLimit.Codes("warnings"), Is.Empty);
        Assert.That(outcome.MatchFor(notHud.Id())!.Codes("warnings"), Is.Empty);
        Assert.That(outcome.MatchFor(noLimit.Id())!.Codes("warnings"), Is.Empty);
    }
}

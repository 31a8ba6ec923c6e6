using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// A search that finds fewer programs than asked for says where to turn: how many programs would
/// take the household if they had room, and the deployment's fallback resources.
/// </summary>
public sealed class NextStepsTests(DatabaseEngine engine) : HousingTest(engine)
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        // After the national hotline that appsettings.json lists first.
        ["Fallbacks:Resources:1:Name"] = "County Shelter Line",
        ["Fallbacks:Resources:1:Phone"] = "211",
        ["Fallbacks:Resources:1:Hours"] = "24/7",
        ["Fallbacks:Resources:1:Languages:0"] = "en",
        ["Fallbacks:Resources:1:Languages:1"] = "ko",
    };

    private HttpClient _caseManager = null!;
    private Shelter _shelter = null!;

    [SetUp]
    public async Task AShelterForWomenAndFamilies()
    {
        _caseManager = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency"));
        _shelter = await App.NewShelterAsync();
    }

    private static JsonObject Family(int limit) =>
        Search(Household(Adult(29, "woman"), Child(1, "man")), wants: new JsonObject { ["kinds"] = Array("emergency") }, limit: limit);

    [Test]
    public async Task NoMatchCountsTheProgramsThatWouldTakeTheHouseholdWithRoomAndListsTheFallbacks()
    {
        var full = await _shelter.Client.CreateProgramIdAsync(Bodies.Emergency(_shelter.OrganizationId, "Full House"));
        await (await _shelter.Client.PostAvailabilityAsync(full, Bodies.OpenBeds(5, 0))).ExpectAsync(HttpStatusCode.OK);
        await _shelter.Client.CreateProgramIdAsync(Bodies.Emergency(_shelter.OrganizationId, "Never Posted"));
        // A men-only program would not take her even with room.
        var menOnly = Bodies.Emergency(_shelter.OrganizationId, "Men's Shelter");
        menOnly["eligibility"]!["gendersServed"] = Array("man");
        await _shelter.Client.CreateProgramIdAsync(menOnly);

        var outcome = await _caseManager.MatchAsync(Family(5));

        Assert.That(outcome.Matches(), Is.Empty);
        var next = outcome["nextSteps"]!;
        Assert.That((int)next["wouldFitWithRoom"]!, Is.EqualTo(2), "the full one and the one that never posted");
        Assert.That((string?)next["summary"], Does.StartWith("2 more programs would take this household if they had room"));
        var offers = next["offers"]!.AsArray();
        Assert.That(offers.Select(o => (string?)o!["action"]), Is.EqualTo(new[] { "ask", "watch" }));
        Assert.That((int?)offers[0]!["programs"], Is.EqualTo(2));
        Assert.That((string?)offers[0]!["href"], Is.EqualTo("/v1/asks"));
        Assert.That((string?)offers[1]!["href"], Is.EqualTo("/v1/watches"));
        var fallbacks = next["fallbacks"]!.AsArray();
        Assert.That(fallbacks.Select(f => (string?)f!["name"]), Is.EqualTo(new[] { "National Human Trafficking Hotline", "County Shelter Line" }));
        var fallback = fallbacks[1]!;
        Assert.That((string?)fallback["name"], Is.EqualTo("County Shelter Line"));
        Assert.That((string?)fallback["phone"], Is.EqualTo("211"));
        Assert.That((string?)fallback["hours"], Is.EqualTo("24/7"));
        Assert.That(fallback["languages"]!.AsArray().Select(l => (string?)l), Is.EqualTo(new[] { "en", "ko" }));
    }

    [Test]
    public async Task ASearchThatFindsAsManyAsItAskedForHasNoNextSteps()
    {
        var open = await _shelter.Client.CreateProgramIdAsync(Bodies.Emergency(_shelter.OrganizationId, "Open House"));
        await (await _shelter.Client.PostAvailabilityAsync(open, Bodies.OpenBeds(0, 6))).ExpectAsync(HttpStatusCode.OK);

        var enough = await _caseManager.MatchAsync(Family(1));
        var fewer = await _caseManager.MatchAsync(Family(2));

        Assert.That(enough.Matches(), Has.Count.EqualTo(1));
        Assert.That(enough.AsObject().ContainsKey("nextSteps"), Is.False);
        Assert.That((int?)fewer["nextSteps"]?["wouldFitWithRoom"], Is.EqualTo(0), "fewer than asked for: where to turn, with nobody to call back");
        Assert.That(fewer["nextSteps"]!["offers"]!.AsArray().Select(o => (string?)o!["action"]), Is.EqualTo(new[] { "watch" }),
            "nobody to ask, but a watch still waits for a bed");
    }

    [Test]
    public async Task AnAdminsSearchOffersNothingItCouldNotDo()
    {
        var full = await _shelter.Client.CreateProgramIdAsync(Bodies.Emergency(_shelter.OrganizationId, "Full House"));
        await (await _shelter.Client.PostAvailabilityAsync(full, Bodies.OpenBeds(0, 0))).ExpectAsync(HttpStatusCode.OK);

        var outcome = await Admin.MatchAsync(Family(5));

        Assert.That((int)outcome["nextSteps"]!["wouldFitWithRoom"]!, Is.EqualTo(1));
        Assert.That(outcome["nextSteps"]!["offers"]!.AsArray(), Is.Empty, "asks and watches are a case manager's");
    }

    [Test]
    public async Task AFallbackWithoutAPhoneOrAnAddressStopsTheServiceAtStart()
    {
        await using var app = new HousingApp(settings: new Dictionary<string, string?>
        {
            ["Fallbacks:Resources:1:Name"] = "A line nobody can reach",
            ["Fallbacks:Resources:1:Hours"] = "24/7",
        });

        var error = Assert.Catch(() => app.CreateClient());
        Assert.That(error!.ToString(), Does.Contain("Fallbacks:Resources entry needs a Name, its Hours, and a Phone or a Url"));
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>
/// The search page takes an unsafe place the way people know it (a ZIP code, a city) and says
/// where the circle lies, as it will be searched; the lookup never leaves the service.
/// </summary>
public sealed partial class ConsoleUnsafePlaceTests(DatabaseEngine engine) : HousingTest(engine)
{
    private Task<(ConsoleBrowser Browser, string Form)> SearchPageAsync() => App.SearchPageWithOneShelterAsync();

    private static Dictionary<string, string> Searching(Dictionary<string, string> place)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Members[0].Role"] = "adult",
            ["Form.Members[0].Age"] = "29",
            ["Form.Members[0].Genders"] = "woman",
            ["Form.IdempotencyKey"] = "page-1",
        };
        foreach (var (key, value) in place) fields["Form.Places[0]." + key] = value;
        return fields;
    }

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        return WebUtility.HtmlDecode(html);
    }

    [TestCase("90057")]
    [TestCase("Los Angeles")]
    [TestCase("Los Angeles, CA")]
    public async Task AZipCodeOrCityTypedAsTheUnsafePlaceLeavesOutTheShelterInsideIt(string where)
    {
        var (browser, form) = await SearchPageAsync();

        var page = await TextAsync(await browser.PostFormAsync("/search", form, Searching(new() { ["Where"] = where })));

        Assert.That(page, Does.Contain("0 programs can take the whole household now"));
        Assert.That(page, Does.Contain("inside an unsafe place"));
    }

    [Test]
    public async Task TheSearchSaysWhereEachPlaceLiesAndHowFarItReaches()
    {
        var (browser, form) = await SearchPageAsync();

        var page = await TextAsync(await browser.PostFormAsync("/search", form, Searching(new() { ["Where"] = "90057", ["RadiusKm"] = "3" })));

        Assert.That(page, Does.Contain("ZIP code 90057: a 3 km circle around its centre,"));
    }

    [Test]
    public async Task APlaceTheServiceDoesNotKnowIsNamedBesideTheFieldAndNothingIsSearched()
    {
        var (browser, form) = await SearchPageAsync();

        var page = await TextAsync(await browser.PostFormAsync("/search", form, Searching(new() { ["Where"] = "Gotham" })));

        Assert.That(page, Does.Contain("'Gotham' is not a ZIP code or place this service knows"));
        Assert.That(page, Does.Contain("aria-invalid=\"true\""));
        Assert.That(page, Does.Not.Contain("can take the whole household now"));
    }

    [Test]
    public async Task AnUnknownZipCodeSaysWhichStatesTheServiceCovers()
    {
        var (browser, form) = await SearchPageAsync();

        var page = await TextAsync(await browser.PostFormAsync("/search", form, Searching(new() { ["Where"] = "10001" })));

        Assert.That(page, Does.Contain("ZIP code 10001 is not one this service knows: it covers CA."));
    }

    [Test]
    public async Task APlaceAndCoordinatesTogetherAreRefused()
    {
        var (browser, form) = await SearchPageAsync();

        var page = await TextAsync(await browser.PostFormAsync("/search", form,
            Searching(new() { ["Where"] = "90057", ["Latitude"] = "34.06", ["Longitude"] = "-118.28" })));

        Assert.That(page, Does.Contain("Give a ZIP code or place, or a latitude and longitude, not both."));
    }

    [Test]
    public async Task CoordinatesWithoutARadiusTakeFiveKilometres()
    {
        var (browser, form) = await SearchPageAsync();

        var page = await TextAsync(await browser.PostFormAsync("/search", form,
            Searching(new() { ["Latitude"] = "34.0612", ["Longitude"] = "-118.2801" })));

        Assert.That(page, Does.Contain("0 programs can take the whole household now"));
        Assert.That(page, Does.Contain("a 5 km circle around a point"));
    }

    [Test]
    public async Task ThePreviewIsRefusedWithoutThePagesAntiforgeryToken()
    {
        var (browser, _) = await SearchPageAsync();

        var response = await browser.PostFormAsync("/search?handler=Place", null, new() { ["Form.Places[0].Where"] = "90057" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task TheMapShowsPublicLocationsAndRegionNamesButNeverAConfidentialProgram()
    {
        var (browser, _) = await SearchPageAsync();
        await App.NewConfidentialProgramAsync();

        var page = await browser.GetPageAsync("/search");

        var data = System.Text.Json.Nodes.JsonNode.Parse(MapData().Match(page).Groups[1].Value)!;
        Assert.That(data["programs"]!.AsArray().Select(p => (string?)p!["name"]), Is.EqualTo(new[] { "Harbor House Emergency Shelter" }));
        Assert.That(data["regions"]!.AsArray().Select(r => (string?)r!["name"]), Is.EqualTo(new[] { "Metro Los Angeles (SPA 4) · 1 confidential" }),
            "by the name the deployment gave it, counting its confidential program without placing it");
        Assert.That(data.ToJsonString(), Does.Not.Contain("34.0187"), "not even the confidential program's position");
        Assert.That((string?)data["tiles"], Is.Empty, "no tile server unless the deployment chooses one");
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"unsafe-map-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex MapData();

    [TestCase("90057", "ZIP code 90057: a 5 km circle around its centre")]
    [TestCase("Compton", "Compton, CA: a ")]
    [TestCase("Nowhere Town", "'Nowhere Town' is not a ZIP code or place")]
    public async Task ThePreviewWhileTypingIsPostedAndSaysWhereThePlaceIs(string where, string says)
    {
        var (browser, form) = await SearchPageAsync();

        var response = await browser.PostFormAsync("/search?handler=Place", form, new() { ["Form.Places[0].Where"] = where });

        var preview = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.That((string?)preview["text"], Does.StartWith(says));
        Assert.That(preview["latitude"] is null, Is.EqualTo(where == "Nowhere Town"), "a known place has its circle, for the map");
    }

    [Test]
    public async Task APointOnTheOtherSideOfThePlanetIsCalledOutAsItIsTyped()
    {
        var (browser, form) = await SearchPageAsync();

        var response = await browser.PostFormAsync("/search?handler=Place", form,
            new() { ["Form.Places[0].Latitude"] = "33.96", ["Form.Places[0].Longitude"] = "118.28" });

        Assert.That((string?)(await response.ExpectAsync(HttpStatusCode.OK))["text"], Does.Contain("Check the signs"));
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>
/// The open-beds page: open capacity across programs, freshest first, filtered as the API's
/// listing is, with a map that shows a confidential program only as a count in its region.
/// </summary>
public sealed partial class ConsoleOpenBedsTests(DatabaseEngine engine) : HousingTest(engine)
{
    private ConsoleBrowser _caseManager = null!;
    private Guid _older, _newer, _confidential, _full;

    [SetUp]
    public async Task FourPrograms()
    {
        var shelter = await App.NewShelterAsync();
        _older = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Older Count Shelter"));
        await (await shelter.Client.PostAvailabilityAsync(_older, Bodies.OpenBeds(2, 0))).ExpectAsync(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromHours(3));
        _newer = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Newer Count Shelter", "spa-6"));
        await (await shelter.Client.PostAvailabilityAsync(_newer, Bodies.OpenBeds(0, 6))).ExpectAsync(HttpStatusCode.OK);
        _full = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Full House"));
        await (await shelter.Client.PostAvailabilityAsync(_full, Bodies.OpenBeds(0, 0))).ExpectAsync(HttpStatusCode.OK);
        _confidential = await shelter.Client.CreateProgramIdAsync(Bodies.ConfidentialEmergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(_confidential, Bodies.OpenBeds(1, 1))).ExpectAsync(HttpStatusCode.OK);
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        _caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency));
    }

    private static IReadOnlyList<string> Listed(string page) => Names().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [Test]
    public async Task ProgramsWithRoomAreListedFreshestFirstAndFullOnesAreNot()
    {
        var page = await _caseManager.GetPageAsync("/beds");

        Assert.That(Listed(page), Is.EqualTo(new[] { "Newer Count Shelter", "Safe Haven", "Older Count Shelter" }), "posted at the same time: by name");
        Assert.That(page, Does.Contain("3 programs with room, freshest first"));
        Assert.That(WebUtility.HtmlDecode(page), Does.Contain("6 beds for families with children"));
        Assert.That(page, Does.Contain("South Los Angeles (SPA 6)"));
    }

    [TestCase("?householdType=adults_only", new[] { "Safe Haven", "Older Count Shelter" })]
    [TestCase("?householdType=adults_with_children&minOpen=2", new[] { "Newer Count Shelter" })]
    [TestCase("?region=spa-6", new[] { "Newer Count Shelter" })]
    [TestCase("?kind=transitional", new string[0])]
    [TestCase("?minOpen=0", new[] { "Full House", "Newer Count Shelter", "Safe Haven", "Older Count Shelter" })]
    public async Task TheFiltersNarrowTheList(string query, string[] expected)
    {
        var page = await _caseManager.GetPageAsync("/beds" + query);

        Assert.That(Listed(page), Is.EqualTo(expected));
    }

    [Test]
    public async Task OnlyFreshCountsLeaveOutOnesPostedLongAgo()
    {
        App.Clock.Advance(TimeSpan.FromHours(20));
        var shelter = await App.NewShelterAsync("Night Shelter");
        var tonight = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Tonight Shelter"));
        await (await shelter.Client.PostAvailabilityAsync(tonight, Bodies.OpenBeds(1, 0))).ExpectAsync(HttpStatusCode.OK);

        // A new session: the one from before has ended by now.
        var agency = await Admin.CreateOrganizationAsync("Night Agency", "agency");
        var caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency));

        var page = await caseManager.GetPageAsync("/beds?fresh=fresh");
        Assert.That(Listed(page), Is.EqualTo(new[] { "Tonight Shelter" }), page);
    }

    [TestCase("?minOpen=many", "f-minOpen")]
    [TestCase("?kind=castle", "f-kind")]
    [TestCase("?region=spa-99", "f-region")]
    public async Task AFilterThatIsNotOneOfTheChoicesIsExplainedBesideIt(string query, string input)
    {
        var response = await _caseManager.Client.GetAsync("/beds" + query);
        var page = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page, Does.Contain($"href=\"#{input}\""));
        Assert.That(Listed(page), Is.Empty);
    }

    [Test]
    public async Task AConfidentialProgramIsOnTheMapOnlyAsACountInItsRegion()
    {
        var page = await _caseManager.GetPageAsync("/beds");

        var map = System.Text.Json.Nodes.JsonNode.Parse(MapData().Match(page).Groups[1].Value)!;
        Assert.That(map.ToJsonString(), Does.Not.Contain("Safe Haven").And.Not.Contain(Bodies.ConfidentialLatitude.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(map["regions"]!.AsArray().Select(r => (string?)r!["name"]), Does.Contain("Metro Los Angeles (SPA 4) · 1 confidential"));
        Assert.That(page, Does.Not.Contain(Bodies.ConfidentialAddress));
    }

    [Test]
    public async Task EachProgramLinksToASearchThatTicksItForTheReferral()
    {
        var page = await _caseManager.GetPageAsync("/beds");
        Assert.That(page, Does.Contain($"href=\"/search?program={_newer}\""));

        var search = WebUtility.HtmlDecode(await _caseManager.GetPageAsync($"/search?program={_newer}"));

        Assert.That(search, Does.Contain("To refer to Newer Count Shelter: describe the household and find matches."));
        Assert.That(search, Does.Contain($"name=\"Form.Focus\" value=\"{_newer}\""));
        var results = await _caseManager.PostFormAsync("/search", search, new()
        {
            ["Form.Members[0].Role"] = "adult",
            ["Form.Members[0].Age"] = "30",
            ["Form.Members[0].Genders"] = "woman",
            ["Form.Members[1].Role"] = "child",
            ["Form.Members[1].Age"] = "4",
            ["Form.Focus"] = _newer.ToString(),
            ["Form.IdempotencyKey"] = "beds-1",
        });
        var html = await results.Content.ReadAsStringAsync();
        Assert.That(html, Does.Match($"id=\"f-pick-{_newer}\" name=\"Form.Selected\" value=\"{_newer}\" checked"));
    }

    [Test]
    public async Task AShelterCannotOpenThePage()
    {
        var shelter = await App.NewShelterAsync("Other Shelter");
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId));

        Assert.That((await browser.Client.GetAsync("/beds")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [GeneratedRegex("<li class=\"bed\">\\s*<h3>([^<]+?) <span")]
    private static partial Regex Names();

    [GeneratedRegex("<script type=\"application/json\" id=\"beds-map-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex MapData();
}

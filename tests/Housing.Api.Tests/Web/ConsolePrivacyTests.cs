using System.Net;
using System.Text.RegularExpressions;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>Through the console as through the API: no confidential address before acceptance, ownership as a 404, the same audit rows.</summary>
public sealed partial class ConsolePrivacyTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task TheConsoleShowsAConfidentialAddressOnlyInTheAuditedPlacementAfterAcceptance()
    {
        var shelter = await App.NewShelterAsync();
        var safeHaven = await shelter.Client.CreateProgramIdAsync(Bodies.ConfidentialEmergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(safeHaven, Bodies.OpenBeds(2, 5))).ExpectAsync(HttpStatusCode.OK);
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency));

        var form = await browser.GetPageAsync("/search");
        var family = new Dictionary<string, string>
        {
            ["Form.Members[0].Role"] = "adult",
            ["Form.Members[0].Age"] = "29",
            ["Form.Members[0].Genders"] = "woman",
            ["Form.Members[1].Role"] = "child",
            ["Form.Members[1].Age"] = "1",
            ["Form.IdempotencyKey"] = "page-1",
        };
        var results = await (await browser.PostFormAsync("/search", form, family)).Content.ReadAsStringAsync();
        Assert.That(results, Does.Contain("1 program can take the whole household now").And.Contain("Safe Haven"));
        AssertNoSecret(results);

        var referred = await browser.PostFormAsync("/search?handler=Refer", results,
            new(family) { ["Form.ClientReference"] = "PCAT-2291", ["only"] = safeHaven.ToString() });
        var referralPage = await referred.Content.ReadAsStringAsync();
        var referralId = ReferralPath().Match(referred.RequestMessage!.RequestUri!.AbsolutePath).Groups[1].Value;
        Assert.That(referralPage, Does.Contain("Referral made"));
        AssertNoSecret(referralPage);

        // Before acceptance the placement is refused, as the API refuses it.
        var early = await (await browser.PostFormAsync($"/referrals/{referralId}?handler=Placement", referralPage, [])).Content.ReadAsStringAsync();
        Assert.That(early, Does.Contain("Placement details are released only after the shelter accepts."));
        AssertNoSecret(early);

        await (await shelter.Client.PostAsync($"/v1/referrals/{referralId}/accept", null)).ExpectAsync(HttpStatusCode.OK);
        var accepted = await browser.GetPageAsync($"/referrals/{referralId}");
        AssertNoSecret(accepted);
        var placement = await (await browser.PostFormAsync($"/referrals/{referralId}?handler=Placement", accepted, [])).Content.ReadAsStringAsync();
        Assert.That(placement, Does.Contain(Bodies.ConfidentialAddress));

        var audit = (await Admin.GetJsonAsync($"/v1/audit?action=placement.read&entityId={referralId}")).Items();
        Assert.That(audit, Has.Count.EqualTo(1));
        Assert.That((string?)audit[0]["role"], Is.EqualTo("case_manager"));
    }

    [Test]
    public async Task AShelterCannotOpenOrChangeAnotherOrganisationsProgram()
    {
        var ours = await App.NewShelterAsync("Harbor House");
        var theirs = await App.NewShelterAsync("Bridge Home Inc");
        var program = await theirs.Client.CreateProgramIdAsync(Bodies.Emergency(theirs.OrganizationId, "Bridge Home Shelter"));
        await (await theirs.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(5, 6))).ExpectAsync(HttpStatusCode.OK);
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", ours.OrganizationId));
        var dashboard = await browser.GetPageAsync("/shelter");
        Assert.That(dashboard, Does.Not.Contain("Bridge Home Shelter"));

        var page = await browser.Client.GetAsync($"/shelter/programs/{program}");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("<h1>Not found</h1>").And.Not.Contain("Bridge Home Shelter"));

        var adjust = await browser.PostFormAsync($"/shelter/programs/{program}?handler=Adjust", dashboard,
            new() { ["householdType"] = "adults_with_children", ["field"] = "beds", ["delta"] = "1", ["basedOn"] = "1" });
        Assert.That(adjust.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)(await theirs.Client.GetJsonAsync($"/v1/programs/{program}/availability"))["snapshotId"], Is.EqualTo("1"));
    }

    [Test]
    public async Task APlusClickIsAnAuditedSnapshotAndAStalePageChangesNothing()
    {
        var shelter = await App.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(5, 6))).ExpectAsync(HttpStatusCode.OK);
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId));
        var dashboard = await browser.GetPageAsync("/shelter");
        var plus = new Dictionary<string, string> { ["householdType"] = "adults_with_children", ["field"] = "beds", ["delta"] = "1", ["basedOn"] = "1", ["returnUrl"] = "/shelter" };

        var saved = await (await browser.PostFormAsync($"/shelter/programs/{program}?handler=Adjust", dashboard, plus)).Content.ReadAsStringAsync();
        Assert.That(saved, Does.Contain("Saved: the new count is posted"));
        var latest = await shelter.Client.GetJsonAsync($"/v1/programs/{program}/availability");
        Assert.That((string?)latest["snapshotId"], Is.EqualTo("2"));
        Assert.That((int?)latest["counts"]![1]!["beds"], Is.EqualTo(7));
        Assert.That((int?)latest["counts"]![0]!["beds"], Is.EqualTo(5), "the other household type is posted as it was");
        var audit = (await Admin.GetJsonAsync($"/v1/audit?action=availability.posted&entityId={program}")).Items();
        Assert.That(audit.Select(a => (string?)a["role"]), Is.EqualTo(new[] { "shelter", "shelter" }));

        // A second click from the same, now stale, page: a colleague's count is not overwritten.
        var stale = await (await browser.PostFormAsync($"/shelter/programs/{program}?handler=Adjust", dashboard, plus)).Content.ReadAsStringAsync();
        Assert.That(stale, Does.Contain("Not saved: a colleague posted newer counts"));
        Assert.That((string?)(await shelter.Client.GetJsonAsync($"/v1/programs/{program}/availability"))["snapshotId"], Is.EqualTo("2"));
    }

    private static void AssertNoSecret(string html)
    {
        Assert.That(html, Does.Not.Contain(Bodies.ConfidentialAddress));
        Assert.That(html, Does.Not.Contain(Bodies.ConfidentialLatitude.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex("^/referrals/([0-9a-f-]{36})$")]
    private static partial Regex ReferralPath();
}

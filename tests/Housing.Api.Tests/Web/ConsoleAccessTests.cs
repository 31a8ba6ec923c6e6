using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Web;

namespace Housing.Api.Tests.Web;

/// <summary>The console's session and the API's keys never stand in for each other; forms need their token; pages carry their headers.</summary>
public sealed class ConsoleAccessTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task TheApiRefusesTheConsolesSessionCookie()
    {
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency));
        Assert.That(browser.Client.DefaultRequestHeaders.Contains("X-Api-Key"), Is.False);

        var response = await browser.Client.GetAsync("/v1/referrals");
        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task PagesRefuseAnApiKeyAndAskForASignIn()
    {
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var client = await App.ClientForRoleAsync("case_manager", agency);

        var response = await client.GetAsync("/search");
        Assert.That(response.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo("/?returnUrl=%2Fsearch"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<h1>Sign in</h1>"));
    }

    [Test]
    public async Task APostWithoutItsAntiforgeryTokenChangesNothing()
    {
        var shelter = await App.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(5, 6))).ExpectAsync(HttpStatusCode.OK);
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId));

        var response = await browser.PostFormAsync($"/shelter/programs/{program}?handler=Adjust", page: null,
            new() { ["householdType"] = "adults_with_children", ["field"] = "beds", ["delta"] = "1" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("That request could not be used"));
        var latest = await shelter.Client.GetJsonAsync($"/v1/programs/{program}/availability");
        Assert.That((string?)latest["snapshotId"], Is.EqualTo("1"));
    }

    [Test]
    public async Task SignInWithARevokedKeyFails()
    {
        var created = await (await Admin.PostJsonAsync("/v1/api-keys", new System.Text.Json.Nodes.JsonObject { ["role"] = "reporter", ["label"] = "old" }))
            .ExpectAsync(HttpStatusCode.Created);
        (await Admin.DeleteAsync($"/v1/api-keys/{created.Id()}")).EnsureSuccessStatusCode();
        var browser = new ConsoleBrowser(App.CreateClient());
        var page = await browser.GetPageAsync("/");

        var response = await browser.PostFormAsync("/", page, new() { ["ApiKey"] = (string)created["key"]! });
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("That key is not valid, or it has been revoked."));
        Assert.That(html, Does.Not.Contain((string)created["key"]!), "the key is never echoed back");
    }

    [Test]
    public async Task PagesCarryAStrictContentSecurityPolicyThatLetsTheirOwnScriptsRun()
    {
        var page = await App.CreateClient().GetAsync("/");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(csp, Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.Not.Contain("unsafe-inline"));
        Assert.That(page.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(page.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        Assert.That(page.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Not.Contain("<script>").And.Not.Contain(" style="));

        var api = await App.CreateClient().GetAsync("/health/live");
        Assert.That(api.Headers.GetValues("Content-Security-Policy").Single(), Does.Not.Contain("script-src"), "the API runs no script at all");
    }

    [Test]
    public async Task ACaseManagerCannotOpenTheShelterPagesNorAReporterTheSearch()
    {
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency));
        Assert.That((await caseManager.Client.GetAsync("/shelter")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var reporter = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("reporter"));
        Assert.That((await reporter.Client.GetAsync("/search")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await reporter.Client.GetAsync("/referrals")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public void AnErrorIsKeyedToTheFormRowItCameFrom()
    {
        // Rows 0 and 2 filled, row 1 left blank: the API's members[1] is the form's row 2.
        var errors = SearchForm.ToRows(new Dictionary<string, string[]> { ["household.members[1].age"] = ["Must be between 0 and 17."] },
            memberRows: [0, 2], placeRows: []);
        Assert.That(errors.Keys, Is.EqualTo(new[] { "household.members[2].age" }));
        Assert.That(FormErrors.Label("household.members[2].age"), Is.EqualTo("Person 3: age"));
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>An admin issues and revokes keys in the console, through the API's own operations; a new key is shown once.</summary>
public sealed partial class ConsoleAdminKeysTests(DatabaseEngine engine) : HousingTest(engine)
{
    private const string Keys = "/admin/keys";

    [Test]
    public async Task AnIssuedKeyIsShownOnceAndWorksOnTheApi()
    {
        var shelter = await Admin.CreateOrganizationAsync("Harbor House");
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        var page = await browser.GetPageAsync(Keys);

        var response = await browser.PostFormAsync($"{Keys}?handler=Issue", page,
            new() { ["Issue.Role"] = "shelter", ["Issue.OrganizationId"] = shelter.ToString(), ["Issue.Label"] = "Harbor intake desk" });
        var issued = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo($"{Keys}?handler=Issue"), "no redirect: the key is in this answer only");
        var key = KeyPattern().Match(issued);
        Assert.That(key.Success, Is.True, issued);
        Assert.That(issued, Does.Contain("readonly").And.Contain("New key “Harbor intake desk”").And.Contain("The key (shelter staff, Harbor House)"));
        await (await App.Client(key.Value).GetAsync("/v1/programs")).ExpectAsync(HttpStatusCode.OK);

        var later = await browser.GetPageAsync(Keys);
        Assert.That(later, Does.Contain("Harbor intake desk").And.Not.Contain(key.Value).And.Not.Contain("hk_"));
        var audit = (await Admin.GetJsonAsync("/v1/audit?action=api_key.created")).Items();
        Assert.That(audit.Select(e => (string?)e["keyId"]), Is.EqualTo(new[] { "bootstrap" }));
    }

    [Test]
    public async Task IssuingRefusesWhatTheApiRefusesInWordsAndIssuesNothing()
    {
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        var page = await browser.GetPageAsync(Keys);

        var unbound = await (await browser.PostFormAsync($"{Keys}?handler=Issue", page,
            new() { ["Issue.Role"] = "case_manager", ["Issue.OrganizationId"] = "", ["Issue.Label"] = "Night line" })).Content.ReadAsStringAsync();
        var bound = await (await browser.PostFormAsync($"{Keys}?handler=Issue", page,
            new() { ["Issue.Role"] = "reporter", ["Issue.OrganizationId"] = agency.ToString(), ["Issue.Label"] = "" })).Content.ReadAsStringAsync();

        Assert.That(unbound, Does.Contain("A case manager key belongs to one organisation: choose it.").And.Not.Contain("case_manager key"));
        Assert.That(bound, Does.Contain("A reporter key belongs to no organisation: choose “No organisation”."));
        Assert.That(bound, Does.Contain("id=\"error-label\""), "the missing label is named beside its field");
        Assert.That(unbound + bound, Does.Not.Contain("hk_"));
        Assert.That((await Admin.GetJsonAsync("/v1/api-keys")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task RevokingAsksFirstAndThenTheKeyStopsWorking()
    {
        var key = await Admin.IssueKeyAsync("reporter");
        var id = KeyId(key);
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        var page = await browser.GetPageAsync(Keys);
        Assert.That(page, Does.Contain($"action=\"{Keys}?handler=Revoke&amp;id={id}\"").And.Contain("data-confirm=\"Revoke the key “test reporter” (reporter)?"));

        var asked = await browser.PostFormAsync($"{Keys}?handler=Revoke&id={id}", page, []);
        var question = await asked.Content.ReadAsStringAsync();
        Assert.That(question, Does.Contain("Revoke the key “test reporter” (reporter)? Whatever uses it stops working at once").And.Contain("Yes, revoke the key"));
        await (await App.Client(key).GetAsync("/v1/reports/capacity")).ExpectAsync(HttpStatusCode.OK);

        var done = await browser.PostFormAsync($"{Keys}?handler=Revoke&id={id}", question, new() { ["confirm"] = "yes" });
        var after = await done.Content.ReadAsStringAsync();
        Assert.That(done.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo($"{Keys}?revoked={id}"));
        Assert.That(after, Does.Contain("The key “test reporter” is revoked").And.Contain("Revoked 20"));
        await (await App.Client(key).GetAsync("/v1/reports/capacity")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var audit = (await Admin.GetJsonAsync($"/v1/audit?entityType=api_key&entityId={id}")).Items();
        Assert.That(audit.Select(e => (string?)e["action"]), Is.EqualTo(new[] { "api_key.created", "api_key.revoked" }));
    }

    [Test]
    public async Task RevokingAKeyThatIsNotThereIsNotFound()
    {
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        var page = await browser.GetPageAsync(Keys);
        var response = await browser.PostFormAsync($"{Keys}?handler=Revoke&id={Guid.CreateVersion7()}", page, new() { ["confirm"] = "yes" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task APostWithoutItsAntiforgeryTokenIssuesNothing()
    {
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        var response = await browser.PostFormAsync($"{Keys}?handler=Issue", page: null,
            new() { ["Issue.Role"] = "reporter", ["Issue.Label"] = "forged" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("hk_"));
        Assert.That((await Admin.GetJsonAsync("/v1/api-keys")).AsArray(), Is.Empty);
    }

    private static Guid KeyId(string key) => Guid.ParseExact(key.Split('_')[1], "N");

    [GeneratedRegex("hk_[0-9a-f]{32}_[A-Za-z0-9_-]+")]
    private static partial Regex KeyPattern();
}

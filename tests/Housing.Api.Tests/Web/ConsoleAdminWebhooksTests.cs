using System.Net;
using System.Text.RegularExpressions;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Webhooks;

namespace Housing.Api.Tests.Web;

/// <summary>An admin sets, replaces, removes and retries an organisation's webhook in the console, through the API's own operations.</summary>
public sealed partial class ConsoleAdminWebhooksTests(DatabaseEngine engine) : WebhookTest(engine)
{
    private static string Page(Guid org) => $"/admin/webhooks?organizationId={org}";

    [Test]
    public async Task AnAdminSetsAWebhookWhoseSecretIsNeverShownAndAStaleFormChangesNothing()
    {
        var shelter = await App.NewShelterAsync();
        var org = shelter.OrganizationId;
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        var page = await browser.GetPageAsync(Page(org));
        Assert.That(page, Does.Contain("This organisation has no webhook").And.Contain("name=\"Version\" value=\"\""));

        var refused = await (await browser.PostFormAsync($"/admin/webhooks?handler=Set&organizationId={org}", page,
            new() { ["Url"] = "not a url", ["Secret"] = ShelterSecret, ["Version"] = "" })).Content.ReadAsStringAsync();
        Assert.That(refused, Does.Contain("id=\"error-url\"").And.Contain("Address (URL): An absolute https:// URL.").And.Not.Contain(ShelterSecret));

        var set = await browser.PostFormAsync($"/admin/webhooks?handler=Set&organizationId={org}", page,
            new() { ["Url"] = Receiver.Url("hooks"), ["Secret"] = ShelterSecret, ["Version"] = "" });
        var saved = await set.Content.ReadAsStringAsync();
        Assert.That(set.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo(Page(org) + "&done=set"));
        Assert.That(saved, Does.Contain("The webhook is saved.").And.Contain(Receiver.Url("hooks")).And.Not.Contain(ShelterSecret));
        Assert.That((string?)(await shelter.Client.GetJsonAsync($"/v1/organizations/{org}/webhook"))["url"], Is.EqualTo(Receiver.Url("hooks")));

        // The shelter replaces it meanwhile: the admin's form, made from version 1, changes nothing.
        await (await PutWebhookAsync(shelter.Client, org, Receiver.Url("theirs"), AgencySecret, ifMatch: "\"1\"")).ExpectAsync(HttpStatusCode.OK);
        var stale = await (await browser.PostFormAsync($"/admin/webhooks?handler=Set&organizationId={org}", saved,
            new() { ["Url"] = Receiver.Url("mine"), ["Secret"] = ShelterSecret, ["Version"] = "1" })).Content.ReadAsStringAsync();
        Assert.That(stale, Does.Contain("Someone changed this webhook since you opened the page").And.Contain(Receiver.Url("theirs")));
        Assert.That((string?)(await shelter.Client.GetJsonAsync($"/v1/organizations/{org}/webhook"))["url"], Is.EqualTo(Receiver.Url("theirs")));
        var staleNew = await (await browser.PostFormAsync($"/admin/webhooks?handler=Set&organizationId={org}", page,
            new() { ["Url"] = Receiver.Url("mine"), ["Secret"] = ShelterSecret, ["Version"] = "" })).Content.ReadAsStringAsync();
        Assert.That(staleNew, Does.Contain("Someone changed this webhook since you opened the page"), "a form made when there was none");

        // Made from the version that stands now, the replacement goes through.
        Assert.That(stale, Does.Contain("name=\"Version\" value=\"2\""));
        var replaced = await browser.PostFormAsync($"/admin/webhooks?handler=Set&organizationId={org}", stale,
            new() { ["Url"] = Receiver.Url("mine"), ["Secret"] = ShelterSecret, ["Version"] = "2" });
        Assert.That(await replaced.Content.ReadAsStringAsync(), Does.Contain("The webhook is saved.").And.Contain(Receiver.Url("mine")));

        var audit = (await Admin.GetJsonAsync($"/v1/audit?entityType=webhook&entityId={org}")).Items();
        Assert.That(audit.Select(a => ((string?)a["action"], (string?)a["role"])),
            Is.EqualTo(new[] { ("webhook.created", "admin"), ("webhook.updated", "shelter"), ("webhook.updated", "admin") }));
    }

    [Test]
    public async Task RemovingAsksFirstAndAFailedDeliveryIsSentAgain()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        var org = program.Shelter.OrganizationId;
        await SetWebhookAsync(program.Client, org, Receiver.Url("old"), ShelterSecret);
        await ReferAsync(agency.CaseManager, Referral(program.Id));
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        var page = await browser.GetPageAsync(Page(org));
        Assert.That(page, Does.Contain("Referral offered").And.Contain("Pending").And.Not.Contain("Send again"));

        var asked = await (await browser.PostFormAsync($"/admin/webhooks?handler=Delete&organizationId={org}", page, [])).Content.ReadAsStringAsync();
        Assert.That(asked, Does.Contain("Remove the webhook of Harbor House Emergency Shelter? Events still waiting are marked failed"));
        await (await program.Client.GetAsync($"/v1/organizations/{org}/webhook")).ExpectAsync(HttpStatusCode.OK);

        var removed = await (await browser.PostFormAsync($"/admin/webhooks?handler=Delete&organizationId={org}", asked,
            new() { ["confirm"] = "yes" })).Content.ReadAsStringAsync();
        Assert.That(removed, Does.Contain("The webhook is removed.").And.Contain("Failed").And.Contain("The organisation has no webhook."));
        await (await program.Client.GetAsync($"/v1/organizations/{org}/webhook")).ExpectProblemAsync(HttpStatusCode.NotFound);

        var retry = RetryAction().Match(removed).Groups[1].Value;
        Assert.That(retry, Is.Not.Empty, removed);
        var nowhere = await (await browser.PostFormAsync(WebUtility.HtmlDecode(retry), removed, [])).Content.ReadAsStringAsync();
        Assert.That(nowhere, Does.Contain("Register a webhook first; then the event can be sent again."));

        await SetWebhookAsync(program.Client, org, Receiver.Url("new"), ShelterSecret);
        var again = await (await browser.PostFormAsync(WebUtility.HtmlDecode(retry), removed, [])).Content.ReadAsStringAsync();
        Assert.That(again, Does.Contain("The event will be sent again shortly.").And.Not.Contain("Send again"));
        var delivery = (await DeliveriesAsync(program.Client, org)).Single();
        Assert.That((string?)delivery["status"], Is.EqualTo("pending"));
        var audit = (await Admin.GetJsonAsync($"/v1/audit?action=webhook.delivery_retried")).Items();
        Assert.That(audit.Select(a => (string?)a["role"]), Is.EqualTo(new[] { "admin" }));
    }

    [Test]
    public async Task AnOrganisationThatIsNotThereIsNotFound()
    {
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        Assert.That((await browser.Client.GetAsync(Page(Guid.CreateVersion7()))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var page = await browser.GetPageAsync("/admin/webhooks");
        var response = await browser.PostFormAsync($"/admin/webhooks?handler=Set&organizationId={Guid.CreateVersion7()}", page,
            new() { ["Url"] = Receiver.Url("x"), ["Secret"] = ShelterSecret, ["Version"] = "" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task APostWithoutItsAntiforgeryTokenSetsNothing()
    {
        var shelter = await App.NewShelterAsync();
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        var response = await browser.PostFormAsync($"/admin/webhooks?handler=Set&organizationId={shelter.OrganizationId}", page: null,
            new() { ["Url"] = Receiver.Url("forged"), ["Secret"] = ShelterSecret, ["Version"] = "" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await (await shelter.Client.GetAsync($"/v1/organizations/{shelter.OrganizationId}/webhook")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [GeneratedRegex("action=\"(/admin/webhooks\\?handler=Retry[^\"]+)\"")]
    private static partial Regex RetryAction();
}

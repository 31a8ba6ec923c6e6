using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Webhooks;

/// <summary>Registering, reading, replacing and removing a webhook, and who may.</summary>
public sealed class WebhookRegistrationTests(DatabaseEngine engine) : WebhookTest(engine)
{
    [Test]
    public async Task AShelterRegistersItsWebhookAndTheSecretIsNeverShownAgain()
    {
        var shelter = await App.NewShelterAsync();
        var url = Receiver.Url("hooks/housing");

        var put = await PutWebhookAsync(shelter.Client, shelter.OrganizationId, url, ShelterSecret);
        var text = await put.Content.ReadAsStringAsync();
        var created = await put.ExpectAsync(HttpStatusCode.OK);
        Assert.That(((string?)created["url"], created.Id("organizationId"), put.ETag()), Is.EqualTo((url, shelter.OrganizationId, "\"1\"")));
        Assert.That(created["createdAt"], Is.Not.Null);
        Assert.That(text, Does.Not.Contain(ShelterSecret).And.Not.Contain("secret"));

        var read = await shelter.Client.GetAsync($"/v1/organizations/{shelter.OrganizationId}/webhook");
        var readText = await read.Content.ReadAsStringAsync();
        Assert.That((string?)(await read.ExpectAsync(HttpStatusCode.OK))["url"], Is.EqualTo(url));
        Assert.That(readText, Does.Not.Contain(ShelterSecret));

        await (await shelter.Client.DeleteAsync($"/v1/organizations/{shelter.OrganizationId}/webhook")).ExpectAsync(HttpStatusCode.NoContent);
        await (await shelter.Client.GetAsync($"/v1/organizations/{shelter.OrganizationId}/webhook")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await shelter.Client.DeleteAsync($"/v1/organizations/{shelter.OrganizationId}/webhook")).ExpectProblemAsync(HttpStatusCode.NotFound);

        var audit = (await Admin.GetJsonAsync($"/v1/audit?entityType=webhook&entityId={shelter.OrganizationId}")).Items();
        Assert.That(audit.Select(a => (string?)a["action"]), Is.EqualTo(new[] { "webhook.created", "webhook.deleted" }));
        Assert.That(audit.Select(a => (string?)a["role"]), Is.All.EqualTo("shelter"));
    }

    [Test]
    public async Task RepeatingAPutKeepsTheVersionAndIfMatchGuardsAChange()
    {
        var shelter = await App.NewShelterAsync();
        var org = shelter.OrganizationId;
        Assert.That((await PutWebhookAsync(shelter.Client, org, Receiver.Url("a"), ShelterSecret, ifMatch: "\"1\"")).StatusCode,
            Is.EqualTo(HttpStatusCode.PreconditionFailed), "nothing to match yet");
        await SetWebhookAsync(shelter.Client, org, Receiver.Url("a"), ShelterSecret);

        var again = await PutWebhookAsync(shelter.Client, org, Receiver.Url("a"), ShelterSecret);
        Assert.That(again.ETag(), Is.EqualTo("\"1\""), "the same webhook again is not a new version");
        var changed = await PutWebhookAsync(shelter.Client, org, Receiver.Url("b"), ShelterSecret, ifMatch: "\"1\"");
        Assert.That(changed.ETag(), Is.EqualTo("\"2\""));
        var stale = await PutWebhookAsync(shelter.Client, org, Receiver.Url("c"), AgencySecret, ifMatch: "\"1\"");
        await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That((string?)(await shelter.Client.GetJsonAsync($"/v1/organizations/{org}/webhook"))["url"], Is.EqualTo(Receiver.Url("b")));
    }

    private static readonly (string? Url, string? Secret, string Field)[] Invalid =
    [
        (null, ShelterSecret, "url"),
        ("not a url", ShelterSecret, "url"),
        ("/relative/path", ShelterSecret, "url"),
        ("ftp://127.0.0.1/hook", ShelterSecret, "url"),
        ("http://user:pass@127.0.0.1/hook", ShelterSecret, "url"),
        ("http://127.0.0.1/hook#part", ShelterSecret, "url"),
        ("http://127.0.0.1/hook", null, "secret"),
        ("http://127.0.0.1/hook", "too-short-0123456789", "secret"),
        ("http://127.0.0.1/hook", "has a space 0123456789abcdef0123456789", "secret"),
    ];

    [Test]
    public async Task AnInvalidRegistrationIsRefusedNamingTheField()
    {
        var shelter = await App.NewShelterAsync();
        foreach (var (url, secret, field) in Invalid)
        {
            var body = new JsonObject();
            if (url is not null) body["url"] = url;
            if (secret is not null) body["secret"] = secret;
            var response = await shelter.Client.PutJsonAsync($"/v1/organizations/{shelter.OrganizationId}/webhook", body);
            var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
            Assert.That(problem.ToJsonString(), Does.Not.Contain("0123456789abcdef"), "the secret is not echoed back");
        }
        await (await shelter.Client.GetAsync($"/v1/organizations/{shelter.OrganizationId}/webhook")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AnUnknownFieldIsRefused()
    {
        var shelter = await App.NewShelterAsync();
        var body = new JsonObject { ["url"] = Receiver.Url("a"), ["secret"] = ShelterSecret, ["events"] = new JsonArray("referral.offered") };
        await (await shelter.Client.PutJsonAsync($"/v1/organizations/{shelter.OrganizationId}/webhook", body))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "events");
    }

    [Test]
    public async Task OnlyTheOrganisationsOwnKeysAndAdminsManageItsWebhook()
    {
        var shelter = await App.NewShelterAsync();
        var stranger = await App.NewShelterAsync("Other House");
        var agency = await NewAgencyAsync();
        var reporter = await App.ClientForRoleAsync("reporter");
        var org = shelter.OrganizationId;
        await SetWebhookAsync(shelter.Client, org, Receiver.Url("a"), ShelterSecret);

        // Another organisation's webhook is not there at all, whatever is asked of it.
        await (await PutWebhookAsync(stranger.Client, org, Receiver.Url("evil"), AgencySecret)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync($"/v1/organizations/{org}/webhook")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.DeleteAsync($"/v1/organizations/{org}/webhook")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync($"/v1/organizations/{org}/webhook/deliveries")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PostAsync($"/v1/organizations/{org}/webhook/deliveries/{Guid.NewGuid()}/retry", null))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await agency.CaseManager.GetAsync($"/v1/organizations/{org}/webhook")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await reporter.GetAsync($"/v1/organizations/{org}/webhook")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await PutWebhookAsync(reporter, org, Receiver.Url("r"), AgencySecret)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await App.Client(null).GetAsync($"/v1/organizations/{org}/webhook")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That((string?)(await shelter.Client.GetJsonAsync($"/v1/organizations/{org}/webhook"))["url"], Is.EqualTo(Receiver.Url("a")));

        // A case manager's agency receives events too; an admin manages any organisation's.
        await SetWebhookAsync(agency.CaseManager, agency.Id, Receiver.Url("agency"), AgencySecret);
        await SetWebhookAsync(Admin, org, Receiver.Url("by-admin"), ShelterSecret);
        await (await PutWebhookAsync(Admin, Guid.NewGuid(), Receiver.Url("nobody"), ShelterSecret)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task DeliveriesAreListedNewestFirstPageByPageAndByStatus()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        var org = program.Shelter.OrganizationId;
        await SetWebhookAsync(program.Client, org, Receiver.Url("shelter"), ShelterSecret);
        var referrals = new List<Guid>();
        for (var i = 0; i < 3; i++) referrals.Add((await ReferAsync(agency.CaseManager, Referral(SingleWoman(), $"CM-{i}", program.Id))).Id());
        await DeliverAsync();
        await ActOkAsync(program.Client, referrals[0], "accept"); // no event for the shelter: it made the decision

        var first = await program.Client.GetJsonAsync($"/v1/organizations/{org}/webhook/deliveries?limit=2");
        var second = await program.Client.GetJsonAsync($"/v1/organizations/{org}/webhook/deliveries?limit=2&after={(string)first["next"]!}");
        Assert.That(second["next"], Is.Null);
        var all = first.Items().Concat(second.Items()).ToList();
        Assert.That(all.Select(EventType), Is.All.EqualTo("referral.offered"));
        var offeredFor = all.Select(d => Receiver.Delivered().Single(c => c.EventId == (string?)d["eventId"])).Select(c => Payload(c)["data"]!.Id("referralId"));
        Assert.That(offeredFor, Is.EqualTo(Enumerable.Reverse(referrals)), "newest first");
        Assert.That(all.Select(d => ((string?)d["status"], (int?)d["attempts"], (int?)d["lastStatusCode"])),
            Is.All.EqualTo(("delivered", (int?)1, (int?)200)));

        Receiver.Down = true;
        await ActOkAsync(agency.CaseManager, referrals[1], "cancel");
        await DeliverAsync();
        var pending = await DeliveriesAsync(program.Client, org, "&status=pending");
        Assert.That(pending.Select(EventType), Is.EqualTo(new[] { "referral.cancelled" }));
        Assert.That(pending[0]["nextAttemptAt"], Is.Not.Null);
        Assert.That(await DeliveriesAsync(program.Client, org, "&status=delivered"), Has.Count.EqualTo(3));
        await (await program.Client.GetAsync($"/v1/organizations/{org}/webhook/deliveries?status=lost")).ExpectProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await program.Client.GetAsync($"/v1/organizations/{org}/webhook/deliveries?limit=0")).ExpectProblemAsync(HttpStatusCode.BadRequest, "limit");
    }

    [Test]
    public async Task RemovingTheWebhookFailsWaitingEventsAndANewOneCanTakeThem()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        var org = program.Shelter.OrganizationId;
        await SetWebhookAsync(program.Client, org, Receiver.Url("old"), ShelterSecret);
        await ReferAsync(agency.CaseManager, Referral(program.Id));

        await (await program.Client.DeleteAsync($"/v1/organizations/{org}/webhook")).ExpectAsync(HttpStatusCode.NoContent);
        var failed = (await DeliveriesAsync(program.Client, org)).Single();
        Assert.That(((string?)failed["status"], (string?)failed["lastError"]), Is.EqualTo(("failed", "The organisation has no webhook.")));
        await ReferAsync(agency.CaseManager, Referral(program.Id));
        Assert.That(await DeliveriesAsync(program.Client, org), Has.Count.EqualTo(1), "no webhook, no new events: the shelter polls");
        var retry = $"/v1/organizations/{org}/webhook/deliveries/{(string)failed["eventId"]!}/retry";
        Assert.That((string?)(await (await program.Client.PostAsync(retry, null)).ExpectProblemAsync(HttpStatusCode.Conflict))["type"],
            Is.EqualTo("/problems/no-webhook"));

        // A new webhook, with a new secret: the event goes there, signed with it.
        const string newSecret = "whsec-rotated-00000000000000000000000000000000";
        await SetWebhookAsync(program.Client, org, Receiver.Url("new"), newSecret);
        await (await program.Client.PostAsync(retry, null)).ExpectAsync(HttpStatusCode.OK);
        await DeliverUntilSettledAsync();
        var call = Receiver.Delivered().Single();
        Assert.That((call.Path, call.EventId, Verifies(call, newSecret)), Is.EqualTo(("/new", (string?)failed["eventId"], true)));
    }
}

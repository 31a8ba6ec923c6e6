using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Webhooks;

/// <summary>Events reach a real receiver that fails and recovers: none lost, every one signed, none carrying client data.</summary>
public sealed class WebhookDeliveryTests(DatabaseEngine engine) : WebhookTest(engine)
{
    [Test]
    public async Task EveryReferralEventReachesAReceiverThatFailsThenRecoversSignedAndWithoutClientData()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        var other = await NewProgramAsync(name: "Second Shelter");
        await SetWebhookAsync(program.Client, program.Shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);
        await SetWebhookAsync(agency.CaseManager, agency.Id, Receiver.Url("agency"), AgencySecret);
        Receiver.Down = true;

        // A decline that cascades to a shelter without a webhook (it polls), which accepts; an
        // accept and a placement; a cancel; and a hold that expires with nowhere left to go.
        var declined = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "PCAT-2291", program.Id, other.Id))).Id();
        await ActOkAsync(program.Client, declined, "decline");
        await ActOkAsync(other.Client, declined, "accept");
        var placed = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "PCAT-2292", program.Id))).Id();
        await ActOkAsync(program.Client, placed, "accept");
        await ActOkAsync(program.Client, placed, "placed");
        var cancelled = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "PCAT-2293", program.Id))).Id();
        await ActOkAsync(agency.CaseManager, cancelled, "cancel");
        var expired = (await ReferAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "PCAT-2294", program.Id))).Id();
        App.Clock.Advance(TimeSpan.FromMinutes(91));
        await SweepAsync();

        await DeliverAsync();
        Assert.That(Receiver.Calls, Is.Not.Empty.And.All.Property(nameof(ReceivedCall.Answered)).EqualTo(503), "the receiver is down");
        var waiting = await DeliveriesAsync(program.Client, program.Shelter.OrganizationId);
        Assert.That(waiting.Select(d => (string?)d["status"]), Is.All.EqualTo("pending"));
        Assert.That(waiting.Where(d => (int)d["attempts"]! > 0).Select(d => (int?)d["lastStatusCode"]), Is.Not.Empty.And.All.EqualTo(503));

        Receiver.Down = false;
        await DeliverUntilSettledAsync();

        var shelterEvents = await DeliveriesAsync(program.Client, program.Shelter.OrganizationId);
        var agencyEvents = await DeliveriesAsync(agency.CaseManager, agency.Id);
        Assert.That(shelterEvents.Select(EventType).Order(), Is.EqualTo(new[]
        {
            "referral.cancelled", "referral.expired", "referral.offered", "referral.offered", "referral.offered", "referral.offered",
        }));
        Assert.That(agencyEvents.Select(EventType).Order(), Is.EqualTo(new[]
        {
            "referral.accepted", "referral.accepted", "referral.cancelled", "referral.created", "referral.created", "referral.created", "referral.created",
            "referral.declined", "referral.exhausted", "referral.expired", "referral.placed",
        }));
        Assert.That(shelterEvents.Concat(agencyEvents).Select(d => (string?)d["status"]), Is.All.EqualTo("delivered"));

        // At least once: each event arrived, perhaps more than once, always under the same id.
        Assert.That(Receiver.Delivered("shelter").Select(c => c.EventId).Distinct().Order(),
            Is.EqualTo(shelterEvents.Select(d => (string?)d["eventId"]).Order()));
        Assert.That(Receiver.Delivered("agency").Select(c => c.EventId).Distinct().Order(),
            Is.EqualTo(agencyEvents.Select(d => (string?)d["eventId"]).Order()));

        foreach (var call in Receiver.Calls)
        {
            var secret = call.Path == "/shelter" ? ShelterSecret : AgencySecret;
            Assert.That(Verifies(call, secret), Is.True, $"signature of {call.EventType} {call.EventId}");
            Assert.That(Verifies(call, call.Path == "/shelter" ? AgencySecret : ShelterSecret), Is.False, "the other secret does not verify it");
            Assert.That(call.ContentType, Does.StartWith("application/json"));
            var payload = Payload(call);
            Assert.That(((string?)payload["id"], (string?)payload["type"]), Is.EqualTo((call.EventId, call.EventType)));
            Assert.That(payload.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "type", "occurredAt", "data" }));
            Assert.That(payload["data"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "referralId", "programId", "position", "status" }));
            Assert.That(call.Body, Does.Not.Contain("PCAT-").And.Not.Contain("1200 W 7th St").And.Not.Contain("household").And.Not.Contain("woman"));
            if (call.Path == "/shelter") Assert.That(payload["data"]!.Id("programId"), Is.EqualTo(program.Id), "a shelter hears only of its own program");
        }
        Assert.That(Receiver.Delivered("agency").Where(c => c.EventType == "referral.exhausted").Select(c => Payload(c)["data"]!.Id("referralId")),
            Has.All.EqualTo(expired));
        Assert.That(Receiver.Delivered("shelter").Where(c => c.EventType == "referral.cancelled").Select(c => Payload(c)["data"]!.Id("referralId")),
            Has.All.EqualTo(cancelled));
    }

    [Test]
    public async Task EventsNotYetDeliveredAreSentAfterARestart()
    {
        await using var database = await NewDatabaseAsync();
        Guid shelterOrg, agencyOrg;
        string[] expected;
        await using (var before = new HousingApp(database, FastDelivery()))
        {
            agencyOrg = await before.Admin.CreateOrganizationAsync("Freedom Network", "agency");
            var caseManager = before.Client(await before.Admin.IssueKeyAsync("case_manager", agencyOrg));
            var shelter = await before.NewShelterAsync();
            shelterOrg = shelter.OrganizationId;
            var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
            await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(2, 6))).ExpectAsync(HttpStatusCode.OK);
            await SetWebhookAsync(shelter.Client, shelterOrg, Receiver.Url("shelter"), ShelterSecret);
            await SetWebhookAsync(caseManager, agencyOrg, Receiver.Url("agency"), AgencySecret);
            Receiver.Down = true;

            var referral = (await ReferAsync(caseManager, Referral(program))).Id();
            await DeliverAsync(before);
            Assert.That(Receiver.Delivered(), Is.Empty);
            await ActOkAsync(shelter.Client, referral, "accept"); // stopped before its first attempt
            expected = (await DeliveriesAsync(before.Admin, shelterOrg)).Concat(await DeliveriesAsync(before.Admin, agencyOrg))
                .Select(d => (string)d["eventId"]!).Order().ToArray();
        }
        Assert.That(expected, Has.Length.EqualTo(3));

        Receiver.Down = false;
        await using var after = new HousingApp(database, FastDelivery());
        await DeliverUntilSettledAsync(after);

        Assert.That(Receiver.Delivered().Select(c => c.EventId).Distinct().Order(), Is.EqualTo(expected));
        Assert.That(Receiver.Calls.All(c => Verifies(c, c.Path == "/shelter" ? ShelterSecret : AgencySecret)), Is.True);
    }

    [Test]
    public async Task AnEventThatKeepsFailingIsMarkedFailedThenCanBeSentAgain()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        var org = program.Shelter.OrganizationId;
        await SetWebhookAsync(program.Client, org, Receiver.Url("shelter"), ShelterSecret);
        Receiver.Down = true;
        await ReferAsync(agency.CaseManager, Referral(program.Id));

        for (var pass = 0; pass < 10 && await PendingAsync(App) > 0; pass++)
        {
            await DeliverAsync();
            App.Clock.Advance(PastEveryBackoff);
        }
        var failed = (await DeliveriesAsync(program.Client, org)).Single();
        Assert.That(((string?)failed["status"], (int?)failed["attempts"], (int?)failed["lastStatusCode"]), Is.EqualTo(("failed", (int?)4, (int?)503)));
        Assert.That((string?)failed["lastError"], Does.Contain("503"));
        Assert.That(failed["nextAttemptAt"], Is.Null);
        var calls = Receiver.Calls.Count;
        App.Clock.Advance(TimeSpan.FromHours(1));
        await DeliverAsync();
        Assert.That(Receiver.Calls, Has.Count.EqualTo(calls), "a failed event is not sent again by itself");

        Receiver.Down = false;
        var eventId = failed.Id("eventId");
        var requeued = await (await program.Client.PostAsync($"/v1/organizations/{org}/webhook/deliveries/{eventId}/retry", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.That(((string?)requeued["status"], (int?)requeued["attempts"]), Is.EqualTo(("pending", (int?)0)));
        await DeliverUntilSettledAsync();
        Assert.That(Receiver.Delivered().Select(c => c.EventId), Is.EqualTo(new[] { eventId.ToString() }));

        var again = await program.Client.PostAsync($"/v1/organizations/{org}/webhook/deliveries/{eventId}/retry", null);
        Assert.That((string?)(await again.ExpectProblemAsync(HttpStatusCode.Conflict))["type"], Is.EqualTo("/problems/delivery-not-failed"));
        await (await program.Client.PostAsync($"/v1/organizations/{org}/webhook/deliveries/{Guid.NewGuid()}/retry", null))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

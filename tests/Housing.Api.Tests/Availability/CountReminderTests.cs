using System.Net;
using Dapper;
using Housing.Api.Availability;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Availability;

/// <summary>
/// Reminders before data goes stale: when a program's count turns aging (2 hours), its
/// organisation hears <c>availability.aging</c> and sees it on its console with a one-click
/// confirm; when it turns stale (8 hours), <c>availability.stale</c>, and admins see it too.
/// Each post's count is reminded of once per grade, whichever instance sweeps.
/// </summary>
public sealed class CountReminderTests(DatabaseEngine engine) : WebhookTest(engine)
{
    private Task<int> SweepAsync(HousingApp? app = null) =>
        (app ?? App).Services.GetRequiredService<CountReminderSweeper>().SweepAsync(CancellationToken.None);

    private async Task<IReadOnlyList<string>> EventsAsync()
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return [.. await db.QueryAsync<string>("SELECT type FROM outbox WHERE type LIKE 'availability.%' ORDER BY id;")];
    }

    [Test]
    public async Task ACountTurningAgingThenStaleRemindsItsOrganisationOnceEachAndAConfirmStartsAgain()
    {
        var program = await NewProgramAsync();
        await SetWebhookAsync(program.Client, program.Shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);
        var shelterKey = await Admin.IssueKeyAsync("shelter", program.Shelter.OrganizationId);
        var shelter = await ConsoleBrowser.SignInAsync(App, shelterKey);

        await SweepAsync();
        Assert.That(await EventsAsync(), Is.Empty, "a fresh count needs no reminder");
        Assert.That(await shelter.GetPageAsync("/shelter"), Does.Not.Contain("Counts to confirm"));

        App.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await SweepAsync();
        await SweepAsync();
        Assert.That(await EventsAsync(), Is.EqualTo(new[] { CountReminderStore.AgingEvent }), "once, however many sweeps");
        await DeliverUntilSettledAsync();
        var aging = Receiver.Calls.Single(c => c.EventType == CountReminderStore.AgingEvent);
        Assert.That(Verifies(aging, ShelterSecret), Is.True);
        var data = Payload(aging)["data"]!;
        Assert.That(((string?)data["programId"], (string?)data["grade"]), Is.EqualTo((program.Id.ToString(), "aging")));
        Assert.That((long)data["ageSeconds"]!, Is.EqualTo(2 * 3600 + 60));
        shelter = await ConsoleBrowser.SignInAsync(App, shelterKey); // the console's idle limit passed meanwhile
        var home = await shelter.GetPageAsync("/shelter");
        Assert.That(home, Does.Contain("Counts to confirm: 1").And.Contain($"Still right: Harbor House Emergency Shelter"));
        var admin = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        Assert.That(await admin.GetPageAsync("/admin"), Does.Not.Contain("Counts gone stale"), "aging is the organisation's to confirm");

        App.Clock.Advance(TimeSpan.FromHours(6));
        await SweepAsync();
        Assert.That(await EventsAsync(), Is.EqualTo(new[] { CountReminderStore.AgingEvent, CountReminderStore.StaleEvent }));
        (shelter, admin) = (await ConsoleBrowser.SignInAsync(App, shelterKey), await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey));
        home = await shelter.GetPageAsync("/shelter");
        Assert.That(await admin.GetPageAsync("/admin"), Does.Contain("Counts gone stale at 1 programs"));
        Assert.That(await admin.GetPageAsync("/admin/counts"), Does.Contain("Harbor House Emergency Shelter"));

        // One click from the reminder: the same counts, posted again, are fresh.
        var confirmed = await shelter.PostFormAsync($"/shelter/programs/{program.Id}?handler=Confirm", home, new() { ["returnUrl"] = "/shelter" });
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await shelter.GetPageAsync("/shelter"), Does.Not.Contain("Counts to confirm"));
        Assert.That(await admin.GetPageAsync("/admin/counts"), Does.Contain("No count is stale"));
        await SweepAsync();
        Assert.That(await EventsAsync(), Has.Count.EqualTo(2), "the new post is fresh");

        App.Clock.Advance(TimeSpan.FromHours(3));
        await SweepAsync();
        Assert.That(await EventsAsync(), Has.Count.EqualTo(3), "the new post's count is reminded of in its turn");
    }

    [Test]
    public async Task ACountThatSkippedAgingHearsOnlyStaleAndAProgramWithNoBedsInServiceHearsNothing()
    {
        var program = await NewProgramAsync();
        await SetWebhookAsync(program.Client, program.Shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);
        var seasonal = Bodies.Emergency(program.Shelter.OrganizationId, "Winter Shelter");
        seasonal["inventory"]![0]!["startDate"] = "2026-03-01";
        seasonal["inventory"]![0]!["endDate"] = "2026-03-02";
        seasonal["inventory"]![1]!["startDate"] = "2026-03-01";
        seasonal["inventory"]![1]!["endDate"] = "2026-03-02";
        var winter = await program.Client.CreateProgramIdAsync(seasonal);
        await (await program.Client.PostAvailabilityAsync(winter, Bodies.OpenBeds(1, 1))).ExpectAsync(HttpStatusCode.OK);

        App.Clock.Advance(TimeSpan.FromHours(30)); // the service was down; the winter beds lapsed on the 2nd
        await SweepAsync();

        Assert.That(await EventsAsync(), Is.EqualTo(new[] { CountReminderStore.StaleEvent }));
    }

    [Test]
    public async Task TwoInstancesSweepingTheSameCountSendOneReminder()
    {
        var program = await NewProgramAsync();
        await SetWebhookAsync(program.Client, program.Shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);
        App.Clock.Advance(TimeSpan.FromHours(3));
        // A second sweeper over the same database, with its own memory of what it sent: another instance.
        var other = ActivatorUtilities.CreateInstance<CountReminderSweeper>(App.Services);

        var sent = await Task.WhenAll(Task.Run(() => SweepAsync()), Task.Run(() => other.SweepAsync(CancellationToken.None)));

        Assert.That(sent.Sum(), Is.LessThanOrEqualTo(1));
        Assert.That(await EventsAsync(), Is.EqualTo(new[] { CountReminderStore.AgingEvent }));
    }

    [Test]
    public async Task TheDaysReportShowsEachOrganisationsMedianDataAgeAndTheRemindersItNeeded()
    {
        var harbor = await NewProgramAsync();
        var second = await NewProgramAsync(shelter: harbor.Shelter, name: "Harbor House Annex");
        var quiet = await App.NewShelterAsync("Quiet Org");
        await quiet.Client.CreateProgramIdAsync(Bodies.Emergency(quiet.OrganizationId, "Never Posted Place"));
        App.Clock.Advance(TimeSpan.FromHours(3));
        await SweepAsync();
        await (await harbor.Client.PostAvailabilityAsync(second.Id, Bodies.OpenBeds(1, 1))).ExpectAsync(HttpStatusCode.OK); // fresh again

        // The app starts at 13:30 on 2 March in Los Angeles: the day ends 10.5 hours after the start.
        var report = await (await Admin.PostJsonAsync("/v1/reports/capacity/runs", new System.Text.Json.Nodes.JsonObject { ["date"] = "2026-03-02" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That((string?)report["status"], Is.EqualTo("done"));
        var built = await Admin.GetJsonAsync("/v1/reports/capacity/2026-03-02");
        var rows = built["dataFreshness"]!.AsArray();
        var harborRow = rows.Single(r => (string?)r!["organizationId"] == harbor.Shelter.OrganizationId.ToString())!;
        var quietRow = rows.Single(r => (string?)r!["organizationId"] == quiet.OrganizationId.ToString())!;
        // Harbor House: at the day's end one count is 10.5 hours old, the annex's (posted again) 7.5.
        Assert.That(((int)harborRow["programs"]!, (int)harborRow["agingReminders"]!, (int)harborRow["staleReminders"]!), Is.EqualTo((2, 2, 0)));
        Assert.That((double?)harborRow["medianDataAgeHours"], Is.EqualTo((10.5 + 7.5) / 2));
        Assert.That(((int)quietRow["neverPosted"]!, (double?)quietRow["medianDataAgeHours"]), Is.EqualTo((1, (double?)null)));
    }
}

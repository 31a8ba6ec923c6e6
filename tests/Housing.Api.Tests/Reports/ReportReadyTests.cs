using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Reports;

/// <summary>
/// A finished report is announced as <c>report.ready</c> through the webhook outbox, written in the
/// transaction that stores the report, to every organisation with a webhook, and says only which
/// date and where to read it.
/// </summary>
public sealed class ReportReadyTests(DatabaseEngine engine) : WebhookTest(engine)
{
    private const string Yesterday = "2026-03-01"; // the app starts at 13:30 on 2 March in Los Angeles

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(FastDelivery())
    {
        ["Reports:Schedule"] = "false",
        ["Reports:RetryAttempts"] = "2",
        ["Reports:RetryDelaySeconds"] = "0",
    };

    private static async Task<JsonNode> RunAsync(HttpClient admin, string date) =>
        await (await admin.PostJsonAsync("/v1/reports/capacity/runs", new JsonObject { ["date"] = date })).ExpectAsync(HttpStatusCode.OK);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return (await db.ExecuteScalarAsync<T>(sql))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await db.ExecuteAsync(sql);
    }

    [Test]
    public async Task EveryOrganisationWithAWebhookReceivesASignedReportReadyAfterARun()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        var haven = await NewProgramAsync(name: "Safe Haven", body: org => Bodies.ConfidentialEmergency(org, "Safe Haven")); // its organisation has no webhook
        await SetWebhookAsync(agency.CaseManager, agency.Id, Receiver.Url("agency"), AgencySecret);
        await SetWebhookAsync(program.Client, program.Shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);

        await RunAsync(Admin, Yesterday);

        Assert.That(await ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE type = 'report.ready';"), Is.EqualTo(2), "one per organisation with a webhook");
        Assert.That(await ScalarAsync<long>($"""
            SELECT COUNT(*) FROM outbox o JOIN capacity_reports r ON r.date = '{Yesterday}'
            WHERE o.type = 'report.ready' AND o.created_at = r.finished_at;
            """), Is.EqualTo(2), "written as the report was stored");
        await DeliverUntilSettledAsync();

        foreach (var (path, organization, client, secret) in new[]
        {
            ("agency", agency.Id, agency.CaseManager, AgencySecret),
            ("shelter", program.Shelter.OrganizationId, program.Client, ShelterSecret),
        })
        {
            var delivery = (await DeliveriesAsync(client, organization)).Single();
            Assert.That(((string?)delivery["type"], (string?)delivery["status"]), Is.EqualTo(("report.ready", "delivered")), path);
            var call = Receiver.Delivered(path).DistinctBy(c => c.EventId).Single();
            Assert.That((call.EventType, call.EventId), Is.EqualTo(("report.ready", (string?)delivery["eventId"])), path);
            Assert.That(Verifies(call, secret), Is.True, $"{path}: signed with its own secret");

            var payload = Payload(call);
            Assert.That(payload.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "type", "occurredAt", "data" }));
            Assert.That(((string?)payload["id"], (string?)payload["type"]), Is.EqualTo((call.EventId, "report.ready")));
            Assert.That(payload["data"]!.ToJsonString(), Is.EqualTo($$"""{"date":"{{Yesterday}}","url":"/v1/reports/capacity/{{Yesterday}}"}"""));
            Assert.That(call.Body, Does.Not.Contain(program.Id.ToString()).And.Not.Contain(haven.Id.ToString())
                .And.Not.Contain("Harbor").And.Not.Contain("Safe Haven"));
        }

        // The url is the report, for a key that may read reports.
        var reporter = await App.ClientForRoleAsync("reporter");
        var report = await reporter.GetJsonAsync(Payload(Receiver.Delivered("agency")[0])["data"]!["url"]!.GetValue<string>());
        Assert.That((string?)report["date"], Is.EqualTo(Yesterday));
    }

    [Test]
    public async Task AReportWhoseEventsCannotBeWrittenIsNotStoredEither()
    {
        var agency = await NewAgencyAsync();
        await NewProgramAsync();
        await SetWebhookAsync(agency.CaseManager, agency.Id, Receiver.Url("agency"), AgencySecret);
        await ExecuteAsync("ALTER TABLE outbox RENAME TO outbox_away;");

        await (await Admin.PostJsonAsync("/v1/reports/capacity/runs", new JsonObject { ["date"] = Yesterday }))
            .ExpectProblemAsync(HttpStatusCode.InternalServerError);
        await (await Admin.GetAsync($"/v1/reports/capacity/{Yesterday}")).ExpectProblemAsync(HttpStatusCode.NotFound);

        await ExecuteAsync("ALTER TABLE outbox_away RENAME TO outbox;");
        Assert.That((string?)(await RunAsync(Admin, Yesterday))["status"], Is.EqualTo("done"));
        Assert.That(await ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE type = 'report.ready';"), Is.EqualTo(1));
    }
}

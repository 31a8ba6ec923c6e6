using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Telemetry;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Watches;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Housing.Api.Tests.Telemetry;

/// <summary>
/// The service's metrics, read as Prometheus reads them: each kind of work moves its series by
/// exactly what was done (this app hears its own meters only, though other tests' apps run beside
/// it), the tags carry codes and never a name or an id, and only an admin or the metrics key may read them.
/// </summary>
public sealed class TelemetryTests(DatabaseEngine engine) : WatchTest(engine)
{
    public const string MetricsKey = "test-metrics-key-0123456789abcdef";

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(FastDelivery())
    {
        ["Telemetry:MetricsKey"] = MetricsKey,
        ["Reports:Schedule"] = "false",
    };

    private HttpClient Scraper => App.Client(MetricsKey);

    [Test]
    public async Task EachKindOfWorkMovesItsSeriesAndNoTagNamesAProgramOrAClient()
    {
        var agency = await NewAgencyAsync("Pacific Coalition");
        var first = await NewProgramAsync(name: "Harbor House Emergency Shelter");
        var second = await NewProgramAsync(name: "Second Light Shelter");
        var full = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0, name: "Full House Shelter");
        await SetWebhookAsync(agency.CaseManager, agency.Id, Receiver.Url("agency"), AgencySecret);
        var before = await Scrape.FromAsync(Scraper);

        await (await agency.CaseManager.PostJsonAsync("/v1/matches", new JsonObject { ["household"] = SingleWoman() })).ExpectAsync(HttpStatusCode.OK);
        var referral = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "PCAT-7001", first.Id, second.Id))).Id();
        await ActOkAsync(first.Client, referral, "decline");
        await ActOkAsync(second.Client, referral, "accept");
        await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), clientReference: "PCAT-7002"));
        await PassAsync();
        var ask = (await (await agency.CaseManager.PostJsonAsync("/v1/asks", new JsonObject { ["household"] = SingleWoman(), ["clientReference"] = "PCAT-7003" }))
            .ExpectAsync(HttpStatusCode.Created)).Id();
        await (await full.Client.PostJsonAsync($"/v1/asks/{ask}/programs/{full.Id}/answer", new JsonObject { ["answer"] = "no", ["reason"] = "needs_not_met" }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await Admin.PostJsonAsync("/v1/reports/capacity/runs", new JsonObject { ["date"] = "2026-03-01" })).ExpectAsync(HttpStatusCode.OK);
        // The worker may have delivered some already (a watch's hold wakes it): what waits is counted as it is now.
        var pending = await PendingAsync(App);
        await App.Services.GetRequiredService<OutboxDepth>().CountAsync();
        var queued = await Scrape.FromAsync(Scraper);
        await DeliverUntilSettledAsync();
        await App.Services.GetRequiredService<OutboxDepth>().CountAsync();
        var after = await Scrape.FromAsync(Scraper);
        var delivered = await QueryScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE status = 'delivered';");

        Assert.Multiple(() =>
        {
            Assert.That(after.Moved(before, "housing_search_duration_seconds_count"), Is.EqualTo(1), "one search timed");
            Assert.That(after.Moved(before, "housing_search_matches_sum"), Is.EqualTo(2), "it returned the two programs with room");
            Assert.That(after.Moved(before, "housing_search_exclusions_total", ("reason", "full")), Is.EqualTo(1), "and left out the full one");
            Assert.That(after.Moved(before, "housing_holds_created_total", ("source", "referral")), Is.EqualTo(1));
            Assert.That(after.Moved(before, "housing_holds_created_total", ("source", "cascade")), Is.EqualTo(1), "the decline moved the hold on");
            Assert.That(after.Moved(before, "housing_holds_created_total", ("source", "watch")), Is.EqualTo(1));
            Assert.That(after.Moved(before, "housing_holds_outcomes_total", ("outcome", "declined")), Is.EqualTo(1));
            Assert.That(after.Moved(before, "housing_holds_outcomes_total", ("outcome", "accepted")), Is.EqualTo(1));
            Assert.That(after.Moved(before, "housing_referral_decisions_total",
                ("decision", "declined"), ("declined_by", "provider"), ("reason", "no_capacity")), Is.EqualTo(1));
            Assert.That(after.Moved(before, "housing_referral_decisions_total", ("decision", "accepted")), Is.EqualTo(1));
            Assert.That(after.Moved(before, "housing_watch_events_total", ("event", "created")), Is.EqualTo(1));
            Assert.That(after.Moved(before, "housing_watch_events_total", ("event", "held")), Is.EqualTo(1));
            Assert.That(after.Moved(before, "housing_ask_events_total", ("event", "created")), Is.EqualTo(1));
            Assert.That(after.Moved(before, "housing_ask_events_total", ("event", "no")), Is.EqualTo(1));
            Assert.That(pending, Is.GreaterThan(0), "the agency's events waited in the outbox");
            Assert.That(queued.Value("housing_outbox_depth"), Is.EqualTo(pending));
            Assert.That(after.Value("housing_outbox_depth"), Is.Zero, "and were all delivered");
            Assert.That(after.Moved(before, "housing_webhook_deliveries_total", ("outcome", "delivered")), Is.EqualTo(delivered));
            Assert.That(after.Moved(before, "housing_webhook_delivery_lag_seconds_count", ("type", "referral.created")), Is.EqualTo(2),
                "the referral's and the watch's");
            Assert.That(after.Moved(before, "housing_report_run_duration_seconds_count", ("outcome", "built")), Is.EqualTo(1));
            Assert.That(after.Value("housing_catalog_age_seconds"), Is.GreaterThanOrEqualTo(0), "this instance's catalog has an age");
            Assert.That(after.Moved(before, "http_server_request_duration_seconds_count", ("http_route", "/v1/matches/")), Is.EqualTo(1),
                "the framework's request metrics, by route");
            if (Engine == DatabaseEngine.Sqlite)
            {
                // At least: the referral, its decline and accept, the watch and its hold, the ask and its answer, the report.
                Assert.That(after.Moved(before, "housing_db_writes_total"), Is.GreaterThanOrEqualTo(8), "writes committed");
                Assert.That(after.Moved(before, "housing_db_commits_total"), Is.InRange(1, after.Moved(before, "housing_db_writes_total")));
            }
            else Assert.That(after.Text, Does.Not.Contain("housing_db_writes"), "SQLite's only");
        });

        // Per-request instruments that add nothing to the request duration are not heard; outbound calls do not name their receiver.
        Assert.That(after.Text, Does.Not.Contain("aspnetcore_routing_match_attempts").And.Not.Contain("aspnetcore_rate_limiting_requests"));
        Assert.That(after.LabelValues().Where(l => l.Series.StartsWith("http_client_", StringComparison.Ordinal)).Select(l => l.Label),
            Is.Not.Empty.And.No.EqualTo("server_address"));

        // Tags are codes: no program, organisation or client is named or identified, in a tag or anywhere in the scrape.
        var secrets = new[] { first.Id, second.Id, full.Id, agency.Id, referral, ask }.Select(id => id.ToString())
            .Concat(["Harbor House", "Second Light", "Full House", "Pacific Coalition", "PCAT-", "1200 W 7th St", "90057"]);
        foreach (var secret in secrets) Assert.That(after.Text, Does.Not.Contain(secret).IgnoreCase);
        var ownTags = after.LabelValues()
            .Where(l => l.Series.StartsWith("housing_", StringComparison.Ordinal) && !l.Label.StartsWith("otel_", StringComparison.Ordinal) && l.Label != "le");
        Assert.That(ownTags.Select(l => l.Value),
            Has.All.Matches<string>(v => v.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.')));
    }

    [Test]
    public async Task OnlyAnAdminOrTheMetricsKeyMayScrape()
    {
        var agency = await NewAgencyAsync();

        await (await App.Client(null).GetAsync("/metrics")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await agency.CaseManager.GetAsync("/metrics")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await App.Client("not-the-metrics-key-0123456789").GetAsync("/metrics")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await Scrape.FromAsync(Admin);
        await Scrape.FromAsync(Scraper);
        var bearer = App.Client(null);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsKey);
        await Scrape.FromAsync(bearer);
        await (await Scraper.GetAsync("/v1/organizations")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(App.Services.GetService<TracerProvider>(), Is.Null, "no tracing without an OTLP endpoint");
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Reports;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Instances;

/// <summary>
/// Two instances of the service on one database, as behind a load balancer (PostgreSQL's case;
/// on SQLite, two apps on one file): a bed is held once whichever instance takes the
/// referral, every event is delivered once by one of the two, each nightly report is built
/// once, and each instance's catalog learns the other's writes at its next refresh.
/// </summary>
public sealed class TwoInstancesTests(DatabaseEngine engine) : WebhookTest(engine)
{
    /// <summary>Small outbox batches, so the two workers' claims interleave; holds limited only by beds.</summary>
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(FastDelivery())
    {
        ["Webhooks:BatchSize"] = "4",
        ["Referrals:MaxHeldPerCaseManager"] = "100",
    };

    [Test]
    public async Task APartnerListSetOnOneInstanceDecidesReferralsOnTheOtherAtOnceAndItsSearchesAtItsNextRefresh()
    {
        var program = await NewProgramAsync(name: "Partners Only House", body: org =>
        {
            var body = Bodies.Emergency(org, "Partners Only House");
            body["eligibility"]!["referralOnly"] = true;
            return body;
        });
        var agency = await Admin.CreateOrganizationAsync("Partner Agency", "agency");
        var key = await Admin.IssueKeyAsync("case_manager", agency);
        await using var second = new HousingApp(App.Database, Settings);
        var onSecond = second.Client(key);
        var search = new JsonObject { ["household"] = SingleWoman() };
        async Task<IReadOnlyList<Guid>> MatchedOnSecondAsync() =>
            (await (await onSecond.PostJsonAsync("/v1/matches", search)).ExpectAsync(HttpStatusCode.OK))["matches"]!.AsArray()
            .Select(m => m!["program"]!.Id()).ToList();
        Assert.That(await MatchedOnSecondAsync(), Is.Empty, "not a partner yet");

        await (await program.Client.PutJsonAsync($"/v1/organizations/{program.Shelter.OrganizationId}/partners",
            new JsonObject { ["agencyIds"] = new JsonArray(agency.ToString()) })).ExpectAsync(HttpStatusCode.OK);

        await ReferAsync(onSecond, Referral(program.Id));
        await second.Services.GetRequiredService<CatalogRefresher>().RefreshAsync(CancellationToken.None);
        Assert.That(await MatchedOnSecondAsync(), Is.EqualTo(new[] { program.Id }));
    }

    [Test]
    public async Task FiftyParallelReferralsForTheLastBedsThroughBothInstancesHoldEachBedOnceAndLoseNoEvent()
    {
        const int Beds = 3, Requests = 50, Agencies = 5;
        var program = await NewProgramAsync(adultsOpen: Beds, familiesOpen: 0);
        await SetWebhookAsync(program.Client, program.Shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);
        await using var second = new HousingApp(App.Database, Settings);
        var keys = new List<string>();
        for (var a = 0; a < Agencies; a++)
        {
            var agency = await Admin.CreateOrganizationAsync($"Freedom Network {a}", "agency");
            var key = await Admin.IssueKeyAsync("case_manager", agency);
            await SetWebhookAsync(App.Client(key), agency, Receiver.Url($"agency-{a}"), AgencySecret);
            keys.Add(key);
        }
        var clients = keys.Select(k => new[] { App.Client(k), second.Client(k) }).ToList();

        var responses = await Together.SendAsync(Enumerable.Range(0, Requests).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            PostReferralAsync(clients[i % Agencies][i % 2], Referral(SingleWoman(), $"MI-{i}", program.Id)))));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(Beds), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(Requests - Beds), "the rest are told the program is full");
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.That(await ProblemTypeAsync(loser, HttpStatusCode.Conflict), Is.EqualTo("/problems/no-capacity"));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM holds;"), Is.EqualTo(Beds));
        Assert.That(await QueryScalarAsync<int>("SELECT COALESCE(SUM(count), 0) FROM holds WHERE released_at IS NULL;"), Is.EqualTo(Beds));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.EqualTo(Beds), "the losers wrote nothing");

        await second.Services.GetRequiredService<CatalogRefresher>().RefreshAsync(CancellationToken.None);
        await App.Services.GetRequiredService<CatalogRefresher>().RefreshAsync(CancellationToken.None);
        Assert.That(await ListedAsync(App, program.Id), Is.EqualTo((0, Beds)), "the first instance's listing");
        Assert.That(await ListedAsync(second, program.Id), Is.EqualTo((0, Beds)), "the second instance's listing");

        var events = await QueryAsync<string>("SELECT type FROM outbox ORDER BY id;");
        Assert.That(events.Order(), Is.EqualTo(Enumerable.Repeat("referral.created", Beds).Concat(Enumerable.Repeat("referral.offered", Beds))));
        await DeliverWithBothAsync(second);
        var delivered = Receiver.Delivered();
        Assert.That(delivered.Select(c => c.EventId).Distinct().Count(), Is.EqualTo(events.Count), "every event arrived");
        Assert.That(delivered, Has.Count.EqualTo(events.Count), "and each arrived once");
    }

    [Test]
    public async Task TwoWorkersDeliverEachOfManyEventsExactlyOnce()
    {
        const int Referrals = 30;
        var program = await NewProgramAsync(adultsOpen: 20, familiesOpen: 12);
        var agency = await NewAgencyAsync();
        await SetWebhookAsync(program.Client, program.Shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);
        await SetWebhookAsync(agency.CaseManager, agency.Id, Receiver.Url("agency"), AgencySecret);
        for (var i = 0; i < Referrals; i++)
        {
            var id = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), $"EV-{i}", program.Id))).Id();
            await ActOkAsync(agency.CaseManager, id, "cancel");
        }
        await using var second = new HousingApp(App.Database, Settings);
        var events = await QueryScalarAsync<int>("SELECT COUNT(*) FROM outbox;");
        Assert.That(events, Is.EqualTo(Referrals * 4), "created, offered, and a cancel told to both");

        await DeliverWithBothAsync(second);

        var delivered = Receiver.Delivered();
        Assert.That(delivered.Select(c => c.EventId).Distinct().Count(), Is.EqualTo(events), "no event lost");
        Assert.That(delivered, Has.Count.EqualTo(events), "no event sent twice: each was claimed by one worker");
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE status = 'delivered' AND attempts = 1;"), Is.EqualTo(events));
    }

    [Test]
    public async Task AWriteOnOneInstanceReachesTheOthersListingAndSearchesAtItsNextRefresh()
    {
        await using var second = new HousingApp(App.Database, Settings);
        var searcher = second.Client(await Admin.IssueKeyAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency")));
        var refresh = TimeSpan.FromSeconds(new CatalogOptions().RefreshSeconds);

        var program = await NewProgramAsync(adultsOpen: 4, familiesOpen: 0, name: "Made On The First");
        Assert.That(await ListedAsync(second, program.Id), Is.Null, "the second instance has not looked yet");
        second.Clock.Advance(refresh);
        Assert.That(await EventuallyAsync(() => ListedAsync(second, program.Id), (4, 0)), Is.EqualTo((4, 0)), "a new program and its post");
        Assert.That(await MatchedNameAsync(searcher, program.Id), Is.EqualTo("Made On The First"), "the second instance's searches find it");

        var agency = await NewAgencyAsync();
        await ReferAsync(agency.CaseManager, Referral(program.Id));
        await (await program.Client.PutJsonAsync($"/v1/programs/{program.Id}", Bodies.Emergency(program.Shelter.OrganizationId, "Renamed On The First")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(await ListedAsync(second, program.Id), Is.EqualTo((4, 0)), "until its next refresh it shows what it had");
        second.Clock.Advance(refresh);
        Assert.That(await EventuallyAsync(() => ListedAsync(second, program.Id), (3, 1)), Is.EqualTo((3, 1)), "a hold made on the first");
        Assert.That(await EventuallyAsync(() => MatchedNameAsync(searcher, program.Id), "Renamed On The First"), Is.EqualTo("Renamed On The First"),
            "an edit made on the first");
    }

    [Test]
    public async Task AReferralThroughAnInstanceThatHasNotRefreshedIsCheckedAgainstTheDatabase()
    {
        var program = await NewProgramAsync(adultsOpen: 1, familiesOpen: 0);
        await using var second = new HousingApp(App.Database, Settings);
        var agency = await Admin.CreateOrganizationAsync("Freedom Network", "agency");
        var key = await Admin.IssueKeyAsync("case_manager", agency);
        Assert.That(await ListedAsync(second, program.Id), Is.EqualTo((1, 0)));

        await ReferAsync(App.Client(key), Referral(program.Id));
        Assert.That(await ListedAsync(second, program.Id), Is.EqualTo((1, 0)), "the second instance's catalog is behind");
        var late = await PostReferralAsync(second.Client(key), Referral(SingleWoman(), "LATE-1", program.Id));

        Assert.That(await ProblemTypeAsync(late, HttpStatusCode.Conflict), Is.EqualTo("/problems/no-capacity"));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM holds;"), Is.EqualTo(1));
        await second.Services.GetRequiredService<CatalogRefresher>().RefreshAsync(CancellationToken.None);
        Assert.That(await ListedAsync(second, program.Id), Is.EqualTo((0, 1)), "and its next refresh catches up");
    }

    [Test]
    public async Task OneKeysHoldLimitHoldsWhenItRefersThroughBothInstancesAtOnce()
    {
        await using var database = await NewDatabaseAsync();
        var settings = new Dictionary<string, string?>(FastDelivery()) { ["Referrals:MaxHeldPerCaseManager"] = "3" };
        await using var first = new HousingApp(database, settings);
        await using var second = new HousingApp(database, settings);
        var shelter = await first.NewShelterAsync();
        var programs = new List<Guid>();
        for (var p = 0; p < 3; p++)
        {
            var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, $"Shelter {p}"));
            await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(20, 0))).ExpectAsync(HttpStatusCode.OK);
            programs.Add(id);
        }
        var key = await first.Admin.IssueKeyAsync("case_manager", await first.Admin.CreateOrganizationAsync("Freedom Network", "agency"));
        var clients = new[] { first.Client(key), second.Client(key) };

        var responses = await Together.SendAsync(Enumerable.Range(0, 20).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            PostReferralAsync(clients[i % 2], Referral(SingleWoman(), $"HL-{i}", programs[i % 3])))));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(3), string.Join(", ", statuses));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            Assert.That(await ProblemTypeAsync(refused, HttpStatusCode.Conflict), Is.EqualTo("/problems/hold-limit"));
        await using var db = await first.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        Assert.That(await db.ExecuteScalarAsync<int>("SELECT COALESCE(SUM(count), 0) FROM holds WHERE released_at IS NULL;"), Is.EqualTo(3));
    }

    [Test]
    public async Task TwoInstancesBuildEachReportOnceAndAnnounceItOnce()
    {
        var shelter = await App.NewShelterAsync();
        await SetWebhookAsync(shelter.Client, shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);
        await using var second = new HousingApp(App.Database, Settings);
        var runners = new[] { App.Services.GetRequiredService<ReportRunner>(), second.Services.GetRequiredService<ReportRunner>() };
        var date = new DateOnly(2026, 2, 20); // before the schedulers' own first date: only these runs build it

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => runners[i % 2].RunAsync(date, rebuild: false, CancellationToken.None))));

        Assert.That(outcomes.Count(o => o == RunOutcome.Built), Is.EqualTo(1), string.Join(", ", outcomes));
        Assert.That(await QueryScalarAsync<long>("SELECT attempts FROM capacity_reports WHERE date = '2026-02-20';"), Is.EqualTo(1));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE type = 'report.ready' AND payload_json LIKE '%2026-02-20%';"),
            Is.EqualTo(1), "one announcement to the one organisation with a webhook");
    }

    [Test]
    public async Task TwoInstancesStartingTogetherOnAnEmptyDatabaseMigrateItOnce()
    {
        await using var database = await NewDatabaseAsync();
        await using var first = new HousingApp(database, Settings);
        await using var second = new HousingApp(database, Settings);

        var ready = await Task.WhenAll(Task.Run(() => first.Client(null).GetAsync("/health/ready")), Task.Run(() => second.Client(null).GetAsync("/health/ready")));

        Assert.That(ready.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        await using var db = await first.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        var versions = await db.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version;");
        Assert.That(versions, Is.EqualTo(Migrator.Embedded(Engine).Select(m => m.Version)));
    }

    /// <summary>Both instances' delivery passes, several at once, until nothing is pending (the clock never moves: no lease runs out).</summary>
    private async Task DeliverWithBothAsync(HousingApp second)
    {
        for (var round = 0; round < 50 && await PendingAsync(App) > 0; round++)
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => DeliverAsync(i % 2 == 0 ? App : second))));
        Assert.That(await PendingAsync(App), Is.Zero, "every event settles");
    }

    /// <summary>A program's adult beds as an instance's listing (its catalog) shows them: (open, held), or null if it does not list it.</summary>
    private static async Task<(int Open, int Held)?> ListedAsync(HousingApp app, Guid programId)
    {
        var item = (await app.Admin.GetJsonAsync("/v1/availability?limit=200")).Items().SingleOrDefault(i => i.Id("programId") == programId);
        if (item is null) return null;
        var counts = item["counts"]!.AsArray().Single(c => (string?)c!["householdType"] == AdultsOnly)!;
        return ((int)counts["open"]!, (int)counts["held"]!);
    }

    private static async Task<string?> MatchedNameAsync(HttpClient caseManager, Guid programId)
    {
        var outcome = await (await caseManager.PostJsonAsync("/v1/matches", new JsonObject { ["household"] = SingleWoman(), ["limit"] = 50 }))
            .ExpectAsync(HttpStatusCode.OK);
        return outcome["matches"]!.AsArray().Where(m => Guid.Parse((string)m!["program"]!["id"]!) == programId)
            .Select(m => (string?)m!["program"]!["name"]).SingleOrDefault();
    }

    /// <summary>The refresh runs in the background once the clock has moved: wait (in real time) until it shows.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, T expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        T seen;
        do
        {
            seen = await read();
            if (EqualityComparer<T>.Default.Equals(seen, expected)) return seen;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        return seen;
    }
}

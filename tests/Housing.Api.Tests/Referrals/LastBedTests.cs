using System.Collections.Concurrent;
using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Referrals;

/// <summary>
/// Many case managers refer to the last beds at the same moment, against the file database:
/// exactly as many succeed as there are beds, the rest get a conflict, and no bed is held twice.
/// </summary>
public sealed class LastBedTests(DatabaseEngine engine) : ReferralTest(engine)
{
    private const int Beds = 3;
    private const int Agencies = 5;
    private const int RequestsPerAgency = 6;

    [Test]
    public async Task ManyReferralsForTheLastBedsGetExactlyAsManyHoldsAsBeds()
    {
        var program = await NewProgramAsync(adultsOpen: Beds, familiesOpen: 0);
        var clients = new List<HttpClient>();
        for (var a = 0; a < Agencies; a++) clients.Add((await NewAgencyAsync()).CaseManager);

        var seen = new ConcurrentBag<(int Open, int Held)>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                seen.Add(await OpenAndHeldAsync(program.Id));
                seen.Add(await ListedOpenAndHeldAsync(program.Id));
            }
        });

        var responses = await Together.SendAsync(Enumerable.Range(0, Agencies * RequestsPerAgency).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            PostReferralAsync(clients[i % Agencies], Referral(SingleWoman(), $"LB-{i}", program.Id)))));
        await stop.CancelAsync();
        await watcher;

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(Beds), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(Agencies * RequestsPerAgency - Beds));
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.That(await ProblemTypeAsync(loser, HttpStatusCode.Conflict), Is.EqualTo("/problems/no-capacity"));

        Assert.That(await HoldRowsAsync(), Is.EqualTo(Beds));
        Assert.That(await QueryScalarAsync<int>("SELECT COALESCE(SUM(count), 0) FROM holds WHERE released_at IS NULL;"), Is.EqualTo(Beds));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.EqualTo(Beds), "the losers wrote nothing");
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((0, Beds)));
        Assert.That(await ListedOpenAndHeldAsync(program.Id), Is.EqualTo((0, Beds)));
        Assert.That(seen, Is.Not.Empty);
        Assert.That(seen, Has.All.Matches<(int Open, int Held)>(c => c.Open >= 0 && c.Held <= Beds && c.Open + c.Held == Beds),
            "at every moment, open and held add up to the posted beds");
    }

    [Test]
    public async Task TwoServiceInstancesOnOneDatabaseFileStillHoldEachBedOnce()
    {
        // Each instance serialises its own writes; only the database's conditional insert can stop the other's.
        var program = await NewProgramAsync(adultsOpen: Beds, familiesOpen: 0);
        var agency = await NewAgencyAsync();
        var key = await Admin.IssueKeyAsync("case_manager", agency.Id);
        await using var second = new HousingApp(App.Database);
        var clients = new[] { App.Client(key), second.Client(key) };

        var responses = await Together.SendAsync(Enumerable.Range(0, 20).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            PostReferralAsync(clients[i % 2], Referral(SingleWoman(), $"TI-{i}", program.Id)))));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(Beds), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(20 - Beds), string.Join(", ", statuses));
        Assert.That(await HoldRowsAsync(), Is.EqualTo(Beds));
    }
}

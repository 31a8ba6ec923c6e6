using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Referrals;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Watches;

/// <summary>Making, reading, listing, cancelling and ending watches; who may see what; and what is refused.</summary>
public sealed class WatchApiTests(DatabaseEngine engine) : WatchTest(engine)
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>(FastDelivery())
    {
        ["Watches:MaxLivePerCaseManager"] = "3",
    };

    [Test]
    public async Task AWatchRunsSevenDaysByDefaultAndSaysSo()
    {
        var agency = await NewAgencyAsync();
        await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);

        var response = await agency.CaseManager.PostJsonAsync("/v1/watches", WatchBody(SingleWoman()));
        var watch = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/v1/watches/{watch.Id()}"));
        Assert.That(DateTimeOffset.Parse((string)watch["endsAt"]!), Is.EqualTo(HousingApp.Start.AddDays(7)));
        Assert.That((string?)watch["mode"], Is.EqualTo("hold"));
        Assert.That((bool)watch["resumeOnDecline"]!, Is.False);
        Assert.That(Events(watch), Is.EqualTo(new[] { "created" }));
    }

    [TestCase("2026-03-01T00:00:00Z", "endsAt", TestName = "An end in the past is refused")]
    [TestCase("2026-04-02T00:00:00Z", "endsAt", TestName = "An end more than 30 days away is refused")]
    public async Task BadEnds(string endsAt, string field)
    {
        var agency = await NewAgencyAsync();
        await NewProgramAsync();
        await (await agency.CaseManager.PostJsonAsync("/v1/watches", WatchBody(SingleWoman(), endsAt: endsAt)))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task EverythingASearchRefusesAWatchRefusesToo()
    {
        var agency = await NewAgencyAsync();
        await NewProgramAsync();
        async Task RefusedAsync(JsonObject body, string field) =>
            await (await agency.CaseManager.PostJsonAsync("/v1/watches", body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);

        await RefusedAsync(WatchBody(Household()), "household.members");
        await RefusedAsync(WatchBody(SingleWoman(), clientReference: "Maria Lopez"), "clientReference");
        var noReference = WatchBody(SingleWoman());
        noReference.Remove("clientReference");
        await RefusedAsync(noReference, "clientReference");
        await RefusedAsync(WatchBody(SingleWoman(), safety: new JsonObject { ["unsafeRegions"] = new JsonArray("spa6") }), "safety.unsafeRegions[0]");
        await RefusedAsync(WatchBody(SingleWoman(), safety: UnsafePlace(34.07, 118.28, 5)), "safety.unsafePlaces[0]");
        await RefusedAsync(WatchBody(SingleWoman(), safety: new JsonObject { ["unsafeProgramIds"] = new JsonArray(Guid.NewGuid().ToString()) }),
            "safety.unsafeProgramIds[0]");
        var named = WatchBody(SingleWoman());
        named["clientName"] = "Maria";
        await RefusedAsync(named, "clientName");
        await RefusedAsync(WatchBody(SingleWoman(), mode: "sometimes"), "mode");
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM watches;"), Is.Zero, "nothing refused was stored");
    }

    [Test]
    public async Task OnlyTheAgencyThatMadeAWatchSeesItAndItsSafetyAnAdminSeesItWithout()
    {
        var agency = await NewAgencyAsync();
        var other = await NewAgencyAsync();
        var program = await NewProgramAsync();
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), safety: UnsafePlace(34.2, -118.5, 3)));

        Assert.That((await GetWatchAsync(agency.CaseManager, watch.Id()))["safety"], Is.Not.Null);
        await (await other.CaseManager.GetAsync($"/v1/watches/{watch.Id()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await other.CaseManager.PostAsync($"/v1/watches/{watch.Id()}/cancel", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await other.CaseManager.GetJsonAsync("/v1/watches")).Items(), Is.Empty);
        var asAdmin = await Admin.GetJsonAsync($"/v1/watches/{watch.Id()}");
        Assert.That(asAdmin["safety"], Is.Null);
        Assert.That((await Admin.GetJsonAsync("/v1/watches")).Items().Single()["safety"], Is.Null);
        await (await program.Client.GetAsync($"/v1/watches/{watch.Id()}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await program.Client.GetAsync("/v1/watches")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task CancellingEndsTheWatchAndDestroysItsSafetyAndASecondCancelIsAConflict()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), safety: UnsafePlace(34.2, -118.5, 3)));

        var cancelled = await (await agency.CaseManager.PostAsync($"/v1/watches/{watch.Id()}/cancel", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.That(Status(cancelled), Is.EqualTo("cancelled"));
        Assert.That(cancelled["safety"], Is.Null);
        Assert.That(await StoredSafetyAsync(watch.Id()), Is.Null);
        var again = await agency.CaseManager.PostAsync($"/v1/watches/{watch.Id()}/cancel", null);
        Assert.That(await ProblemTypeAsync(again, HttpStatusCode.Conflict), Is.EqualTo("/problems/watch-ended"));
        await PostOpenAsync(program, adultsOpen: 3);
        await PassAsync();
        Assert.That(await HoldRowsAsync(), Is.Zero, "a cancelled watch holds nothing");
    }

    [Test]
    public async Task AWatchPastItsEndExpiresAndItsSafetyIsDestroyed()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), endsAt: "2026-03-03T21:30:00Z"));

        App.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        await PassAsync();
        await PostOpenAsync(program, adultsOpen: 3);
        await PassAsync();

        var read = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Status(read), Is.EqualTo("expired"));
        Assert.That(Events(read), Is.EqualTo(new[] { "created", "expired" }));
        Assert.That(await StoredSafetyAsync(watch.Id()), Is.Null);
        Assert.That(await HoldRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task AKeyMayHaveOnlySoManyLiveWatches()
    {
        var agency = await NewAgencyAsync();
        await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add((await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), clientReference: $"CM-{i}"))).Id());

        var refused = await agency.CaseManager.PostJsonAsync("/v1/watches", WatchBody(SingleWoman(), clientReference: "CM-4"));
        Assert.That(await ProblemTypeAsync(refused, HttpStatusCode.Conflict), Is.EqualTo("/problems/watch-limit"));

        await (await agency.CaseManager.PostAsync($"/v1/watches/{ids[0]}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), clientReference: "CM-5"));
    }

    [Test]
    public async Task TheListPagesAndFiltersByStatus()
    {
        var agency = await NewAgencyAsync();
        await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add((await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), clientReference: $"CM-{i}"))).Id());
        await (await agency.CaseManager.PostAsync($"/v1/watches/{ids[1]}/cancel", null)).ExpectAsync(HttpStatusCode.OK);

        var first = await agency.CaseManager.GetJsonAsync("/v1/watches?limit=2");
        var second = await agency.CaseManager.GetJsonAsync($"/v1/watches?limit=2&after={(string)first["next"]!}");
        Assert.That(first.Items().Concat(second.Items()).Select(w => w.Id()), Is.EquivalentTo(ids), "every watch once, across pages");
        Assert.That((await agency.CaseManager.GetJsonAsync("/v1/watches?status=cancelled")).Items().Select(w => w.Id()), Is.EqualTo(new[] { ids[1] }));
        await (await agency.CaseManager.GetAsync("/v1/watches?status=asleep")).ExpectProblemAsync(HttpStatusCode.BadRequest, "status");
    }

    [Test]
    public async Task AnEndedWatchIsPurgedWithClosedReferralsAfterTheRetentionPeriod()
    {
        var agency = await NewAgencyAsync();
        await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var ended = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), clientReference: "CM-OLD"));
        await (await agency.CaseManager.PostAsync($"/v1/watches/{ended.Id()}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromDays(91));
        var live = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), clientReference: "CM-NEW"));

        await App.Services.GetRequiredService<ReferralRetention>().PurgeAsync(CancellationToken.None);

        await (await agency.CaseManager.GetAsync($"/v1/watches/{ended.Id()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await agency.CaseManager.GetAsync($"/v1/watches/{live.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM watch_events WHERE watch_id = @id;", new { id = ended.Id().ToString() }), Is.Zero);
    }
}

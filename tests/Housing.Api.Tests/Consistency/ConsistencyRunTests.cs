using System.Net;
using Dapper;
using Housing.Api.Consistency;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Consistency;

/// <summary>
/// Who may read and run the check, and how runs are taken in turn: one instance at a time (a
/// second asking while one runs is told so), a dead instance's claim lapses, two instances
/// asked at once release a phantom once, and only the newest runs are kept.
/// </summary>
public sealed class ConsistencyRunTests(DatabaseEngine engine) : ConsistencyTest(engine)
{
    protected override IReadOnlyDictionary<string, string?>? Settings =>
        new Dictionary<string, string?>(base.Settings!) { ["Consistency:KeepRuns"] = "3" };

    [Test]
    public async Task OnlyAnAdminReadsOrRunsTheCheck()
    {
        var agency = await NewAgencyAsync();
        var shelter = await App.NewShelterAsync();
        var others = new[] { agency.CaseManager, shelter.Client, await App.ClientForRoleAsync("reporter") };

        foreach (var client in others)
        {
            await (await client.GetAsync("/v1/admin/consistency")).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync("/v1/admin/consistency/run", null)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        }
        await (await App.Client(null).GetAsync("/v1/admin/consistency")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM consistency_runs;"), Is.Zero, "nobody ran it");

        var never = await (await Admin.GetAsync("/v1/admin/consistency")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That((string?)never["detail"], Does.Contain("No consistency check has run yet"));
        var ran = await CheckAsync();
        var read = await Admin.GetJsonAsync("/v1/admin/consistency");
        Assert.That(read.ToJsonString(), Is.EqualTo(ran.ToJsonString()));
        Assert.That((string?)read["status"], Is.EqualTo("done"));
        Assert.That((string?)read["instance"], Is.EqualTo(App.Services.GetRequiredService<ConsistencyCheck>().Instance));
        Assert.That(DateTimeOffset.Parse((string)read["startedAt"]!), Is.EqualTo(HousingApp.Start));
    }

    [Test]
    public async Task WhileAnotherInstanceHoldsALiveClaimARunIsRefusedAndADeadInstancesClaimLapses()
    {
        await BehindTheServicesBackAsync("""
            INSERT INTO consistency_runs (instance, status, started_at, lease_until)
            VALUES ('other-host/1/dead', 'running', '2026-03-02T21:25:00.0000000Z', '2026-03-02T21:35:00.0000000Z');
            """);

        var refused = await (await Admin.PostAsync("/v1/admin/consistency/run", null)).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)refused["detail"], Does.Contain("Another instance is running the consistency check"));

        App.Clock.Advance(TimeSpan.FromMinutes(6));
        var report = await CheckAsync();
        Assert.That((string?)report["status"], Is.EqualTo("done"));
        var runs = await QueryAsync<(string Instance, string Status, string? Error)>("SELECT instance, status, error FROM consistency_runs ORDER BY id;");
        Assert.That(runs.Select(r => (r.Instance, r.Status)), Is.EqualTo(new[]
        {
            ("other-host/1/dead", "failed"),
            (App.Services.GetRequiredService<ConsistencyCheck>().Instance, "done"),
        }));
        Assert.That(runs[0].Error, Does.Contain("lease ran out"));
    }

    [Test]
    public async Task TwoInstancesAskedAtOnceReleaseAPhantomHoldOnce()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 2, familiesOpen: 0);
        var referral = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        await EndBehindTheBackAsync(referral, "declined");
        await using var second = new HousingApp(App.Database, Settings);
        second.Clock.SetUtcNow(App.Clock.GetUtcNow());
        var checks = new[] { App.Services.GetRequiredService<ConsistencyCheck>(), second.Services.GetRequiredService<ConsistencyCheck>() };

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = checks.Select(c => Task.Run(async () => { await start.Task; return await c.RunAsync(CancellationToken.None); })).ToArray();
        start.SetResult();
        var outcomes = await Task.WhenAll(runs);

        Assert.That(outcomes.Count(o => o.Outcome == CheckOutcome.Done), Is.GreaterThanOrEqualTo(1));
        Assert.That(outcomes.Select(o => o.Outcome), Has.None.EqualTo(CheckOutcome.Failed));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM consistency_findings WHERE kind = 'phantom_hold';"), Is.EqualTo(1),
            "whichever ran it, or both one after the other, the phantom was released once");
        Assert.That((await Admin.GetJsonAsync($"/v1/audit?action=referral.hold_released&entityId={referral}")).Items(), Has.Count.EqualTo(1));
        Assert.That(await UnreleasedHoldRowsAsync(), Is.Zero);
        await second.Services.GetRequiredService<Housing.Api.Catalog.CatalogRefresher>().RefreshAsync(CancellationToken.None);
        var listed = (await second.Admin.GetJsonAsync("/v1/availability")).Items().Single();
        Assert.That((int?)listed["counts"]![0]!["held"], Is.Zero, "the other instance reloads the released hold");
    }

    [Test]
    public async Task OnlyTheNewestRunsAreKeptWithTheirFindings()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 2, familiesOpen: 0);
        var referral = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        await EndBehindTheBackAsync(referral, "expired");
        var first = await CheckAsync();
        Assert.That(Repaired(first), Has.Count.EqualTo(1));

        for (var i = 0; i < 3; i++) await CheckAsync();

        var kept = await QueryAsync<long>("SELECT id FROM consistency_runs ORDER BY id;");
        Assert.That(kept, Has.Count.EqualTo(3));
        Assert.That(kept, Has.None.EqualTo((long)first["runId"]!));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM consistency_findings;"), Is.Zero, "the first run's finding went with it");
    }

    [Test]
    public async Task AFindingStoresNoReferralHouseholdOrAddress()
    {
        var (shelter, program) = await App.NewConfidentialProgramAsync();
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(2, 0))).ExpectAsync(HttpStatusCode.OK);
        var agency = await NewAgencyAsync();
        var referral = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "CM-SECRET-77", program))).Id();
        await EndBehindTheBackAsync(referral, "declined");

        var report = await CheckAsync();

        Assert.That(Repaired(report), Has.Count.EqualTo(1));
        var text = report.ToJsonString() + string.Join("|", await QueryAsync<string>(
            "SELECT program_id || kind || COALESCE(measure, '') || action FROM consistency_findings;"));
        Assert.That(text, Does.Not.Contain(referral.ToString()).And.Not.Contain("CM-SECRET-77").And.Not.Contain(Bodies.ConfidentialAddress)
            .And.Not.Contain("Hidden Lane").And.Not.Contain(Bodies.ConfidentialLatitude.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

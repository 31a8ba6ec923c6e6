using System.Net;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Reports;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Reports;

/// <summary>The scheduler on a fake clock: nightly runs, catch-up after downtime, exactly once, failures recorded and retried.</summary>
public sealed class ReportSchedulerTests(DatabaseEngine engine) : ReportTest(engine)
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings!) { ["Reports:Schedule"] = "true", ["Reports:PollMinutes"] = "60", ["Reports:CatchUpDelayMinutes"] = "0" };

    private async Task<IReadOnlyList<string>> DoneDatesAsync(HttpClient client) =>
        (await client.GetJsonAsync("/v1/reports/capacity")).Items()
            .Where(i => (string?)i["status"] == "done").Select(i => (string)i["date"]!).Order().ToList();

    /// <summary>The scheduler runs in the background: wait (in real time) until it has built what the test expects.</summary>
    private static async Task<IReadOnlyList<string>> EventuallyAsync(Func<Task<IReadOnlyList<string>>> read, IReadOnlyList<string> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        IReadOnlyList<string> seen;
        do
        {
            seen = await read();
            if (seen.SequenceEqual(expected)) return seen;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        return seen;
    }

    [Test]
    public async Task TheSchedulerBuildsYesterdayAtStartAndEachDayAtTwoInTheMorning()
    {
        Assert.That(await EventuallyAsync(() => DoneDatesAsync(Admin), ["2026-03-01"]), Is.EqualTo(new[] { "2026-03-01" }));
        AdvanceTo(DayDue.AddMinutes(-1));
        await Task.Delay(200);
        Assert.That(await DoneDatesAsync(Admin), Is.EqualTo(new[] { "2026-03-01" }), "not before 02:00 local");
        AdvanceTo(DayDue.AddMinutes(59));
        Assert.That(await EventuallyAsync(() => DoneDatesAsync(Admin), ["2026-03-01", Day]), Is.EqualTo(new[] { "2026-03-01", Day }));
    }

    [Test]
    public async Task DaysMissedWhileTheServiceWasDownAreCaughtUpOnStart()
    {
        Assert.That(await EventuallyAsync(() => DoneDatesAsync(Admin), ["2026-03-01"]), Is.EqualTo(new[] { "2026-03-01" }));
        // A second instance on the same database, started four days on, as the service would be after downtime.
        await using var restarted = new HousingApp(App.Database, Settings);
        restarted.Clock.Advance(TimeSpan.FromDays(4)); // 13:30 local on 6 March: the 2nd to the 5th are due
        var dates = await EventuallyAsync(() => DoneDatesAsync(restarted.Admin), ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]);
        Assert.That(dates, Is.EqualTo(new[] { "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05" }));
    }

    [Test]
    public async Task ARestartedServiceServesFirstAndCatchesUpAfterItsDelay()
    {
        Assert.That(await EventuallyAsync(() => DoneDatesAsync(Admin), ["2026-03-01"]), Is.EqualTo(new[] { "2026-03-01" }));
        var settings = new Dictionary<string, string?>(Settings) { ["Reports:CatchUpDelayMinutes"] = "5" };
        await using var restarted = new HousingApp(App.Database, settings);
        restarted.Clock.Advance(TimeSpan.FromDays(1)); // the 2nd is due
        Assert.That(await DoneDatesAsync(restarted.Admin), Is.EqualTo(new[] { "2026-03-01" }));
        await Task.Delay(300);
        Assert.That(await DoneDatesAsync(restarted.Admin), Is.EqualTo(new[] { "2026-03-01" }), "not at once");
        restarted.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.That(await EventuallyAsync(() => DoneDatesAsync(restarted.Admin), ["2026-03-01", "2026-03-02"]), Is.EqualTo(new[] { "2026-03-01", "2026-03-02" }));
    }

    [Test]
    public async Task TwoRunnersRacingForOneDateBuildItExactlyOnce()
    {
        var date = new DateOnly(2026, 2, 20);
        var runners = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<ReportRunner>(App.Services)).ToList();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => runners[i % 2].RunAsync(date, rebuild: false, CancellationToken.None))));
        Assert.That(outcomes.Count(o => o == RunOutcome.Built), Is.EqualTo(1), string.Join(", ", outcomes));
        Assert.That(outcomes.Where(o => o != RunOutcome.Built), Is.All.AnyOf(RunOutcome.AlreadyDone, RunOutcome.HeldByAnother));
        Assert.That(await ScalarAsync<long>("SELECT attempts FROM capacity_reports WHERE date = '2026-02-20';"), Is.EqualTo(1));
    }

    [Test]
    public async Task AFailedRunIsRecordedWithItsErrorAndSucceedsWhenTriedAgain()
    {
        Assert.That(await EventuallyAsync(() => DoneDatesAsync(Admin), ["2026-03-01"]), Is.EqualTo(new[] { "2026-03-01" }));
        await ExecuteAsync("ALTER TABLE match_searches RENAME TO match_searches_away;");
        const string Past = "2026-02-20"; // before the first report: not the scheduler's to catch up
        var failed = await (await Admin.PostJsonAsync("/v1/reports/capacity/runs", new System.Text.Json.Nodes.JsonObject { ["date"] = Past }))
            .ExpectProblemAsync(HttpStatusCode.InternalServerError);
        Assert.That((string?)failed["detail"], Does.Contain("match_searches"));
        var run = (await Admin.GetJsonAsync("/v1/reports/capacity")).Items().Single(i => (string?)i["date"] == Past);
        Assert.That((string?)run["status"], Is.EqualTo("failed"));
        await (await Admin.GetAsync($"/v1/reports/capacity/{Past}")).ExpectProblemAsync(HttpStatusCode.NotFound);

        await ExecuteAsync("ALTER TABLE match_searches_away RENAME TO match_searches;");
        var done = await RunReportAsync(Admin, Past);
        Assert.That(((string?)done["status"], (int?)done["attempts"]), Is.EqualTo(("done", 2)));
    }

    [Test]
    public async Task AFailingDueDateIsTriedAgainEveryPollUntilItIsBuilt()
    {
        Assert.That(await EventuallyAsync(() => DoneDatesAsync(Admin), ["2026-03-01"]), Is.EqualTo(new[] { "2026-03-01" }));
        await ExecuteAsync("ALTER TABLE match_searches RENAME TO match_searches_away;");
        AdvanceTo(DayDue);
        await EventuallyAsync(async () => (await Admin.GetJsonAsync("/v1/reports/capacity")).Items()
            .Where(i => (string?)i["status"] == "failed").Select(i => (string)i["date"]!).ToList(), [Day]);
        await ExecuteAsync("ALTER TABLE match_searches_away RENAME TO match_searches;");
        AdvanceTo(DayDue.AddMinutes(61));
        Assert.That(await EventuallyAsync(() => DoneDatesAsync(Admin), ["2026-03-01", Day]), Is.EqualTo(new[] { "2026-03-01", Day }));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await db.ExecuteAsync(sql);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return (await db.ExecuteScalarAsync<T>(sql))!;
    }
}

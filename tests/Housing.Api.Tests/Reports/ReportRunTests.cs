using System.Net;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Reports;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Housing.Api.Tests.Reports;

/// <summary>What a run says about itself: in its logs, and in the answer to <c>POST /v1/reports/capacity/runs</c>.</summary>
public sealed class ReportRunTests(DatabaseEngine engine) : ReportTest(engine)
{
    [Test]
    public async Task RunLogsGiveTheDateAsIsoInTheMessageAndInItsField()
    {
        var logs = new CapturedLogs();
        var runner = ActivatorUtilities.CreateInstance<ReportRunner>(App.Services, logs.CreateLogger<ReportRunner>());

        Assert.That(await runner.RunAsync(new DateOnly(2026, 2, 20), rebuild: false, CancellationToken.None), Is.EqualTo(RunOutcome.Built));

        var lines = logs.Entries.Where(l => l.Level >= LogLevel.Information).ToList();
        Assert.That(lines.Select(l => l.Message), Has.Some.EqualTo("Capacity report 2026-02-20: started by " + runner.Holder));
        Assert.That(lines.Select(l => l.Message), Has.None.Contain("02/20/2026"));
        Assert.That(lines.Select(l => l.Fields["Date"]), Is.Not.Empty.And.All.EqualTo("2026-02-20"), "structured field, as the JSON console writes it");
    }

    [Test]
    public async Task TodaysRunSaysItIsProvisionalAndTheRunAfterTheDayEndsSaysItIsNot()
    {
        await NewProgramAsync();
        var today = await RunReportAsync(Admin, Day); // 13:30 in Los Angeles on the day itself
        Assert.That(((string?)today["date"], (string?)today["status"], (bool?)today["provisional"]), Is.EqualTo((Day, "done", (bool?)true)));
        Assert.That((bool?)(await Admin.GetJsonAsync($"/v1/reports/capacity/{Day}"))["provisional"], Is.True, "the report says so too");
        var yesterday = await RunReportAsync(Admin, "2026-03-01");
        Assert.That((bool?)yesterday["provisional"], Is.False);

        AdvanceTo(DayDue);
        var final = await RunReportAsync(Admin, Day);
        Assert.That(((bool?)final["provisional"], (int?)final["attempts"]), Is.EqualTo(((bool?)false, (int?)2)));
        var listed = (await Admin.GetJsonAsync("/v1/reports/capacity")).Items().ToDictionary(i => (string)i["date"]!, i => (bool?)i["provisional"]);
        Assert.That(listed, Is.EquivalentTo(new Dictionary<string, bool?> { [Day] = false, ["2026-03-01"] = false }));
    }

    [TestCase("0001-01-01")]
    [TestCase("2024-02-29")]
    [TestCase("2026-03-03")]
    [TestCase("2026-02-30")]
    public async Task ADateOutsideTheLastTwoYearsOrAfterTodayIsRefusedAndNothingIsStored(string date)
    {
        var response = await Admin.PostJsonAsync("/v1/reports/capacity/runs", new System.Text.Json.Nodes.JsonObject { ["date"] = date });

        var problem = await response.ExpectProblemAsync(System.Net.HttpStatusCode.BadRequest, "date");
        Assert.That((string?)problem["errors"]!["date"]![0], Does.Contain("2024-03-01").And.Contain(Day));
        Assert.That((await Admin.GetJsonAsync("/v1/reports/capacity")).Items(), Is.Empty);
    }

    [Test]
    public async Task TheOldestDateAllowedCanBeBuilt() =>
        Assert.That((string?)(await RunReportAsync(Admin, "2024-03-01"))["status"], Is.EqualTo("done"));

    /// <summary>
    /// A report built under the per-dimension suppression can be differenced down to one
    /// confidential program: its migration withdraws it rather than leave it served.
    /// </summary>
    [Test]
    public async Task AReportStoredBeforeTheConfidentialAggregateIsWithdrawnAndCanBeBuiltAgain()
    {
        await NewProgramAsync();
        AdvanceTo(DayDue);
        await RunReportAsync(Admin, Day);
        var migration = Migrator.Embedded(Engine).Single(m => m.Name == "0010_reports_confidential_aggregate");
        await using (var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            await db.ExecuteAsync("UPDATE capacity_reports SET content_json = @old;", new { old = """{"rollups":[{"suppressed":false}]}""" });
            await db.ExecuteAsync(migration.Sql);
        }

        await (await Admin.GetAsync($"/v1/reports/capacity/{Day}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var listed = (await Admin.GetJsonAsync("/v1/reports/capacity")).Items().Single();
        Assert.That(((string?)listed["status"], (string?)listed["error"]), Is.EqualTo(("failed",
            "Withdrawn: built before confidential programs were published only as one aggregate; rebuild it.")));

        Assert.That((string?)(await RunReportAsync(Admin, Day))["status"], Is.EqualTo("done"));
        Assert.That((await Admin.GetJsonAsync($"/v1/reports/capacity/{Day}"))["confidential"], Is.Not.Null);
    }

    /// <summary>
    /// Here, where no scheduler runs: in its fixture the scheduler saw the claimed date as due and
    /// took the lapsed lease over first, now and then, which is right for it and made this flaky.
    /// </summary>
    [Test]
    public async Task ALeaseThatRanOutIsTakenOverAndALiveOneIsNot()
    {
        var store = App.Services.GetRequiredService<ReportStore>();
        var date = new DateOnly(2026, 2, 20);
        var now = App.Clock.GetUtcNow();
        Assert.That(await store.TryClaimAsync(date, DayEnd, "crashed", now, now.AddMinutes(15), false, CancellationToken.None), Is.EqualTo(ClaimOutcome.Claimed));
        var runner = ActivatorUtilities.CreateInstance<ReportRunner>(App.Services);
        Assert.That(await runner.RunAsync(date, false, CancellationToken.None), Is.EqualTo(RunOutcome.HeldByAnother));
        App.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.That(await runner.RunAsync(date, false, CancellationToken.None), Is.EqualTo(RunOutcome.Built));
    }
}

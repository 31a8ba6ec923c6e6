using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;

namespace Housing.Api.Tests.Reports;

/// <summary>
/// Report tests run on the referral tests' world. The day reported on is 2 March 2026 in Los
/// Angeles: 08:00 UTC on the 2nd to 08:00 UTC on the 3rd; the app starts at 13:30 local.
/// </summary>
public abstract class ReportTest(DatabaseEngine engine) : ReferralTest(engine)
{
    public const string Day = "2026-03-02";

    /// <summary>The end of <see cref="Day"/> in UTC, and the time its report is due (02:00 local on the 3rd).</summary>
    public static readonly DateTimeOffset DayEnd = new(2026, 3, 3, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset DayDue = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Hourly sweeps: the fake clock fires a periodic timer once per period it moves past. Reports
    /// are built by the test (the scheduler's own tests turn it on), retrying without delay.
    /// </summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Referrals:SweepSeconds"] = "3600",
        ["Reports:Schedule"] = "false",
        ["Reports:RetryAttempts"] = "2",
        ["Reports:RetryDelaySeconds"] = "0",
    };

    protected static async Task<JsonNode> RunReportAsync(HttpClient admin, string date, bool rebuild = false) =>
        await (await admin.PostJsonAsync("/v1/reports/capacity/runs", new JsonObject { ["date"] = date, ["rebuild"] = rebuild }))
            .ExpectAsync(HttpStatusCode.OK);

    protected static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await client.SendAsync(request);
    }

    protected void AdvanceTo(DateTimeOffset at) => App.Clock.Advance(at - App.Clock.GetUtcNow());
}

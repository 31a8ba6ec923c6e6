using System.Globalization;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Reports;

/// <summary>
/// The capacity report of a day (today's when it is built, else the newest) with the same
/// charts and tables as the report's HTML, and its downloads. Aggregate only: confidential
/// programs are already left out or suppressed by the report itself.
/// </summary>
[Authorize(Policy = ConsoleAuth.Reports)]
public sealed class IndexModel(ReportStore store, ReportRunner runner, TimeProvider clock, IOptions<ReportOptions> options) : ConsolePage
{
    public IReadOnlyList<ReportRunView> Runs { get; private set; } = [];
    public CapacityReport? Report { get; private set; }
    public DateOnly Today { get; private set; }
    public bool CanBuild => Caller.Role == Role.Admin;

    public static readonly IReadOnlyList<(string Format, string Label)> Downloads =
    [
        ("csv", "Report as CSV"),
        ("html", "Report as a page (HTML, works offline)"),
        ("json", "Report as JSON"),
        ("hmis", "HUD HMIS Inventory.csv"),
        ("hsds", "HSDS service_capacity (JSON)"),
    ];

    public async Task<IActionResult> OnGetAsync(string? date, CancellationToken ct)
    {
        Today = LocalToday();
        Runs = await store.ListAsync(ct);
        DateOnly? day;
        if (date is not null)
        {
            if (Parse(date) is not { } asked) return NotFound();
            day = asked;
        }
        else
        {
            day = Runs.Any(r => r.Date == Today && r.Status == "done") ? Today
                : Runs.Where(r => r.Status == "done").Select(r => (DateOnly?)r.Date).FirstOrDefault();
        }
        if (day is { } d && await store.ContentAsync(d, ct) is { } json) Report = HousingJson.Deserialize<CapacityReport>(json);
        else if (date is not null) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string? date, string? format, CancellationToken ct)
    {
        if (Parse(date) is not { } day) return NotFound();
        var iso = day.Iso();
        switch (format)
        {
            case "hmis":
                return new ResultAction(await ReportsApi.HmisInventory(iso, store, clock, options, ct));
            case "hsds":
                var capacity = await ReportsApi.HsdsCapacity(iso, store, clock, options, ct);
                return capacity.Result is IValueHttpResult<IReadOnlyList<ServiceCapacity>> { Value: { } items }
                    ? File(System.Text.Encoding.UTF8.GetBytes(HousingJson.Serialize(items)), "application/json", $"service_capacity-{iso}.json")
                    : new ResultAction(capacity.Result);
        }
        if (await store.ContentAsync(day, ct) is not { } json) return NotFound();
        var report = HousingJson.Deserialize<CapacityReport>(json);
        return format switch
        {
            "csv" => File(System.Text.Encoding.UTF8.GetBytes(ReportCsv.Write(report)), "text/csv; charset=utf-8", $"capacity-{iso}.csv"),
            "html" => File(System.Text.Encoding.UTF8.GetBytes(ReportHtml.Render(report)), "text/html; charset=utf-8", $"capacity-{iso}.html"),
            "json" => File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", $"capacity-{iso}.json"),
            _ => NotFound(),
        };
    }

    /// <summary>An admin builds today's report so far (provisional), as POST /v1/reports/capacity/runs does.</summary>
    public async Task<IActionResult> OnPostBuildAsync(CancellationToken ct)
    {
        if (!CanBuild) return Forbid();
        var today = LocalToday();
        var result = await ReportsApi.Run(new RunReportRequest(today.Iso()), runner, store, clock, options, ct);
        if (Take<ReportRunView>(result.Result) is not null) return Redirect($"/reports/{today.Iso()}");
        Today = today;
        Runs = await store.ListAsync(ct);
        return Page();
    }

    private DateOnly LocalToday() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), options.Value.Zone()).DateTime);

    private static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

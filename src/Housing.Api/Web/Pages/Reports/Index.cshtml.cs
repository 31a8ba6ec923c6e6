using Housing.Api.Auth;
using Housing.Api.Http;
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
public sealed class IndexModel(ReportOperations reports, ReportHtml html, IOptions<ReportOptions> options) : ConsolePage
{
    public IReadOnlyList<ReportRunView> Runs { get; private set; } = [];
    public CapacityReport? Report { get; private set; }
    public DateOnly Today { get; private set; }
    public bool CanBuild => Caller.Role == Role.Admin;

    /// <summary>The downloads, named in the request's language; the files themselves keep their codes and columns.</summary>
    public static IReadOnlyList<(string Format, string Label)> Downloads =>
    [
        ("csv", ReportText.Report_Download_Csv),
        ("html", ReportText.Report_Download_Html),
        ("json", ReportText.Report_Download_Json),
        ("hmis", ReportText.Report_Download_Hmis),
        ("hsds", ReportText.Report_Download_Hsds),
    ];

    /// <summary>A run that is not done, in words: "(running)", "(failed)".</summary>
    public static string Status(string status) => status switch
    {
        "running" => ReportText.Report_Console_Running,
        "failed" => ReportText.Report_Console_Failed,
        _ => $"({status})",
    };

    public async Task<IActionResult> OnGetAsync(string? date, CancellationToken ct)
    {
        Today = reports.Today();
        Runs = await reports.RunsAsync(ct);
        DateOnly? day;
        if (date is not null)
        {
            if (ReportOperations.ParseDate(date) is not { } asked) return NotFound();
            day = asked;
        }
        else
        {
            day = Runs.Any(r => r.Date == Today && r.Status == "done") ? Today
                : Runs.Where(r => r.Status == "done").Select(r => (DateOnly?)r.Date).FirstOrDefault();
        }
        if (day is { } d && await reports.FindAsync(d, ct) is { } found) Report = found.Report;
        else if (date is not null) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string? date, string? format, CancellationToken ct)
    {
        if (ReportOperations.ParseDate(date) is not { } day) return NotFound();
        var iso = day.Iso();
        if (format is "hmis" or "hsds")
        {
            var inputs = await reports.InputsAsync(iso, ct);
            if (inputs.Value is not { } value) return inputs.IsNotFound ? NotFound() : BadRequest();
            return format == "hmis"
                ? Download(HmisInventoryCsv.Write(value, options.Value.CocCode), "text/csv; charset=utf-8", HmisInventoryCsv.FileName)
                : Download(HousingJson.Serialize(HsdsServiceCapacity.Build(value)), "application/json", $"service_capacity-{iso}.json");
        }
        if (await reports.FindAsync(day, ct) is not { } found) return NotFound();
        return format switch
        {
            "csv" => Download(ReportCsv.Write(found.Report), "text/csv; charset=utf-8", $"capacity-{iso}.csv"),
            "html" => Download(await html.RenderAsync(found.Report), "text/html; charset=utf-8", $"capacity-{iso}.html"),
            "json" => Download(found.Json, "application/json", $"capacity-{iso}.json"),
            _ => NotFound(),
        };
    }

    /// <summary>An admin builds today's report so far (provisional), as POST /v1/reports/capacity/runs does.</summary>
    public async Task<IActionResult> OnPostBuildAsync(CancellationToken ct)
    {
        if (!CanBuild) return Forbid();
        var today = reports.Today();
        var run = await reports.RunAsync(new RunReportRequest(today.Iso()), ct);
        if (run.Value is not null) return Redirect($"/reports/{today.Iso()}");
        Explain(run);
        Today = today;
        Runs = await reports.RunsAsync(ct);
        return Page();
    }

    private FileContentResult Download(string content, string contentType, string fileName) =>
        File(System.Text.Encoding.UTF8.GetBytes(content), contentType, fileName);
}

using System.ComponentModel;
using System.Globalization;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Housing.Api.Reports;

/// <summary>Asks for a date's report to be built now; without a date, the latest day that is over.</summary>
public sealed record RunReportRequest(string? Date = null, bool Rebuild = false);

public static class ReportsApi
{
    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/reports/capacity").WithTags("Reports");
        group.MapGet("/", List).WithName("ListCapacityReports")
            .WithSummary("Every date with a capacity report, newest first, with its run status")
            .RequireRoles(Role.Admin, Role.Reporter)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{date}", Get).WithName("GetCapacityReport")
            .WithSummary("A date's capacity report as JSON, CSV (Accept: text/csv) or an HTML page with charts (Accept: text/html)")
            .RequireRoles(Role.Admin, Role.Reporter)
            .Produces<CapacityReport>(StatusCodes.Status200OK, "application/json", ReportCsv.ContentType, ReportHtml.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);
        group.MapGet("/{date}/hmis/Inventory.csv", HmisInventory).WithName("GetHmisInventoryCsv")
            .WithSummary("HUD HMIS CSV Inventory.csv (Housing Inventory Count) for a date; confidential programs left out")
            .RequireRoles(Role.Admin, Role.Reporter)
            .Produces<string>(StatusCodes.Status200OK, ReportCsv.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{date}/hsds/service_capacity", HsdsCapacity).WithName("GetHsdsServiceCapacity")
            .WithSummary("Open Referral HSDS 3.x service_capacity for a date; confidential programs left out")
            .RequireRoles(Role.Admin, Role.Reporter)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/runs", Run).WithName("RunCapacityReport")
            .WithSummary("Build a date's report now (a day not yet over gives a provisional report, rebuilt when it ends)")
            .RequireRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status500InternalServerError);
        return group;
    }

    public static async Task<Ok<ReportRunList>> List(ReportStore store, CancellationToken ct) =>
        TypedResults.Ok(new ReportRunList(await store.ListAsync(ct)));

    public static async Task<IResult> Get(
        [Description("The local date reported on, yyyy-MM-dd.")] string date, HttpRequest request, ReportStore store, CancellationToken ct)
    {
        if (ParseDate(date) is not { } day) return BadDate();
        var format = Negotiate(request);
        if (format is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable",
                detail: "This report is served as application/json, text/csv or text/html.");
        }
        if (await store.ContentAsync(day, ct) is not { } json)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"No finished capacity report for {date}. GET /v1/reports/capacity lists the dates; an admin can build one with POST /v1/reports/capacity/runs.");
        }
        var report = HousingJson.Deserialize<CapacityReport>(json);
        return format switch
        {
            ReportCsv.ContentType => Csv(ReportCsv.Write(report), $"capacity-{date}.csv"),
            ReportHtml.ContentType => TypedResults.Content(ReportHtml.Render(report), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(report),
        };
    }

    public static async Task<IResult> HmisInventory(
        [Description("The date whose inventory in force is exported, yyyy-MM-dd.")] string date,
        ReportStore store, TimeProvider clock, IOptions<ReportOptions> options, CancellationToken ct)
    {
        var inputs = await InputsAsync(date, store, clock, options.Value, ct);
        if (inputs.Problem is { } problem) return problem;
        return Csv(HmisInventoryCsv.Write(inputs.Value!, options.Value.CocCode), HmisInventoryCsv.FileName);
    }

    public static async Task<Results<Ok<IReadOnlyList<ServiceCapacity>>, ProblemHttpResult>> HsdsCapacity(
        [Description("The date whose capacity at the end of the day is exported, yyyy-MM-dd.")] string date,
        ReportStore store, TimeProvider clock, IOptions<ReportOptions> options, CancellationToken ct)
    {
        var inputs = await InputsAsync(date, store, clock, options.Value, ct);
        if (inputs.Problem is { } problem) return problem;
        return TypedResults.Ok(HsdsServiceCapacity.Build(inputs.Value!));
    }

    public static async Task<Results<Ok<ReportRunView>, ValidationProblem, ProblemHttpResult>> Run(
        RunReportRequest request, ReportRunner runner, ReportStore store, TimeProvider clock, IOptions<ReportOptions> options, CancellationToken ct)
    {
        var o = options.Value;
        var zone = o.Zone();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        DateOnly day;
        var earliest = today.AddDays(-o.MaxRunAgeDays);
        if (request.Date is null) day = today.AddDays(-1);
        else if (ParseDate(request.Date) is { } parsed && parsed <= today && parsed >= earliest) day = parsed;
        else return TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["date"] = [$"A date as yyyy-MM-dd from {earliest.Iso()} (Reports:MaxRunAgeDays back) to today ({today.Iso()} in {o.TimeZone})."],
        });

        var outcome = await runner.RunAsync(day, request.Rebuild, ct);
        if (outcome == RunOutcome.HeldByAnother)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Report already running",
                detail: $"Another instance is building {day.Iso()} now; read GET /v1/reports/capacity in a moment.");
        }
        var run = (await store.ListAsync(ct, day)).Single();
        if (outcome == RunOutcome.Failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Report failed",
                detail: $"Building {day.Iso()} failed after retries: {run.Error}. The scheduler will try again.");
        }
        return TypedResults.Ok(run);
    }

    private static async Task<(ReportInputs? Value, ProblemHttpResult? Problem)> InputsAsync(string date, ReportStore store, TimeProvider clock,
        ReportOptions o, CancellationToken ct)
    {
        var zone = o.Zone();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        if (ParseDate(date) is not { } day || day > today) return (null, BadDate());
        var (start, end) = ReportSchedule.Window(day, zone);
        var inputs = await store.ReadInputsAsync(day, o.TimeZone, start, end, ct);
        if (inputs.Programs.Count == 0)
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No program existed by the end of {date}."));
        return (inputs, null);
    }

    /// <summary>The first acceptable type the client lists, by quality; no Accept (or */*) means JSON.</summary>
    private static string? Negotiate(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return "application/json";
        foreach (var media in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (media.Quality == 0) continue;
            var type = media.MediaType.Value ?? "";
            if (type is "application/json" or "*/*" or "application/*") return "application/json";
            if (type is ReportCsv.ContentType) return ReportCsv.ContentType;
            if (type is ReportHtml.ContentType or "text/*") return ReportHtml.ContentType;
        }
        return null;
    }

    private static IResult Csv(string content, string fileName) =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(content), "text/csv; charset=utf-8", fileName);

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static ProblemHttpResult BadDate() => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad date",
        detail: "Give the date as yyyy-MM-dd, no later than today.");
}

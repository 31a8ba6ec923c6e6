using System.ComponentModel;
using Housing.Api.Auth;
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
        [Description("The local date reported on, yyyy-MM-dd.")] string date, HttpRequest request, ReportOperations reports, ReportHtml html,
        CancellationToken ct)
    {
        if (ReportOperations.ParseDate(date) is not { } day) return ReportOperations.BadDate.ToProblem();
        var format = Negotiate(request);
        if (format is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: ProblemText.Problem_Report_NotAcceptable_Title,
                detail: ProblemText.Problem_Report_NotAcceptable_Detail);
        }
        if (await reports.FindAsync(day, ct) is not { Report: var report })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: ProblemText.Problem_NotFound_Title,
                detail: Say.Format(ProblemText.Problem_Report_NotFound, date));
        }
        return format switch
        {
            ReportCsv.ContentType => Csv(ReportCsv.Write(report), $"capacity-{date}.csv"),
            ReportHtml.ContentType => TypedResults.Content(await html.RenderAsync(report), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(report),
        };
    }

    public static async Task<IResult> HmisInventory(
        [Description("The date whose inventory in force is exported, yyyy-MM-dd.")] string date,
        ReportOperations reports, IOptions<ReportOptions> options, CancellationToken ct) =>
        await reports.InputsAsync(date, ct) switch
        {
            { Value: { } inputs } => Csv(HmisInventoryCsv.Write(inputs, options.Value.CocCode), HmisInventoryCsv.FileName),
            var refused => refused.Refusal!.ToProblem(),
        };

    public static async Task<Results<Ok<IReadOnlyList<ServiceCapacity>>, ProblemHttpResult>> HsdsCapacity(
        [Description("The date whose capacity at the end of the day is exported, yyyy-MM-dd.")] string date,
        ReportOperations reports, CancellationToken ct) =>
        await reports.InputsAsync(date, ct) switch
        {
            { Value: { } inputs } => TypedResults.Ok(HsdsServiceCapacity.Build(inputs)),
            var refused => refused.Refusal!.ToProblem(),
        };

    public static async Task<Results<Ok<ReportRunView>, ValidationProblem, ProblemHttpResult>> Run(
        RunReportRequest request, ReportOperations reports, CancellationToken ct) =>
        await reports.RunAsync(request, ct) switch
        {
            { Value: { } run } => TypedResults.Ok(run),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            var refused => refused.Refusal!.ToProblem(),
        };

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
}

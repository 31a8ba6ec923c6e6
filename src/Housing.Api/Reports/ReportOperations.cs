using System.Globalization;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.Extensions.Options;

namespace Housing.Api.Reports;

/// <summary>A finished report as stored (the JSON, as downloaded) and read.</summary>
public sealed record StoredReport(string Json, CapacityReport Report);

/// <summary>Reading and building capacity reports, for the API's endpoints and the console's report page alike.</summary>
public sealed class ReportOperations(ReportStore store, ReportRunner runner, TimeProvider clock, IOptions<ReportOptions> options)
{
    /// <summary>Today in the service's own time zone, the one its reports' days are.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), options.Value.Zone()).DateTime);

    public Task<IReadOnlyList<ReportRunView>> RunsAsync(CancellationToken ct) => store.ListAsync(ct);

    /// <summary>The day's finished report; null when there is none.</summary>
    public async Task<StoredReport?> FindAsync(DateOnly day, CancellationToken ct) =>
        await store.ContentAsync(day, ct) is { } json ? new StoredReport(json, HousingJson.Deserialize<CapacityReport>(json)) : null;

    /// <summary>Builds a date's report now; without a date, the latest day that is over.</summary>
    public async Task<Outcome<ReportRunView>> RunAsync(RunReportRequest request, CancellationToken ct)
    {
        var o = options.Value;
        var today = Today();
        DateOnly day;
        var earliest = today.AddDays(-o.MaxRunAgeDays);
        if (request.Date is null) day = today.AddDays(-1);
        else if (ParseDate(request.Date) is { } parsed && parsed <= today && parsed >= earliest) day = parsed;
        else
        {
            var v = new Validation();
            v.Add("date", Say.Format(ProblemText.Problem_Report_RunDate, earliest.Iso(), today.Iso(), o.TimeZone));
            return new Invalid(v);
        }

        var outcome = await runner.RunAsync(day, request.Rebuild, ct);
        if (outcome == RunOutcome.HeldByAnother)
            return new Refusal(RefusalKind.Conflict, ProblemText.Problem_Report_Running_Title,
                Say.Format(ProblemText.Problem_Report_Running_Detail, day.Iso()));
        var run = (await store.ListAsync(ct, day)).Single();
        if (outcome == RunOutcome.Failed)
            return new Refusal(RefusalKind.Failed, ProblemText.Problem_Report_Failed_Title, Say.Format(ProblemText.Problem_Report_Failed_Detail, day.Iso(), run.Error));
        return run;
    }

    /// <summary>What a date's exports are made from: its inventory in force and its counts at the end of the day.</summary>
    public async Task<Outcome<ReportInputs>> InputsAsync(string date, CancellationToken ct)
    {
        var o = options.Value;
        if (ParseDate(date) is not { } day || day > Today()) return BadDate;
        var (start, end) = ReportSchedule.Window(day, o.Zone());
        var inputs = await store.ReadInputsAsync(day, o.TimeZone, start, end, ct);
        if (inputs.Programs.Count == 0) return new Refusal(RefusalKind.NotFound, ProblemText.Problem_NotFound_Title, Say.Format(ProblemText.Problem_Report_NoProgram, date));
        return inputs;
    }

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Made for each request, in its language.</summary>
    public static Refusal BadDate => new(RefusalKind.Malformed, ProblemText.Problem_Report_BadDate_Title, ProblemText.Problem_Report_BadDate_Detail);
}

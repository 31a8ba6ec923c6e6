using Housing.Api.Errors;

namespace Housing.Api.Consistency;

/// <summary>Reading the latest check and running one now, for the API's endpoints and the console's page alike.</summary>
public sealed class ConsistencyOperations(ConsistencyStore store, ConsistencyCheck check)
{
    /// <summary>The newest run that ended, in words in the request's language; null when none has.</summary>
    public async Task<ConsistencyReport?> LatestAsync(CancellationToken ct, long? runId = null)
    {
        if (await store.EndedAsync(runId, ct) is not { } ended) return null;
        var (run, names) = ended;
        var views = run.Findings.Select(f => (f.Repaired, View: ConsistencyWords.View(f, names.GetValueOrDefault(f.ProgramId, "")))).ToList();
        return new ConsistencyReport(run.Id, run.Status, run.Instance, run.StartedAt, run.FinishedAt, run.DurationMs, run.ProgramsChecked ?? 0,
            views.Where(v => v.Repaired).Select(v => v.View).ToList(), views.Where(v => !v.Repaired).Select(v => v.View).ToList(), run.Error);
    }

    /// <summary>Runs the check now, in this instance; refused while another instance runs it.</summary>
    public async Task<Outcome<ConsistencyReport>> RunAsync(CancellationToken ct)
    {
        var (outcome, runId) = await check.RunAsync(ct);
        if (outcome == CheckOutcome.HeldByAnother)
            return new Refusal(RefusalKind.Conflict, ConsistencyText.Problem_Running_Title, ConsistencyText.Problem_Running_Detail);
        var report = (await LatestAsync(ct, runId))!;
        if (outcome == CheckOutcome.Failed)
            return new Refusal(RefusalKind.Failed, ConsistencyText.Problem_Failed_Title, Say.Format(ConsistencyText.Problem_Failed_Detail, report.Error));
        return report;
    }

    public static Refusal NeverRan => new(RefusalKind.NotFound, ProblemText.Problem_NotFound_Title, ConsistencyText.Problem_NeverRan);
}

using Microsoft.Extensions.Options;

namespace Housing.Api.Reports;

/// <summary>
/// Builds every due date's report: <see cref="ReportOptions.CatchUpDelayMinutes"/> after start
/// (catching up days missed while the service was down), then at each run time (02:00 local), on <see cref="TimeProvider"/>; while a date is
/// failing or held by a runner elsewhere, it looks again every <see cref="ReportOptions.PollMinutes"/>.
/// It sleeps until the next of these rather than waking every poll, so a clock moved on by
/// months (in tests) wakes it once, not thousands of times.
/// Several instances may run it against one database: the lease in <see cref="ReportStore"/>
/// lets one build each date. A failed poll is logged and the loop goes on.
/// </summary>
public sealed class ReportScheduler(ReportRunner runner, ReportStore store, TimeProvider clock, IOptions<ReportOptions> options,
    ILogger<ReportScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Schedule) return;
        if (o.CatchUpDelayMinutes > 0) await Task.Delay(TimeSpan.FromMinutes(o.CatchUpDelayMinutes), clock, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var settled = false;
            try
            {
                settled = (await RunDueAsync(stoppingToken)).Pending == 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Looking for due capacity reports failed; will try again in {Minutes} min", o.PollMinutes);
            }
            var now = clock.GetUtcNow();
            var wait = ReportSchedule.NextRunAt(now, o.Zone(), o.RunAtTime()) - now;
            if (!settled && wait > TimeSpan.FromMinutes(o.PollMinutes)) wait = TimeSpan.FromMinutes(o.PollMinutes);
            await Task.Delay(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, clock, stoppingToken);
        }
    }

    /// <summary>Builds each due date, oldest first; returns the dates this instance built, and how many are still not done.</summary>
    public async Task<(IReadOnlyList<DateOnly> Built, int Pending)> RunDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var latest = ReportSchedule.LatestDue(now, o.Zone(), o.RunAtTime());
        var (earliest, done) = await store.ProgressAsync(latest.AddDays(1 - o.MaxCatchUpDays), ct);
        var due = ReportSchedule.Due(now, o.Zone(), o.RunAtTime(), earliest, done, o.MaxCatchUpDays);
        if (due.Count > 1) logger.LogInformation("Catching up {Count} capacity reports, {From} to {To}", due.Count, due[0].Iso(), due[^1].Iso());
        var built = new List<DateOnly>();
        var pending = 0;
        foreach (var date in due)
        {
            var outcome = await runner.RunAsync(date, rebuild: false, ct);
            if (outcome == RunOutcome.Built) built.Add(date);
            else if (outcome != RunOutcome.AlreadyDone) pending++;
        }
        return (built, pending);
    }
}

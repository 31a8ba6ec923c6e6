using Housing.Api.Operations;
using Microsoft.Extensions.Options;

namespace Housing.Api.Consistency;

/// <summary>
/// Runs the consistency check <see cref="ConsistencyOptions.FirstRunMinutes"/> after the service
/// has started (migrations applied and the catalog loaded, so it compares a whole catalog; and
/// the first requests after a restart served before it reads every program), then every <see cref="ConsistencyOptions.IntervalMinutes"/>
/// on <see cref="TimeProvider"/>, so tests move the clock. Every instance runs it; the run's claim
/// lets one at a time do the work. A failed run is logged and the loop goes on.
/// </summary>
public sealed class ConsistencyWorker(
    ConsistencyCheck check, IHostApplicationLifetime lifetime, TimeProvider clock, IOptions<ConsistencyOptions> options, ILogger<ConsistencyWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Schedule) return;
        await lifetime.WhenStartedAsync(stoppingToken);
        if (o.FirstRunMinutes > 0) await Task.Delay(TimeSpan.FromMinutes(o.FirstRunMinutes), clock, stoppingToken);
        try
        {
            await check.RunAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The consistency check at start-up failed; will try again in {Minutes} min", o.IntervalMinutes);
        }
        await Sweep.EveryAsync(TimeSpan.FromMinutes(o.IntervalMinutes), clock, ct => check.RunAsync(ct), logger, "The consistency check", stoppingToken);
    }
}

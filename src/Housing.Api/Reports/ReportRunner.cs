using System.Diagnostics;
using Housing.Api.Http;
using Housing.Api.Telemetry;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Housing.Api.Reports;

public enum RunOutcome { Built, AlreadyDone, HeldByAnother, Failed }

/// <summary>
/// Runs one date: claims it in the database (so of several instances one builds it), reads,
/// builds and stores it with retries (the store queues its <c>report.ready</c> webhook events in
/// the same transaction), then writes it to the output folder. A run that still fails after
/// the retries is recorded as failed with its error and logged, and the scheduler tries it
/// again at its next poll: a date is never silently skipped.
/// </summary>
public sealed class ReportRunner
{
    private readonly ReportStore _store;
    private readonly TimeProvider _clock;
    private readonly ReportOptions _options;
    private readonly ReportFolder _folder;
    private readonly ILogger<ReportRunner> _logger;
    private readonly HousingMetrics _metrics;
    private readonly ResiliencePipeline _retry;

    public ReportRunner(ReportStore store, TimeProvider clock, IOptions<ReportOptions> options, ReportFolder folder, HousingMetrics metrics,
        ILogger<ReportRunner> logger)
    {
        (_store, _clock, _options, _folder, _metrics, _logger) = (store, clock, options.Value, folder, metrics, logger);
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (_options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.RetryAttempts,
                Delay = TimeSpan.FromSeconds(_options.RetryDelaySeconds),
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                OnRetry = args =>
                {
                    _logger.LogWarning(args.Outcome.Exception, "Capacity report attempt {Attempt} failed; retrying in {Delay}",
                        args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }
        _retry = builder.Build();
    }

    /// <summary>This instance's name in the lease; unique per runner, so two runners in one process are two holders.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public async Task<RunOutcome> RunAsync(DateOnly date, bool rebuild, CancellationToken ct)
    {
        var zone = _options.Zone();
        var now = _clock.GetUtcNow();
        var (start, end) = ReportSchedule.Window(date, zone);
        var claim = await _store.TryClaimAsync(date, end, Holder, now, now.AddMinutes(_options.LeaseMinutes), rebuild, ct);
        if (claim != ClaimOutcome.Claimed)
        {
            _logger.LogDebug("Capacity report {Date}: {Claim}", date.Iso(), claim);
            return claim == ClaimOutcome.AlreadyDone ? RunOutcome.AlreadyDone : RunOutcome.HeldByAnother;
        }

        var started = Stopwatch.GetTimestamp();
        using var span = HousingTraces.Source.StartActivity("housing.report.run");
        _logger.LogInformation("Capacity report {Date}: started by {Holder}", date.Iso(), Holder);
        CapacityReport report;
        try
        {
            report = await _retry.ExecuteAsync(async token =>
            {
                var inputs = await _store.ReadInputsAsync(date, _options.TimeZone, start, end, token);
                _logger.LogInformation("Capacity report {Date}: read {Programs} programs, {Steps} referral outcomes, {Searches} searches in {ElapsedMs} ms",
                    date.Iso(), inputs.Programs.Count, inputs.Steps.Count, inputs.Searches.Count, Elapsed(started));
                var built = ReportBuilder.Build(inputs, _options.StaleHours, _options.SuppressBelow, _clock.GetUtcNow());
                if (!await _store.CompleteAsync(date, Holder, HousingJson.Serialize(built), _clock.GetUtcNow(), Elapsed(started), token))
                    throw new LeaseLostException(date);
                return built;
            }, ct);
        }
        catch (LeaseLostException)
        {
            _logger.LogWarning("Capacity report {Date}: the lease ran out and another instance took the date over; this run's result was dropped", date.Iso());
            return Ran(RunOutcome.HeldByAnother, started, span);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Capacity report {Date} failed after {Retries} retries in {ElapsedMs} ms; it will be tried again at the next poll",
                date.Iso(), _options.RetryAttempts, Elapsed(started));
            await _store.FailAsync(date, Holder, e.GetType().Name + ": " + e.Message, _clock.GetUtcNow(), Elapsed(started), CancellationToken.None);
            return Ran(RunOutcome.Failed, started, span);
        }
        _logger.LogInformation("Capacity report {Date}: done in {ElapsedMs} ms ({Programs} programs listed, {Rollups} rollups)",
            date.Iso(), Elapsed(started), report.Programs.Count, report.Rollups.Count);
        await WriteFolderAsync(report, ct);
        return Ran(RunOutcome.Built, started, span);
    }

    /// <summary>A run this instance claimed has ended: measured by its outcome (held by another: it lost the lease on the way).</summary>
    private RunOutcome Ran(RunOutcome outcome, long started, Activity? span)
    {
        _metrics.ReportRun(Stopwatch.GetElapsedTime(started), outcome);
        span?.SetTag("housing.outcome", HousingJson.Text(outcome));
        return outcome;
    }

    /// <summary>Folder problems are logged, not failures of the report: it is stored, announced and served either way.</summary>
    private async Task WriteFolderAsync(CapacityReport report, CancellationToken ct)
    {
        try
        {
            await _folder.WriteAsync(report, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Capacity report {Date} is stored but could not be written to the output folder", report.Date.Iso());
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private sealed class LeaseLostException(DateOnly date) : Exception($"Lost the lease on {date.Iso()}.");
}

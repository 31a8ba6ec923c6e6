using System.Diagnostics;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Http;
using Microsoft.Extensions.Options;

namespace Housing.Api.Consistency;

public enum CheckOutcome { Done, Failed, HeldByAnother }

/// <summary>
/// One run of the consistency check: claims the run (one instance at a time), reads the facts at
/// one moment, finds what does not add up (<see cref="ConsistencyRules"/>), repairs what it can,
/// each repair in its own transaction that re-checks under the locks a decision takes (so a finding
/// that a decision made moot meanwhile is dropped, not repaired), stores the findings and logs the
/// run as one line. A run that throws is stored as failed and logged; the next one tries again.
/// </summary>
public sealed class ConsistencyCheck(
    ConsistencyStore store, ProgramCatalog catalog, TimeProvider clock, IOptions<ConsistencyOptions> options,
    IOptions<AvailabilityOptions> availability, ILogger<ConsistencyCheck> logger)
{
    /// <summary>This instance's name on its runs: host, process and a random part, so two apps in one process are two instances.</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<(CheckOutcome Outcome, long? RunId)> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var previous = await store.LastDoneStartAsync(ct);
        if (await store.TryClaimAsync(Instance, now, now.AddMinutes(o.LeaseMinutes), ct) is not { } runId)
        {
            logger.LogInformation("Consistency check: another instance is running it; {Instance} leaves it to that one", Instance);
            return (CheckOutcome.HeldByAnother, null);
        }
        try
        {
            // Flapping since the last run (a day at most, after a long stop), counted over the hour before each change.
            var from = previous is { } p && p < now && p > now.AddDays(-1) ? p : now.AddMinutes(-o.IntervalMinutes);
            var facts = await store.ReadFactsAsync(now, from - CountChanges.Window, ct);
            var planned = ConsistencyRules.Find(facts, catalog.Get, from, availability.Value.MaxChangesPerHour);
            var findings = new List<Finding>();
            foreach (var item in planned)
            {
                if (await RepairAsync(item, now, ct)) findings.Add(item.Finding);
            }
            findings = findings.OrderBy(f => f.Repaired ? 0 : 1).ThenBy(f => f.ProgramId.ToString("D"), StringComparer.Ordinal)
                .ThenBy(f => f.Kind).ThenBy(f => f.HouseholdType).ToList();
            var elapsed = Elapsed(started);
            if (!await store.CompleteAsync(runId, findings, facts.Programs.Count, clock.GetUtcNow(), elapsed, o.KeepRuns, ct))
                logger.LogWarning("Consistency check {RunId}: its lease ran out before it finished; its repairs stand, its record was dropped", runId);
            var repaired = findings.Count(f => f.Repaired);
            logger.LogInformation(
                "Consistency check {RunId} by {Instance}: {Programs} programs in {ElapsedMs} ms, {Repaired} repaired, {Open} open{Kinds}",
                runId, Instance, facts.Programs.Count, elapsed, repaired, findings.Count - repaired, Summary(findings));
            return (CheckOutcome.Done, runId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Consistency check {RunId} failed after {ElapsedMs} ms; the next run tries again", runId, Elapsed(started));
            await store.FailAsync(runId, e.GetType().Name + ": " + e.Message, clock.GetUtcNow(), Elapsed(started), CancellationToken.None);
            return (CheckOutcome.Failed, runId);
        }
    }

    /// <summary>Whether the finding stands: reported ones do; a repair only if it was still needed under the locks.</summary>
    private async Task<bool> RepairAsync(Planned item, DateTimeOffset now, CancellationToken ct) => item.Finding.Action switch
    {
        FindingAction.Released => await store.ReleaseAsync(item.Hold!, now, ct) is not null,
        FindingAction.MarkedPlaced => await store.MarkPlacedAsync(item.Hold!, now, ct) is not null,
        FindingAction.Reloaded => await store.ReloadHoldsAsync(item.Finding.ProgramId, ct),
        _ => true,
    };

    /// <summary>": 2 phantom_hold, 1 flapping", or nothing when all is well.</summary>
    private static string Summary(IReadOnlyList<Finding> findings) => findings.Count == 0
        ? ""
        : ": " + string.Join(", ", findings.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {HousingJson.Text(g.Key)}"));

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Referrals;
using Housing.Api.Reports;

namespace Housing.Api.Telemetry;

/// <summary>Where a hold came from, for <c>housing.holds.created</c>.</summary>
public enum HoldSource { Referral, Cascade, Watch, Ask }

/// <summary>
/// The service's own instruments, on one meter (<see cref="MeterName"/>); docs/operations.md lists
/// each. Every tag value is a code from a fixed set (a reason, an outcome, an event type), never
/// a name, an id, a key, a client detail or a place. Unheard (telemetry off), a measurement
/// costs a check; heard, a few atomic adds and no allocation.
/// </summary>
public sealed class HousingMetrics
{
    public const string MeterName = "Housing";

    /// <summary>The watch trail's events (<see cref="Watches.WatchStore"/>): anything else is counted as <c>other</c>.</summary>
    private static readonly FrozenSet<string> WatchEvents =
        FrozenSet.Create(StringComparer.Ordinal, "created", "held", "notified", "resumed", "fulfilled", "declined", "expired", "cancelled");

    public const string AskCreated = "created", AskYes = "yes", AskNo = "no", AskCancelled = "cancelled", AskExpired = "expired";

    private static readonly FrozenSet<string> AskEvents =
        FrozenSet.Create(StringComparer.Ordinal, AskCreated, AskYes, AskNo, AskCancelled, AskExpired);

    private readonly TimeProvider _clock;
    private readonly Histogram<double> _searchDuration;
    private readonly Histogram<int> _searchMatches;
    /// <summary>Programs left out so far, by reason (indexed by <see cref="ExclusionReason"/>), read by an observable counter at collection.</summary>
    private readonly long[] _exclusions = new long[ExclusionReasons.Count];
    private readonly Counter<long> _holdsCreated;
    private readonly Counter<long> _holdOutcomes;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _watchEvents;
    private readonly Counter<long> _askEvents;
    private readonly Histogram<double> _deliveryLag;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _reportRuns;
    private long _catalogRefreshedAt;

    public HousingMetrics(IMeterFactory meters, TimeProvider clock, OutboxDepth outbox, IDbConnectionFactory connections)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _searchDuration = meter.CreateHistogram("housing.search.duration", "s",
            "Time one search takes in the service: validation, safety checks, matching and ranking (not HTTP).",
            advice: Buckets([0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]));
        _searchMatches = meter.CreateHistogram("housing.search.matches", "{program}",
            "Programs one search returned (0: nothing fits).", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 3, 5, 10, 20, 50, 100] });
        meter.CreateObservableCounter("housing.search.exclusions", Exclusions, "{program}",
            "Programs searches left out, each under its first reason (the answer's excludedByReason).");
        _holdsCreated = meter.CreateCounter<long>("housing.holds.created", "{hold}", "Holds placed on a program's beds, by where they came from.");
        _holdOutcomes = meter.CreateCounter<long>("housing.holds.outcomes", "{hold}", "How pending holds were answered: accepted, declined, expired or cancelled.");
        _decisions = meter.CreateCounter<long>("housing.referral.decisions", "{decision}",
            "Decisions on referrals' current steps, with the decline's side and reason.");
        _watchEvents = meter.CreateCounter<long>("housing.watch.events", "{event}", "Events in watches' trails.");
        _askEvents = meter.CreateCounter<long>("housing.ask.events", "{event}", "Asks made, cancelled and expired, and their lines' answers.");
        _deliveryLag = meter.CreateHistogram("housing.webhook.delivery.lag", "s",
            "Time from a webhook event's creation to its delivery, retries included.",
            advice: Buckets([0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400]));
        _deliveries = meter.CreateCounter<long>("housing.webhook.deliveries", "{attempt}",
            "Webhook delivery attempts by outcome: delivered, failed (due again), abandoned (failed for good) or postponed (endpoint left alone).");
        _reportRuns = meter.CreateHistogram("housing.report.run.duration", "s", "Time one capacity report run took, by outcome.",
            advice: Buckets([0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800]));
        meter.CreateObservableGauge("housing.outbox.depth", outbox.Observe, "{event}",
            "Webhook events waiting to be delivered (every instance's), counted at most every few seconds.");
        meter.CreateObservableGauge("housing.catalog.age", CatalogAge, "s",
            "Seconds since this instance's catalog was last loaded or refreshed from the database.");
        if (connections is SqliteConnectionFactory sqlite)
        {
            meter.CreateObservableCounter("housing.db.writes", () => sqlite.Committed.Writes, "{write}",
                "Write transactions this instance committed to its SQLite file.");
            meter.CreateObservableCounter("housing.db.commits", () => sqlite.Committed.Commits, "{commit}",
                "Commits (each one fsync) that held them: writes that arrive together share one.");
        }
    }

    /// <summary>
    /// On every search's path: two records, and one atomic add per exclusion reason with the count
    /// the answer already has (a tagged counter would look its tags up on each add: ten times the cost).
    /// </summary>
    public void Searched(TimeSpan elapsed, MatchOutcome outcome)
    {
        _searchDuration.Record(elapsed.TotalSeconds);
        _searchMatches.Record(outcome.Matches.Count);
        var byReason = outcome.ExcludedByReason;
        for (var i = 0; i < byReason.Count; i++)
        {
            if ((uint)byReason[i].Code < (uint)_exclusions.Length) Interlocked.Add(ref _exclusions[(int)byReason[i].Code], byReason[i].Count);
        }
    }

    public void HoldCreated(HoldSource source) => _holdsCreated.Add(1, new KeyValuePair<string, object?>("source", HousingJson.Text(source)));

    /// <summary>A decision committed on a step that was <paramref name="before"/>; a pending step's first answer is its hold's outcome.</summary>
    public void Decided(ReferralAction action, StepStatus before, DeclineRequest? decline)
    {
        var decision = HousingJson.Text(ReferralTransitions.StepAfter(action));
        var tags = new TagList { { "decision", decision } };
        if (decline is { DeclinedBy: { } by, Reason: { } reason })
        {
            tags.Add("declined_by", HousingJson.Text(by));
            tags.Add("reason", HousingJson.Text(reason));
        }
        _decisions.Add(1, tags);
        if (before == StepStatus.Pending) _holdOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", decision));
    }

    public void WatchEvent(string trailEvent, int count = 1) =>
        _watchEvents.Add(count, new KeyValuePair<string, object?>("event", WatchEvents.TryGetValue(trailEvent, out var known) ? known : "other"));

    public void AskEvent(string askEvent, int count = 1) =>
        _askEvents.Add(count, new KeyValuePair<string, object?>("event", AskEvents.TryGetValue(askEvent, out var known) ? known : "other"));

    /// <summary>An event reached its receiver, <paramref name="lag"/> after it was made; <paramref name="type"/> is one of the declared event types.</summary>
    public void Delivered(string type, TimeSpan lag)
    {
        _deliveryLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("type", type));
        _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));
    }

    /// <summary><c>failed</c> (due again), <c>abandoned</c> (failed for good) or <c>postponed</c> (the endpoint's circuit is open, nothing sent).</summary>
    public void DeliveryNotMade(string outcome) => _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void ReportRun(TimeSpan elapsed, RunOutcome outcome) =>
        _reportRuns.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", HousingJson.Text(outcome)));

    /// <summary>The catalog matches the database as of now (a load, or a refresh that found nothing or applied what it found).</summary>
    public void CatalogRefreshed() => Interlocked.Exchange(ref _catalogRefreshedAt, _clock.GetUtcNow().UtcTicks);

    private IEnumerable<Measurement<long>> Exclusions()
    {
        for (var i = 0; i < _exclusions.Length; i++)
        {
            var count = Interlocked.Read(ref _exclusions[i]);
            if (count > 0) yield return new Measurement<long>(count, new KeyValuePair<string, object?>("reason", HousingJson.Text((ExclusionReason)i)));
        }
    }

    private IEnumerable<Measurement<double>> CatalogAge()
    {
        var at = Interlocked.Read(ref _catalogRefreshedAt);
        if (at == 0) return [];
        return [new Measurement<double>(Math.Max(0, (double)(_clock.GetUtcNow().UtcTicks - at) / TimeSpan.TicksPerSecond))];
    }

    private static InstrumentAdvice<double> Buckets(double[] bounds) => new() { HistogramBucketBoundaries = bounds };
}

/// <summary>
/// Spans of the service's own work where a trace gains from them (a search, a hold, a report run,
/// a webhook delivery), with the same bounded tags as the meters. Started only while something
/// listens: without an OTLP endpoint nothing does, and StartActivity returns null.
/// </summary>
public static class HousingTraces
{
    public static readonly ActivitySource Source = new(HousingMetrics.MeterName);
}

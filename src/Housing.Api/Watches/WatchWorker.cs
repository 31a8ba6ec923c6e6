using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Referrals;
using Housing.Api.Security;
using Housing.Api.Telemetry;
using Housing.Api.Webhooks;
using Microsoft.Extensions.Options;

namespace Housing.Api.Watches;

/// <summary>
/// Keeps the live watches in memory and acts for them. It wakes when the catalog changes (a
/// post, a released hold, an edited program: this instance's own writes at once, other
/// instances' as the catalog refresher brings them), when a watch changes here, and every
/// <see cref="WatchOptions.SyncSeconds"/>, when it also reads which watches are live in the
/// database and expires those past their end. Each pass checks every live watch against the
/// programs that changed since the last pass (<see cref="WatchEvaluator"/>); a watch it has not
/// checked yet (new, resumed, loaded at start, or on a new day) against every program. Then, oldest watch
/// first: a hold-mode watch refers the household to its best-ranked fitting program through
/// <see cref="ReferralStore.CreateAsync"/>, whose database-checked hold decides who gets a bed,
/// claiming the watch in the same transaction; a notify-mode watch tells its agency once per opening.
/// Driven by <see cref="TimeProvider"/>; a failed pass is logged and the loop goes on.
/// </summary>
public sealed class WatchWorker(
    WatchStore store, ReferralStore referrals, ProgramCatalog catalog, MatchIndexCache indexes, Sealers sealers, WatchSignal signal,
    DeliverySignal delivery, TimeProvider clock, IOptions<WatchOptions> options, IOptions<MatchingOptions> matching, HousingMetrics metrics,
    ILogger<WatchWorker> logger)
    : BackgroundService
{
    /// <summary>Fitting programs a hold-mode watch tries in one pass, best first, when better ones were taken by older watches.</summary>
    private const int HoldTries = 5;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Guid, LiveWatch> _live = [];
    private long _seenVersion = -1;
    private DateOnly _day;
    private DateTimeOffset _syncedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sync = TimeSpan.FromSeconds(options.Value.SyncSeconds);
        var (changed, wake) = (catalog.Changed, signal.Next);
        var woken = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Woken by a watch that changed here: read it now, so a post a moment later finds it.
                await PassAsync(woken, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Checking watches failed; will try again in {Seconds} s", options.Value.SyncSeconds);
            }
            await Signal.PauseAsync(sync, clock, stoppingToken, changed, wake);
            woken = wake.IsCompleted;
            (changed, wake) = (catalog.Changed, signal.Next);
        }
    }

    /// <summary>The live watches this instance holds, for tests and the benchmark.</summary>
    public int LiveCount => _live.Count;

    /// <summary>
    /// One pass: reads the live watches from the database when <paramref name="sync"/> or when a
    /// sync is due, then checks them and acts. Returns the holds made and notices sent.
    /// </summary>
    public async Task<int> PassAsync(bool sync, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            if (sync || now - _syncedAt >= TimeSpan.FromSeconds(options.Value.SyncSeconds) || now < _syncedAt) await SyncAsync(now, ct);
            return await CheckAsync(now, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SyncAsync(DateTimeOffset now, CancellationToken ct)
    {
        var expired = await store.ExpireDueAsync(now, ct);
        if (expired > 0)
        {
            logger.LogInformation("{Count} watches reached their end and expired", expired);
            delivery.Raise();
        }
        var versions = await store.LiveVersionsAsync(ct);
        foreach (var id in _live.Keys.Where(id => !versions.ContainsKey(id)).ToList()) _live.Remove(id);
        var stale = versions.Where(v => !_live.TryGetValue(v.Key, out var live) || live.Watch.Version != v.Value).Select(v => v.Key).ToList();
        foreach (var watch in await store.ManyAsync(stale, ct))
        {
            if (!watch.Live || watch.SealedSafety is null) continue;
            var safety = HousingJson.Deserialize<Safety>(sealers.WatchSafety.Open(watch.SealedSafety)!);
            var household = MatchRequestRules.ValidateHousehold(watch.Household, new Validation())!;
            var leaveOut = (safety.UnsafeProgramIds ?? []).Concat(watch.PassedOver).Distinct().ToList();
            var query = new MatchQuery(household, watch.Wants, safety with { UnsafeProgramIds = leaveOut }, watch.AgencyId);
            var openings = watch.Mode == WatchMode.Notify ? (await store.OpeningsAsync(watch.Id, ct)).ToHashSet() : [];
            _live[watch.Id] = new LiveWatch(watch, new StandingSearch(watch.Id, watch.CreatedAt, query), household, openings);
        }
        _syncedAt = now;
    }

    private async Task<int> CheckAsync(DateTimeOffset now, CancellationToken ct)
    {
        // No watch to check, no index to bring up to date: a new watch is checked against every program anyway.
        if (!_live.Values.Any(l => l.Watch.Status == WatchStatus.Active)) return 0;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var index = indexes.Get(today);
        var fresh = index.Day != _day ? null : catalog.ChangesSince(_seenVersion);
        if (fresh is null) foreach (var live in _live.Values) live.Unchecked = true;
        (_day, _seenVersion) = (index.Day, index.CatalogVersion);

        var active = _live.Values.Where(l => l.Watch.Status == WatchStatus.Active && l.Watch.EndsAt > now && l.PausedUntil <= now).ToList();
        if (active.Count == 0) return 0;
        var changed = new List<int>();
        foreach (var id in fresh?.ProgramIds ?? new HashSet<Guid>())
        {
            if (index.Columns.TryGetPosition(id, out var position)) changed.Add(position);
        }
        var weights = matching.Value.Weights;
        var limit = Math.Max(HoldTries, options.Value.MaxNotifiedPerPass);
        var found = WatchEvaluator.Evaluate(index, active.Where(l => l.Unchecked).Select(l => l.Search), null, now, weights, limit);
        if (changed.Count > 0)
            found.AddRange(WatchEvaluator.Evaluate(index, active.Where(l => !l.Unchecked).Select(l => l.Search), changed, now, weights, limit));
        found.Sort((x, y) => StandingSearch.ServeOrder(x.Search, y.Search));

        var acted = 0;
        var held = false;
        foreach (var fit in found)
        {
            var live = _live[fit.Search.Id];
            var best = fit.Best.Select(p => index.Facts[p].Id).ToList();
            acted += live.Watch.Mode == WatchMode.Hold
                ? await HoldAsync(live, best, held, today, now, ct)
                : await NotifyAsync(live, best, now, ct);
            held |= live.Watch.Status == WatchStatus.Holding;
        }
        foreach (var live in active.Where(l => l.Watch.Mode == WatchMode.Notify && l.Openings.Count > 0))
            await CloseOpeningsAsync(live, index, live.Unchecked ? null : changed, found, ct);
        foreach (var live in active) live.Unchecked = false;
        if (acted > 0) delivery.Raise();
        return acted;
    }

    /// <summary>
    /// Tries the watch's fitting programs best first until one holds. After an older watch took
    /// a bed in this pass, each is checked again against the catalog as that hold left it, so
    /// fifty watches waiting for one bed cost one hold, not fifty failed ones.
    /// </summary>
    private async Task<int> HoldAsync(LiveWatch live, IReadOnlyList<Guid> best, bool recheck, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var watch = live.Watch;
        foreach (var programId in best.Take(HoldTries))
        {
            if (recheck)
            {
                var index = indexes.Get(today);
                if (!index.Columns.TryGetPosition(programId, out var position) || !WatchEvaluator.StillFits(index, live.Search, position)) continue;
            }
            var (outcome, _, _) = await referrals.CreateAsync(watch.AgencyId, watch.CreatedBy, "watch", null, watch.ClientReference,
                watch.Household, live.Household, [programId], now, ct,
                (db, tx, referral) => WatchStore.ClaimAsync(db, tx, watch.Id, watch.AgencyId, watch.Version, referral.Id, programId, now, ct));
            switch (outcome)
            {
                case CreateOutcome.Created:
                    metrics.WatchEvent("held");
                    live.Watch = watch with { Status = WatchStatus.Holding };
                    logger.LogInformation("Watch {WatchId} holds beds at program {ProgramId}", watch.Id, programId);
                    signal.Raise();
                    return 1;
                case CreateOutcome.Superseded:
                    // Another instance acted first, or the watch changed: read it again before anything else.
                    signal.Raise();
                    live.PausedUntil = DateTimeOffset.MaxValue;
                    return 0;
                case CreateOutcome.HoldLimit:
                    logger.LogInformation("Watch {WatchId} found a bed but its key is at its hold limit; it tries again in {Seconds} s",
                        watch.Id, options.Value.SyncSeconds);
                    live.PausedUntil = now + TimeSpan.FromSeconds(options.Value.SyncSeconds);
                    live.Unchecked = true;
                    return 0;
            }
        }
        return 0;
    }

    private async Task<int> NotifyAsync(LiveWatch live, IReadOnlyList<Guid> best, DateTimeOffset now, CancellationToken ct)
    {
        var told = 0;
        foreach (var programId in best.Take(options.Value.MaxNotifiedPerPass))
        {
            if (live.Openings.Contains(programId)) continue;
            if (await store.NotifyAsync(live.Watch.Id, live.Watch.AgencyId, programId, now, ct)) told++;
            live.Openings.Add(programId);
        }
        return told;
    }

    /// <summary>Programs the watch was told about that were checked again and no longer fit: their next opening is told again.</summary>
    private async Task CloseOpeningsAsync(LiveWatch live, MatchIndex index, List<int>? checkedPositions, List<WatchFit> found, CancellationToken ct)
    {
        var fitting = found.FirstOrDefault(f => f.Search.Id == live.Watch.Id)?.Fitting.Select(p => index.Facts[p].Id).ToHashSet() ?? [];
        var looked = checkedPositions?.Select(p => index.Facts[p].Id).ToHashSet();
        var closed = live.Openings.Where(id => (looked is null || looked.Contains(id)) && !fitting.Contains(id)).ToList();
        if (closed.Count == 0) return;
        await store.CloseOpeningsAsync(live.Watch.Id, closed, ct);
        live.Openings.ExceptWith(closed);
    }

    private sealed class LiveWatch(Watch watch, StandingSearch search, Household household, HashSet<Guid> openings)
    {
        public Watch Watch { get; set; } = watch;
        public StandingSearch Search { get; } = search;
        public Household Household { get; } = household;
        public HashSet<Guid> Openings { get; } = openings;
        /// <summary>Not yet checked against every program: new, resumed, loaded at start, or the day or catalog started over.</summary>
        public bool Unchecked { get; set; } = true;
        /// <summary>Left alone until then (its key is at its hold limit), or until it is read again (<see cref="DateTimeOffset.MaxValue"/>).</summary>
        public DateTimeOffset PausedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}

using Housing.Api.Availability;
using Housing.Api.Data;
using Housing.Api.Offline;
using Housing.Api.Organizations;
using Housing.Api.Overflow;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Housing.Api.Telemetry;
using Microsoft.Extensions.Options;

namespace Housing.Api.Catalog;

/// <summary>
/// Keeps this instance's catalog in step with the database. <see cref="LoadAsync"/> fills it
/// at start. Then every <see cref="CatalogOptions.RefreshSeconds"/> <see cref="RefreshAsync"/>
/// reads every program's <c>catalog_versions</c> counter and reloads the programs whose counter
/// moved since it last looked: the program, its latest post, its holds, its beds out of service and its organisation's partners, applied so that they
/// only move forward (a newer program version, a newer snapshot, holds read at a newer counter),
/// so a write this instance published meanwhile is never undone. This instance's own writes are
/// published by the stores as they commit; they come back here once, and change nothing.
/// Referrals never rely on it: a hold checks open capacity in the database.
/// Driven by <see cref="TimeProvider"/>, so tests move the clock; a failed refresh is logged and the loop goes on.
/// </summary>
public sealed class CatalogRefresher(
    IDbConnectionFactory connections, ProgramStore programs, AvailabilityStore availability, ReferralStore referrals, PartnerStore partners,
    OverflowStore overflow, OfflineStore offline, ProgramCatalog catalog,
    TimeProvider clock, IOptions<CatalogOptions> options, HousingMetrics metrics, ILogger<CatalogRefresher> logger) : BackgroundService
{
    /// <summary>Programs reloaded per round of queries, so a burst of changes does not become one huge IN list.</summary>
    private const int Batch = 500;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<Guid, long> _seen = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        // A pause after each refresh, not a fixed beat: a clock moved on by days (in tests) wakes it once.
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(every, clock, stoppingToken);
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Refreshing the catalog from the database failed; will try again in {Seconds} s", options.Value.RefreshSeconds);
            }
        }
    }

    /// <summary>Fills the catalog with every program, its latest post and its holds.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // The counters first: whatever is read after them is at least as new.
            var versions = await VersionsAsync(ct);
            var all = await programs.AllAsync(ct);
            var latest = await availability.LatestForAllAsync(ct);
            var holds = await referrals.ActiveHoldsAsync(ct);
            catalog.Load(all, latest, holds, versions, await partners.AllAsync(ct), await overflow.WindowsByRegionAsync(Yesterday(), ct),
                await offline.CurrentAsync(null, ct));
            _seen = versions;
            metrics.CatalogRefreshed();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies what changed in the database since the last look; returns how many programs it reloaded.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var versions = await VersionsAsync(ct);
            var moved = versions.Where(v => _seen.GetValueOrDefault(v.Key) != v.Value).Select(v => v.Key).ToList();
            var windows = moved.Count == 0 ? null : await overflow.WindowsByRegionAsync(Yesterday(), ct);
            foreach (var ids in moved.Chunk(Batch))
            {
                var changed = await programs.ManyAsync(ids, ct);
                var latest = (await availability.LatestForAsync(ids, ct)).ToDictionary(s => s.ProgramId);
                var holds = (await referrals.ActiveHoldsAsync(ids, ct)).ToLookup(h => h.ProgramId);
                var partnersOf = await partners.ForAsync(changed.Select(p => p.Definition.OrganizationId).Distinct().ToList(), ct);
                var offlineAt = await offline.CurrentAsync(ids, ct);
                foreach (var program in changed)
                {
                    catalog.Upsert(program);
                    if (latest.GetValueOrDefault(program.Id) is { } snapshot) catalog.Posted(snapshot);
                    catalog.HoldsChanged(program.Id, holds[program.Id].ToList(), versions[program.Id]);
                    catalog.PartnersChanged(program.Id, partnersOf[program.Definition.OrganizationId].ToArray(), versions[program.Id]);
                    catalog.OverflowChanged(program.Id, windows![program.Definition.Region].ToArray(), versions[program.Id]);
                    catalog.OfflineChanged(program.Id, offlineAt[program.Id].ToArray(), versions[program.Id]);
                }
                foreach (var id in ids) _seen[id] = versions[id];
            }
            if (moved.Count > 0) logger.LogDebug("Catalog refreshed: {Programs} programs changed in the database", moved.Count);
            metrics.CatalogRefreshed();
            return moved.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Activations that ended before yesterday (the service's day) can no longer matter to today's counts.</summary>
    private DateOnly Yesterday() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);

    private async Task<Dictionary<Guid, long>> VersionsAsync(CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await CatalogVersions.AllAsync(db, ct);
    }
}

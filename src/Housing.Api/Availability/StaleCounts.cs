using Housing.Api.Catalog;

namespace Housing.Api.Availability;

/// <summary>A program whose count is stale (over 8 hours old) while it has inventory in force.</summary>
public sealed record StaleCount(Guid ProgramId, string ProgramName, Guid OrganizationId, DateTimeOffset PostedAt, long AgeSeconds);

/// <summary>
/// The programs whose counts are stale now, oldest first, from the catalog in memory: what an
/// admin is told about (their organisations hear it by <see cref="CountReminderSweeper"/>).
/// </summary>
public sealed class StaleCounts(ProgramCatalog catalog, TimeProvider clock)
{
    public IReadOnlyList<StaleCount> Now()
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return [.. catalog.Entries
            .Where(e => e.Latest is { } latest && FreshnessGrade.Of(latest.PostedAt, now) == Freshness.Stale && e.Program.ActiveInventory(today, e.OverflowOn(today)).Any())
            .Select(e => new StaleCount(e.Program.Id, e.Program.Definition.Name, e.Program.Definition.OrganizationId, e.Latest!.PostedAt,
                FreshnessGrade.AgeSeconds(e.Latest.PostedAt, now) ?? 0))
            .OrderByDescending(s => s.AgeSeconds).ThenBy(s => s.ProgramName, StringComparer.CurrentCulture)];
    }
}

using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;

namespace Housing.Api.Web.Pages.Shelter;

/// <summary>One program's open counts with their age, and the +/− forms that change them.</summary>
public sealed record CountsView(
    Guid ProgramId, string ProgramName, ProgramKind Kind, string? BasedOn, DateTimeOffset? PostedAt, long? AgeSeconds, Freshness Freshness,
    IReadOnlyList<OpenCountView> Counts, IReadOnlyDictionary<HouseholdType, int> UnitCapacity, string ReturnUrl)
{
    public static CountsView Of(CatalogEntry entry, DateTimeOffset now, string returnUrl)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var program = entry.Program;
        return new CountsView(program.Id, program.Definition.Name, program.Definition.Kind, entry.Latest?.ETag, entry.Latest?.PostedAt,
            FreshnessGrade.AgeSeconds(entry.Latest?.PostedAt, now), FreshnessGrade.Of(entry.Latest?.PostedAt, now),
            AvailabilityRules.View(program, entry.Latest, today, entry.Holds),
            AvailabilityRules.Capacity(program, today).ToDictionary(c => c.Key, c => c.Value.Units), returnUrl);
    }
}

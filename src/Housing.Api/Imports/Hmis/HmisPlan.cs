using Housing.Api.Programs;

namespace Housing.Api.Imports.Hmis;

/// <summary>Why a project in the export does not become a program here.</summary>
public enum HmisSkip
{
    /// <summary>A project type this service does not place people in (outreach, permanent housing, services only...), or none.</summary>
    NotServed,
    /// <summary>Rapid re-housing that gives services only (RRHSubType 1): no housing to offer.</summary>
    ServicesOnly,
    /// <summary>Its operating end date has passed.</summary>
    Ended,
    /// <summary>No inventory in force today or later.</summary>
    NoInventory,
}

/// <summary>Why a program is confidential, as DOMAIN.md's "Onboarding from HMIS" lists the signs.</summary>
public enum HmisConfidentialBecause { VictimServiceProvider, DvTargetPopulation, ComparableDatabase }

/// <summary>
/// A project as it would become a program. A confidential one carries no street address: its
/// ZIP code stands in for where it is, so unsafe places still leave it out.
/// </summary>
public sealed record PlannedProgram(
    string ProjectId,
    string OrganizationId,
    string Name,
    ProgramKind Kind,
    int HudProjectType,
    IReadOnlyList<HmisConfidentialBecause> ConfidentialBecause,
    bool HudFunded,
    IReadOnlyList<string> CocCodes,
    string? Zip,
    string? Address,
    IReadOnlyList<InventoryItem> Inventory)
{
    public bool Confidential => ConfidentialBecause.Count > 0;
}

public sealed record SkippedProject(string ProjectId, string Name, HmisSkip Reason);

/// <summary>
/// What an export would become, worked out without touching anything: each project planned as a
/// program or skipped with its reason. Pure, so a dry run and the import itself say the same.
/// </summary>
public sealed record HmisPlan(IReadOnlyList<HmisOrganization> Organizations, IReadOnlyList<PlannedProgram> Programs, IReadOnlyList<SkippedProject> Skipped)
{
    /// <summary>Funder codes (2.06.1) that make a program McKinney-Vento funded: HUD CoC program components and ESG.</summary>
    public static readonly IReadOnlySet<int> McKinneyVento = new HashSet<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 43, 44, 53, 54, 55, 56 };

    public static HmisPlan For(HmisExport export, DateOnly today)
    {
        var organizations = export.Organizations.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var inventory = export.Inventory.ToLookup(i => i.ProjectId, StringComparer.Ordinal);
        var funders = export.Funders.ToLookup(f => f.ProjectId, StringComparer.Ordinal);
        var cocs = export.ProjectCocs.ToLookup(c => c.ProjectId, StringComparer.Ordinal);
        var participation = export.HmisParticipation.ToLookup(p => p.ProjectId, StringComparer.Ordinal);
        var programs = new List<PlannedProgram>();
        var skipped = new List<SkippedProject>();

        foreach (var project in export.Projects)
        {
            var kind = project.ProjectType switch
            {
                0 or 1 => ProgramKind.Emergency,
                2 => ProgramKind.Transitional,
                13 => ProgramKind.RapidRehousing,
                _ => (ProgramKind?)null,
            };
            HmisSkip? skip = kind is null ? HmisSkip.NotServed
                : kind == ProgramKind.RapidRehousing && project.RrhSubType == 1 ? HmisSkip.ServicesOnly
                : project.OperatingEnd is { } end && end < today ? HmisSkip.Ended
                : null;
            var items = skip is null ? Items(kind!.Value, inventory[project.Id], today) : [];
            if (skip is null && items.Count == 0) skip = HmisSkip.NoInventory;
            if (skip is { } reason)
            {
                skipped.Add(new SkippedProject(project.Id, project.Name, reason));
                continue;
            }

            var because = new List<HmisConfidentialBecause>();
            if (organizations[project.OrganizationId].VictimServiceProvider) because.Add(HmisConfidentialBecause.VictimServiceProvider);
            if (project.TargetPopulation == 1) because.Add(HmisConfidentialBecause.DvTargetPopulation);
            if (participation[project.Id].Any(p => p.Type == 2 && InForce(p.Start, p.End, today))) because.Add(HmisConfidentialBecause.ComparableDatabase);
            var place = cocs[project.Id].FirstOrDefault();
            programs.Add(new PlannedProgram(
                project.Id, project.OrganizationId, project.Name, kind!.Value, project.ProjectType!.Value, because,
                HudFunded: funders[project.Id].Any(f => f.Funder is { } code && McKinneyVento.Contains(code) && InForce(f.Start, f.End, today)),
                [.. cocs[project.Id].Select(c => c.CocCode).Distinct(StringComparer.OrdinalIgnoreCase)],
                place?.Zip,
                because.Count > 0 || place is null ? null : Address(place),
                items));
        }
        return new HmisPlan(export.Organizations, programs, skipped);
    }

    /// <summary>The inventory in force today or later, as this service keeps it: rapid re-housing counts its units as slots (as the Inventory.csv export writes them back), and only emergency shelter has an availability and a bed type (HUD asks them of ES only).</summary>
    private static List<InventoryItem> Items(ProgramKind kind, IEnumerable<HmisInventory> rows, DateOnly today) =>
        [.. rows.Where(i => i.End is not { } end || end >= today).Select(i => new InventoryItem(
            (HouseholdType)i.HouseholdType!.Value,
            kind == ProgramKind.RapidRehousing ? 0 : i.Units,
            kind == ProgramKind.RapidRehousing ? 0 : i.Beds,
            kind == ProgramKind.RapidRehousing ? i.Units : 0,
            kind == ProgramKind.Emergency ? (InventoryAvailability?)i.Availability : null,
            kind == ProgramKind.Emergency ? (BedType?)i.EsBedType : null,
            i.Start!.Value,
            i.End))];

    private static bool InForce(DateOnly? start, DateOnly? end, DateOnly today) => start <= today && (end is null || end >= today);

    private static string Address(HmisProjectCoc c) =>
        string.Join(", ", new[] { c.Address1, c.Address2, c.City, string.Join(" ", new[] { c.State, c.Zip }.Where(s => s is not null)) }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
}

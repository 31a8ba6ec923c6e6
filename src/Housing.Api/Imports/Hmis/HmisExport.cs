namespace Housing.Api.Imports.Hmis;

public sealed record HmisOrganization(string Id, string Name, string? CommonName, bool VictimServiceProvider, int Line);

public sealed record HmisProject(
    string Id, string OrganizationId, string Name, string? CommonName, DateOnly? OperatingStart, DateOnly? OperatingEnd,
    bool ContinuumProject, int? ProjectType, int? RrhSubType, int? TargetPopulation, int Line);

public sealed record HmisFunder(string Id, string ProjectId, int? Funder, DateOnly? Start, DateOnly? End, int Line);

/// <summary>A project's CoC and where it is. The street lines are read only to be dropped for a confidential program (<see cref="HmisExport"/>).</summary>
public sealed record HmisProjectCoc(string Id, string ProjectId, string CocCode, string? Address1, string? Address2, string? City, string? State, string? Zip, int Line);

public sealed record HmisInventory(
    string Id, string ProjectId, string? CocCode, int? HouseholdType, int? Availability, int Units, int Beds, int? EsBedType,
    DateOnly? Start, DateOnly? End, int Line);

public sealed record HmisParticipation(string ProjectId, int? Type, DateOnly? Start, DateOnly? End, int Line);

/// <summary>
/// The files of an HMIS CSV export (FY2024 and FY2026 layouts) that describe programs, read and
/// checked together: every column the import needs, every code against HUD's lists, every id
/// against the file it points into. All or nothing: a problem anywhere means no export.
/// </summary>
public sealed record HmisExport(
    IReadOnlyList<HmisOrganization> Organizations,
    IReadOnlyList<HmisProject> Projects,
    IReadOnlyList<HmisFunder> Funders,
    IReadOnlyList<HmisProjectCoc> ProjectCocs,
    IReadOnlyList<HmisInventory> Inventory,
    IReadOnlyList<HmisParticipation> HmisParticipation,
    IReadOnlyList<string> CeParticipationProjectIds)
{
    public const string OrganizationFile = "Organization.csv";
    public const string ProjectFile = "Project.csv";
    public const string FunderFile = "Funder.csv";
    public const string ProjectCocFile = "ProjectCoC.csv";
    public const string InventoryFile = "Inventory.csv";
    public const string HmisParticipationFile = "HMISParticipation.csv";
    public const string CeParticipationFile = "CEParticipation.csv";

    private static readonly HashSet<int> NoYes = [0, 1];
    /// <summary>2.02.6: every project type, served or not (those not served are skipped later, with the reason).</summary>
    private static readonly HashSet<int> ProjectTypes = [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14];
    private static readonly HashSet<int> RrhSubTypes = [1, 2];
    private static readonly HashSet<int> TargetPopulations = [1, 3, 4];
    /// <summary>2.06.1.</summary>
    private static readonly HashSet<int> FunderCodes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 30, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 55, 56];
    private static readonly HashSet<int> HouseholdTypes = [1, 3, 4];
    private static readonly HashSet<int> Availabilities = [1, 2, 3];
    private static readonly HashSet<int> EsBedTypes = [1, 2, 3];
    private static readonly HashSet<int> ParticipationTypes = [0, 1, 2];

    public static (HmisExport? Export, IReadOnlyList<HmisProblem> Problems) Read(HmisSource source)
    {
        var problems = new List<HmisProblem>();
        var organizations = new HmisCsv(OrganizationFile, problems).Rows(source,
            ["OrganizationID", "OrganizationName", "VictimServiceProvider", "OrganizationCommonName"],
            r => new HmisOrganization(r.Required("OrganizationID"), r.Required("OrganizationName"), r.Text("OrganizationCommonName"),
                r.Code("VictimServiceProvider", NoYes) == 1, r.Line));
        var projects = new HmisCsv(ProjectFile, problems).Rows(source,
            ["ProjectID", "OrganizationID", "ProjectName", "ProjectCommonName", "OperatingStartDate", "OperatingEndDate",
             "ContinuumProject", "ProjectType", "RRHSubType", "TargetPopulation"],
            r => new HmisProject(r.Required("ProjectID"), r.Required("OrganizationID"), r.Required("ProjectName"), r.Text("ProjectCommonName"),
                r.Date("OperatingStartDate"), r.Date("OperatingEndDate", optional: true), r.Code("ContinuumProject", NoYes) == 1,
                r.Code("ProjectType", ProjectTypes, optional: true), r.Code("RRHSubType", RrhSubTypes, optional: true),
                r.Code("TargetPopulation", TargetPopulations, optional: true), r.Line));
        var funders = new HmisCsv(FunderFile, problems).Rows(source,
            ["FunderID", "ProjectID", "Funder", "StartDate", "EndDate"],
            r => new HmisFunder(r.Required("FunderID"), r.Required("ProjectID"), r.Code("Funder", FunderCodes), r.Date("StartDate"),
                r.Date("EndDate", optional: true), r.Line));
        var cocs = new HmisCsv(ProjectCocFile, problems).Rows(source,
            ["ProjectCoCID", "ProjectID", "CoCCode", "Address1", "Address2", "City", "State", "ZIP"],
            r => new HmisProjectCoc(r.Required("ProjectCoCID"), r.Required("ProjectID"), r.Required("CoCCode"), r.Text("Address1"),
                r.Text("Address2"), r.Text("City"), r.Text("State"), r.Text("ZIP"), r.Line));
        var inventory = new HmisCsv(InventoryFile, problems).Rows(source,
            ["InventoryID", "ProjectID", "CoCCode", "HouseholdType", "Availability", "UnitInventory", "BedInventory", "ESBedType",
             "InventoryStartDate", "InventoryEndDate"],
            r => new HmisInventory(r.Required("InventoryID"), r.Required("ProjectID"), r.Text("CoCCode"), r.Code("HouseholdType", HouseholdTypes),
                r.Code("Availability", Availabilities, optional: true), r.Count("UnitInventory"), r.Count("BedInventory"),
                r.Code("ESBedType", EsBedTypes, optional: true), r.Date("InventoryStartDate"), r.Date("InventoryEndDate", optional: true), r.Line));
        var participation = new HmisCsv(HmisParticipationFile, problems).Rows(source,
            ["ProjectID", "HMISParticipationType", "HMISParticipationStatusStartDate", "HMISParticipationStatusEndDate"],
            r => new HmisParticipation(r.Required("ProjectID"), r.Code("HMISParticipationType", ParticipationTypes),
                r.Date("HMISParticipationStatusStartDate"), r.Date("HMISParticipationStatusEndDate", optional: true), r.Line));
        var ce = new HmisCsv(CeParticipationFile, problems).Rows(source, ["ProjectID"], r => (Id: r.Required("ProjectID"), r.Line));

        Unique(OrganizationFile, "OrganizationID", organizations.Select(o => (o.Id, o.Line)), problems);
        Unique(ProjectFile, "ProjectID", projects.Select(p => (p.Id, p.Line)), problems);
        var organizationIds = organizations.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var projectIds = projects.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        Points(ProjectFile, "OrganizationID", OrganizationFile, projects.Select(p => (p.OrganizationId, p.Line)), organizationIds, problems);
        Points(FunderFile, "ProjectID", ProjectFile, funders.Select(f => (f.ProjectId, f.Line)), projectIds, problems);
        Points(ProjectCocFile, "ProjectID", ProjectFile, cocs.Select(c => (c.ProjectId, c.Line)), projectIds, problems);
        Points(InventoryFile, "ProjectID", ProjectFile, inventory.Select(i => (i.ProjectId, i.Line)), projectIds, problems);
        Points(HmisParticipationFile, "ProjectID", ProjectFile, participation.Select(p => (p.ProjectId, p.Line)), projectIds, problems);
        Points(CeParticipationFile, "ProjectID", ProjectFile, ce.Select(c => (c.Id, c.Line)), projectIds, problems);

        return problems.Count > 0
            ? (null, problems)
            : (new HmisExport(organizations, projects, funders, cocs, inventory, participation, [.. ce.Select(c => c.Id)]), problems);
    }

    private static void Unique(string file, string column, IEnumerable<(string Id, int Line)> rows, List<HmisProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, line) in rows)
        {
            if (id.Length > 0 && !seen.Add(id)) problems.Add(new HmisProblem(file, line, column, ProblemText.Problem_Hmis_DuplicateId));
        }
    }

    private static void Points(string file, string column, string target, IEnumerable<(string Id, int Line)> rows, HashSet<string> ids, List<HmisProblem> problems)
    {
        foreach (var (id, line) in rows)
        {
            if (id.Length > 0 && !ids.Contains(id)) problems.Add(new HmisProblem(file, line, column, Say.Format(ProblemText.Problem_Hmis_DanglingId, target)));
        }
    }
}

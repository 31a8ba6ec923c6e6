using Housing.Api.Auth;

namespace Housing.Api.Programs;

/// <summary>
/// A program as a caller may see it. A confidential program's address and exact location
/// go only to its own organisation's keys and to admins, and never into a listing.
/// <c>eligibility</c> is the profile in effect, and <c>eligibilitySources</c> says for each rule
/// whether the program set it or took it from its organisation's defaults. <c>unitSizes</c> and
/// <c>adjoiningUnits</c> are left out for a program that houses every household type by bed.
/// </summary>
/// <param name="TimeZone">The IANA time zone of its intake hours; missing: the service's own (<c>Reports:TimeZone</c>).</param>
/// <param name="IntakeHours">When it admits new arrivals, weekly, in its local time; empty: at any hour, unless a curfew closes intake from the curfew until 06:00.</param>
public sealed record ProgramView(
    Guid Id,
    Guid OrganizationId,
    string Name,
    ProgramKind Kind,
    int HudProjectType,
    int MaxStayDays,
    string Region,
    GeoPoint? Location,
    bool Confidential,
    string? Address,
    IntakeContact IntakeContact,
    bool HudFunded,
    IReadOnlyList<ProgramService> Services,
    IReadOnlyList<InventoryItem> Inventory,
    EligibilityProfile Eligibility,
    IReadOnlyList<string> InheritedRules,
    IReadOnlyDictionary<string, EligibilitySource> EligibilitySources,
    string? CocCode,
    IReadOnlyList<UnitSize>? UnitSizes,
    int? AdjoiningUnits,
    IReadOnlyList<ProgramWarning> Warnings,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? TimeZone,
    IReadOnlyList<IntakeWindow> IntakeHours)
{
    public static ProgramView Detail(HousingProgram p, Caller caller) =>
        Create(p, revealPrivate: !p.Definition.Confidential || caller.CanManage(p.Definition.OrganizationId));

    public static ProgramView Listing(HousingProgram p) => Create(p, revealPrivate: !p.Definition.Confidential);

    private static ProgramView Create(HousingProgram p, bool revealPrivate)
    {
        var d = p.Definition;
        return new ProgramView(p.Id, d.OrganizationId, d.Name, d.Kind, d.HudProjectType, d.MaxStayDays, d.Region,
            revealPrivate ? d.Location : null, d.Confidential, revealPrivate ? d.Address : null,
            d.IntakeContact, d.HudFunded, d.Services, d.Inventory, d.Eligibility,
            d.InheritedRules, EligibilityInheritance.Sources(d.InheritedRules), d.CocCode, d.UnitSizes, d.AdjoiningUnits, EligibilityRules.Warnings(d),
            p.Version, p.CreatedAt, p.UpdatedAt, d.TimeZone, d.IntakeHours ?? []);
    }
}

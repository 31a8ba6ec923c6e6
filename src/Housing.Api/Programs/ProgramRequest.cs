using System.ComponentModel.DataAnnotations;
using Housing.Api.Errors;
using Housing.Api.Organizations;

namespace Housing.Api.Programs;

/// <summary>
/// The body of a create or a full update. Fields are nullable so that a missing one is
/// reported by name with the others, instead of failing the whole parse. The attributes are
/// its shape rules (<see cref="RequestShape"/>); those between fields are <see cref="ProgramRules"/>.
/// </summary>
/// <param name="CocCode">The Continuum of Care the program belongs to, as HUD writes it: CA-600.</param>
/// <param name="InheritedRules">The eligibility rules (by their names in <c>eligibility</c>, such as maxChildAge) taken from the organisation's defaults instead of this request.</param>
/// <param name="UnitSizes">For a program that houses households by unit (family rooms, apartments): its units by size. A household type named here is offered only where one open unit holds the whole household.</param>
/// <param name="AdjoiningUnits">At most this many adjoining units may house one household (1, the default: one unit only).</param>
/// <param name="TimeZone">The IANA time zone its intake hours are in, such as America/Los_Angeles. Missing: the service's own (<c>Reports:TimeZone</c>).</param>
/// <param name="IntakeHours">When it admits new arrivals, as weekly windows in its local time. Missing or empty: at any hour, unless it has a curfew (then not from the curfew until 06:00).</param>
/// <param name="MaxStayDays">The longest stay, in days: up to 365 for emergency shelter, 1095 transitional and 730 rapid rehousing (which must give it).</param>
public sealed record ProgramRequest(
    [property: Required] Guid? OrganizationId = null,
    [property: Required, StringLength(200)] string? Name = null,
    [property: Required] ProgramKind? Kind = null,
    int? HudProjectType = null,
    [property: Range(1, 1095)] int? MaxStayDays = null,
    [property: Required, RegularExpression(OrganizationRules.Region, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Region))] string? Region = null,
    [property: Required] GeoPoint? Location = null,
    bool? Confidential = null,
    [property: StringLength(300)] string? Address = null,
    [property: Required] IntakeContact? IntakeContact = null,
    bool? HudFunded = null,
    [property: MaxLength(20), UniqueItems] IReadOnlyList<ProgramService>? Services = null,
    [property: Required(ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Program_NoInventory)),
               MinLength(1, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Program_NoInventory))]
    [property: MaxLength(20, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Program_MaxInventory))]
    IReadOnlyList<InventoryRequest>? Inventory = null,
    EligibilityProfile? Eligibility = null,
    [property: RegularExpression(ProgramRules.CocCode, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_CocCode))] string? CocCode = null,
    [property: MaxLength(40), UniqueItems] IReadOnlyList<string>? InheritedRules = null,
    [property: MaxLength(3 * Availability.UnitFit.MaxSizes)] IReadOnlyList<UnitSizeRequest>? UnitSizes = null,
    [property: Range(1, Availability.UnitFit.MaxAdjoining)] int? AdjoiningUnits = null,
    [property: StringLength(64)] string? TimeZone = null,
    [property: MaxLength(IntakeWindow.MaxWindows)] IReadOnlyList<IntakeWindow>? IntakeHours = null);

/// <summary>Units of one size for one household type: beds and cribs (infants under 2 only) in each, and how many.</summary>
public sealed record UnitSizeRequest(
    [property: Required] HouseholdType? HouseholdType = null,
    [property: Required, Range(1, Availability.UnitFit.MaxBedsPerUnit)] int? Beds = null,
    [property: Range(0, Availability.UnitFit.MaxCribsPerUnit)] int? Cribs = null,
    [property: Required, Range(1, ProgramRules.MaxCount)] int? Count = null);

public sealed record InventoryRequest(
    [property: Required] HouseholdType? HouseholdType = null,
    [property: Range(0, ProgramRules.MaxCount)] int? Units = null,
    [property: Range(0, ProgramRules.MaxCount)] int? Beds = null,
    [property: Range(0, ProgramRules.MaxCount)] int? Slots = null,
    InventoryAvailability? Availability = null,
    BedType? BedType = null,
    [property: Required] DateOnly? StartDate = null,
    DateOnly? EndDate = null);

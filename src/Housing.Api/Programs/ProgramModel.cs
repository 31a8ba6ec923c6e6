using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Organizations;

namespace Housing.Api.Programs;

[JsonConverter(typeof(SnakeCaseEnumConverter<ProgramKind>))]
public enum ProgramKind { Emergency, Transitional, RapidRehousing }

/// <summary>HUD 2.07.4 household types; the value is HUD's code (there is no 2).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<HouseholdType>))]
public enum HouseholdType { AdultsOnly = 1, AdultsWithChildren = 3, ChildrenOnly = 4 }

/// <summary>HUD 2.07.3 availability of emergency shelter inventory.</summary>
public enum InventoryAvailability { YearRound = 1, Seasonal = 2, Overflow = 3 }

/// <summary>HUD 2.07.5 emergency shelter bed type.</summary>
public enum BedType { FacilityBased = 1, Voucher = 2, Other = 3 }

/// <summary>Self-identified gender, HMIS 3.6.1; a person may give several (a transgender woman: woman and transgender).</summary>
public enum Gender { Woman, Man, NonBinary, Transgender, CulturallySpecific, Questioning, DifferentIdentity }

public enum TraffickingType { Sex, Labor }

public enum PregnancyPolicy { Accepted, Required, NotAccepted }

public enum CriminalRecordPolicy { NoRestriction, CaseByCase, Restrictive }

[JsonConverter(typeof(SnakeCaseEnumConverter<ProgramService>))]
public enum ProgramService
{
    LegalAid, ImmigrationLegal, Counseling, MentalHealth, Medical, CaseManagement,
    Childcare, Employment, SubstanceUse, Transportation, Interpretation,
}

/// <summary>Both coordinates are required when reading too: a missing one would otherwise be read as 0, off the coast of Africa.</summary>
public sealed record GeoPoint(
    [property: JsonRequired, Range(-90.0, 90.0)] double Latitude,
    [property: JsonRequired, Range(-180.0, 180.0)] double Longitude);

/// <summary>The "front gate": a public intake contact that may always be shown, even for a confidential program.</summary>
public sealed record IntakeContact(
    [property: StringLength(40), RegularExpression(OrganizationRules.Phone, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Phone))] string? Phone = null,
    [property: StringLength(254), RegularExpression(OrganizationRules.Email, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Email))] string? Email = null,
    [property: StringLength(200)] string? Hours = null);

/// <summary>
/// Units (family rooms, apartments) of one size that a program houses households of one type in:
/// beds in each, cribs in each (for infants under 2 only), and how many such units there are. A
/// household type with unit sizes is housed by unit: a household fits only where one open unit
/// holds everyone (or, where the program allows, adjoining units: <see cref="ProgramDefinition.AdjoiningUnits"/>).
/// </summary>
public sealed record UnitSize(HouseholdType HouseholdType, int Beds, int Cribs, int Count)
{
    [JsonIgnore]
    public UnitCount Size => new(Beds, Cribs, Count);
}

/// <summary>Units of one size: beds each, cribs each (infants under 2 only), and how many of them.</summary>
public sealed record UnitCount(int Beds, int Cribs, int Count)
{
    public bool SameSize(UnitCount other) => Beds == other.Beds && Cribs == other.Cribs;
}

public sealed record InventoryItem(
    HouseholdType HouseholdType,
    int Units,
    int Beds,
    int Slots,
    InventoryAvailability? Availability,
    BedType? BedType,
    DateOnly StartDate,
    DateOnly? EndDate)
{
    public bool IsActiveOn(DateOnly date) => StartDate <= date && (EndDate is null || date <= EndDate);
}

/// <summary>
/// Who a program can take. Every field has a permissive default, so an empty profile
/// means "no restriction"; the matching engine turns each field into a must or can't rule.
/// </summary>
public sealed record EligibilityProfile
{
    /// <summary>Adults' self-identified genders served; empty serves everyone. "woman" serves transgender women.</summary>
    [MaxLength(7), UniqueItems]
    public IReadOnlyList<Gender> GendersServed { get; init; } = [];
    [Range(18, 120)]
    public int? MinAdultAge { get; init; }
    [Range(18, 120)]
    public int? MaxAdultAge { get; init; }
    /// <summary>Children older than this are refused (a per-program policy; see the HUD warning).</summary>
    [Range(0, 17)]
    public int? MaxChildAge { get; init; }
    /// <summary>Boys older than this are refused (often 12 in shelters that are not HUD-funded).</summary>
    [Range(0, 17)]
    public int? MaxBoyAge { get; init; }
    [Range(1, 30)]
    public int? MaxHouseholdSize { get; init; }
    public PregnancyPolicy Pregnancy { get; init; } = PregnancyPolicy.Accepted;
    /// <summary>Empty: not limited to, nor by, trafficking type.</summary>
    [MaxLength(2), UniqueItems]
    public IReadOnlyList<TraffickingType> TraffickingTypesServed { get; init; } = [];
    /// <summary>HUD homeless categories 1 to 4 accepted; empty accepts any.</summary>
    [MaxLength(4), UniqueItems]
    public IReadOnlyList<int> HomelessCategories { get; init; } = [];
    public bool PetsAllowed { get; init; }
    public bool WheelchairAccessible { get; init; }
    /// <summary>Languages staff speak, as ISO 639 codes ("en", "es", "ko").</summary>
    [MaxLength(30), UniqueItems]
    public IReadOnlyList<string> Languages { get; init; } = [];
    public bool SobrietyRequired { get; init; }
    public bool IdRequired { get; init; }
    public bool ImmigrationDocumentsRequired { get; init; }
    public CriminalRecordPolicy CriminalRecord { get; init; } = CriminalRecordPolicy.NoRestriction;
    /// <summary>Takes referrals only from partner agencies, not walk-ins.</summary>
    public bool ReferralOnly { get; init; }
    /// <summary>Local time doors close, "HH:mm"; null for none.</summary>
    [RegularExpression(EligibilityRules.Curfew, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Program_Curfew))]
    public string? Curfew { get; init; }
}

/// <summary>A program's content as validated; what a create or a full update stores.</summary>
public sealed record ProgramDefinition(
    Guid OrganizationId,
    string Name,
    ProgramKind Kind,
    int HudProjectType,
    int MaxStayDays,
    string Region,
    GeoPoint Location,
    bool Confidential,
    string? Address,
    IntakeContact IntakeContact,
    bool HudFunded,
    IReadOnlyList<ProgramService> Services,
    IReadOnlyList<InventoryItem> Inventory,
    EligibilityProfile Eligibility,
    string? CocCode = null,
    IReadOnlyList<string>? InheritedRules = null,
    IReadOnlyList<UnitSize>? UnitSizes = null,
    int? AdjoiningUnits = null,
    string? TimeZone = null,
    IReadOnlyList<IntakeWindow>? IntakeHours = null)
{
    /// <summary>The eligibility rules (by name) that come from the organisation's defaults; <see cref="Eligibility"/> already holds them.</summary>
    public IReadOnlyList<string> InheritedRules { get; init; } = InheritedRules ?? [];

    /// <summary>The sizes of the units the program houses households in by unit; null when it houses every household type by bed.</summary>
    public IReadOnlyList<UnitSize>? UnitSizes { get; init; } = UnitSizes is { Count: > 0 } ? UnitSizes : null;

    /// <summary>At most this many adjoining units may house one household (2 to 4); null: one unit only.</summary>
    public int? AdjoiningUnits { get; init; } = AdjoiningUnits is > 1 ? AdjoiningUnits : null;

    /// <summary>Whether households of this type are housed by unit (<see cref="UnitSizes"/> names the type).</summary>
    public bool HousesByUnit(HouseholdType type) => UnitSizes?.Any(u => u.HouseholdType == type) == true;

    /// <summary>The unit sizes of one household type, as sizes and counts; empty when it is housed by bed.</summary>
    public IReadOnlyList<UnitCount> UnitsOf(HouseholdType type) =>
        UnitSizes is null ? [] : [.. UnitSizes.Where(u => u.HouseholdType == type).Select(u => u.Size)];

    /// <summary>How many units one household may take: 1, or <see cref="AdjoiningUnits"/>.</summary>
    public int UnitsPerHousehold => AdjoiningUnits ?? 1;
}

public sealed record HousingProgram(Guid Id, ProgramDefinition Definition, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public string ETag => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Inventory in force on a date: seasonal beds lapse by themselves, and overflow beds (HUD
    /// availability 3) count only when <paramref name="overflowInForce"/> (an activation covers
    /// the program's region that day: <see cref="Catalog.CatalogEntry.OverflowOn"/>).
    /// </summary>
    public IEnumerable<InventoryItem> ActiveInventory(DateOnly date, bool overflowInForce) =>
        Definition.Inventory.Where(i => i.IsActiveOn(date) && (overflowInForce || i.Availability != InventoryAvailability.Overflow));
}

public sealed record ProgramWarning(string Code, string Message);

namespace Housing.Api.Programs;

/// <summary>
/// The body of a create or a full update. Fields are nullable so that a missing one is
/// reported by name with the others, instead of failing the whole parse.
/// </summary>
public sealed record ProgramRequest(
    Guid? OrganizationId = null,
    string? Name = null,
    ProgramKind? Kind = null,
    int? HudProjectType = null,
    int? MaxStayDays = null,
    string? Region = null,
    GeoPoint? Location = null,
    bool? Confidential = null,
    string? Address = null,
    IntakeContact? IntakeContact = null,
    bool? HudFunded = null,
    IReadOnlyList<ProgramService>? Services = null,
    IReadOnlyList<InventoryRequest>? Inventory = null,
    EligibilityProfile? Eligibility = null);

public sealed record InventoryRequest(
    HouseholdType? HouseholdType = null,
    int? Units = null,
    int? Beds = null,
    int? Slots = null,
    InventoryAvailability? Availability = null,
    BedType? BedType = null,
    DateOnly? StartDate = null,
    DateOnly? EndDate = null);

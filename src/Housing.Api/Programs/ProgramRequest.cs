namespace Housing.Api.Programs;

/// <summary>
/// The body of a create or a full update. Fields are nullable so that a missing one is
/// reported by name with the others, instead of failing the whole parse.
/// </summary>
public sealed record ProgramRequest(
    Guid? OrganizationId,
    string? Name,
    ProgramKind? Kind,
    int? HudProjectType,
    int? MaxStayDays,
    string? Region,
    GeoPoint? Location,
    bool? Confidential,
    string? Address,
    IntakeContact? IntakeContact,
    bool? HudFunded,
    IReadOnlyList<ProgramService>? Services,
    IReadOnlyList<InventoryRequest>? Inventory,
    EligibilityProfile? Eligibility);

public sealed record InventoryRequest(
    HouseholdType? HouseholdType,
    int? Units,
    int? Beds,
    int? Slots,
    InventoryAvailability? Availability,
    BedType? BedType,
    DateOnly? StartDate,
    DateOnly? EndDate);

using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// The body of a search. Nullable throughout so that every missing or wrong field is named
/// in one answer. There is no field for a name, a birth date or contact details, and unknown fields are refused.
/// </summary>
public sealed record MatchRequest(
    HouseholdRequest? Household = null,
    WantsRequest? Wants = null,
    SafetyRequest? Safety = null,
    int? Limit = null);

public sealed record HouseholdRequest(
    IReadOnlyList<MemberRequest>? Members = null,
    bool? Pregnant = null,
    bool? Pets = null,
    bool? Wheelchair = null,
    IReadOnlyList<string>? Languages = null,
    TraffickingExperience? Trafficking = null,
    int? HomelessCategory = null,
    bool? HasId = null,
    bool? HasImmigrationDocuments = null,
    bool? CriminalRecord = null,
    bool? SubstanceUse = null);

public sealed record MemberRequest(MemberRole? Role = null, int? Age = null, IReadOnlyList<Gender>? Genders = null);

public sealed record WantsRequest(
    IReadOnlyList<ProgramKind>? Kinds = null,
    DateOnly? EarliestStart = null,
    int? ExpectedStayDays = null,
    IReadOnlyList<ProgramService>? Services = null);

public sealed record UnsafePlaceRequest(double? Latitude = null, double? Longitude = null, double? RadiusKm = null);

public sealed record SafetyRequest(
    IReadOnlyList<UnsafePlaceRequest>? UnsafePlaces = null,
    IReadOnlyList<string>? UnsafeRegions = null,
    IReadOnlyList<Guid>? UnsafeOrganizationIds = null,
    IReadOnlyList<Guid>? UnsafeProgramIds = null,
    bool? ConfidentialRequired = null);

using System.ComponentModel.DataAnnotations;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// The body of a search. Nullable throughout so that every missing or wrong field is named
/// in one answer; the attributes are its shape rules, checked by <see cref="RequestShape"/> and published in the contract. There is no field for a name, a birth date or contact details, and unknown fields are refused.
/// </summary>
/// <param name="ArriveAt">When the household would arrive, an RFC 3339 date-time with its offset (2026-03-02T21:00:00-08:00), from now to 7 days ahead; missing: now. Programs whose intake is closed then are left out (intake_closed); one whose intake closes soon after is kept with a "call first" warning.</param>
public sealed record MatchRequest(
    [property: Required] HouseholdRequest? Household = null,
    WantsRequest? Wants = null,
    SafetyRequest? Safety = null,
    [property: Range(1, Paging.MaxLimit)] int? Limit = null,
    DateTimeOffset? ArriveAt = null);

public sealed record HouseholdRequest(
    [property: Required(ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Match_NoMembers)), MinLength(1, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Match_NoMembers))]
    [property: MaxLength(MatchRequestRules.MaxMembers, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Match_MaxPeople))]
    IReadOnlyList<MemberRequest>? Members = null,
    bool? Pregnant = null,
    bool? Pets = null,
    bool? Wheelchair = null,
    [property: MaxLength(10), UniqueItems] IReadOnlyList<string>? Languages = null,
    TraffickingExperience? Trafficking = null,
    [property: Range(1, 4)] int? HomelessCategory = null,
    bool? HasId = null,
    bool? HasImmigrationDocuments = null,
    bool? CriminalRecord = null,
    bool? SubstanceUse = null);

/// <summary>One person. An adult is 18 to 120 and a child 0 to 17 (checked with the role: <see cref="MatchRequestRules"/>).</summary>
public sealed record MemberRequest(
    [property: Required] MemberRole? Role = null,
    [property: Required, Range(0, 120)] int? Age = null,
    [property: MaxLength(7), UniqueItems] IReadOnlyList<Gender>? Genders = null);

/// <summary>What the household wants. Each list narrows the search; an empty or missing list leaves it open.</summary>
/// <param name="CocCodes">Only programs in these Continuums of Care (HUD codes such as CA-600). Missing: every Continuum of Care the service covers. A code no program is in is refused, with the codes programs are in.</param>
public sealed record WantsRequest(
    [property: MaxLength(3), UniqueItems] IReadOnlyList<ProgramKind>? Kinds = null,
    DateOnly? EarliestStart = null,
    [property: Range(1, 1095)] int? ExpectedStayDays = null,
    [property: MaxLength(20), UniqueItems] IReadOnlyList<ProgramService>? Services = null,
    [property: MaxLength(MatchRequestRules.MaxCocs), UniqueItems] IReadOnlyList<string>? CocCodes = null);

/// <summary>
/// A circle the household must stay out of: centred on a ZIP code's centre (looked up offline,
/// within the states the service covers) or on a latitude and longitude; one or the other.
/// </summary>
/// <param name="ZipCode">A five-digit ZIP code in the states the service covers (<c>Places:States</c>): the circle is centred on the ZIP code's centre, so choose a radius that covers the area meant. Never sent to an outside geocoder. Read back as given.</param>
public sealed record UnsafePlaceRequest(
    [property: Range(-90.0, 90.0)] double? Latitude = null,
    [property: Range(-180.0, 180.0)] double? Longitude = null,
    [property: Required, Range(0.0, MatchRequestRules.MaxRadiusKm, MinimumIsExclusive = true, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Match_Radius))]
    double? RadiusKm = null,
    [property: RegularExpression(@"^\d{5}$", ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Match_Zip))] string? ZipCode = null);

public sealed record SafetyRequest(
    [property: MaxLength(20, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Match_MaxPlaces))] IReadOnlyList<UnsafePlaceRequest>? UnsafePlaces = null,
    [property: MaxLength(20), UniqueItems] IReadOnlyList<string>? UnsafeRegions = null,
    [property: MaxLength(100), UniqueItems] IReadOnlyList<Guid>? UnsafeOrganizationIds = null,
    [property: MaxLength(100), UniqueItems] IReadOnlyList<Guid>? UnsafeProgramIds = null,
    bool? ConfidentialRequired = null);

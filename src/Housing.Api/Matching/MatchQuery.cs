using Housing.Api.Programs;

namespace Housing.Api.Matching;

public enum MemberRole { Adult, Child }

/// <summary>Trafficking the household has survived; <c>None</c> when it has not.</summary>
public enum TraffickingExperience { None, Sex, Labor, Both }

/// <summary>One person: role, age and self-identified genders. Never a name or a birth date.</summary>
public sealed record HouseholdMember(MemberRole Role, int Age, IReadOnlyList<Gender> Genders);

/// <summary>The household to place, as a case manager describes it: needs, not identity.</summary>
public sealed record Household(
    IReadOnlyList<HouseholdMember> Members,
    bool Pregnant = false,
    bool Pets = false,
    bool Wheelchair = false,
    IReadOnlyList<string>? Languages = null,
    TraffickingExperience Trafficking = TraffickingExperience.None,
    int? HomelessCategory = null,
    bool HasId = true,
    bool HasImmigrationDocuments = true,
    bool CriminalRecord = false,
    bool SubstanceUse = false)
{
    public int Size => Members.Count;

    /// <summary>Members under 2, who may sleep in a crib where a program's units have one (<see cref="Availability.UnitFit"/>).</summary>
    public int Infants => Members.Count(m => m.Age < 2);

    public HouseholdType Type =>
        Members.All(m => m.Role == MemberRole.Child) ? HouseholdType.ChildrenOnly
        : Members.Any(m => m.Role == MemberRole.Child) ? HouseholdType.AdultsWithChildren
        : HouseholdType.AdultsOnly;
}

/// <summary>What is wanted: kinds in order of preference, when, for how long, which services, and in which Continuums of Care (all when none is given).</summary>
public sealed record Wants(
    IReadOnlyList<ProgramKind>? Kinds = null,
    DateOnly? EarliestStart = null,
    int? ExpectedStayDays = null,
    IReadOnlyList<ProgramService>? Services = null,
    IReadOnlyList<string>? CocCodes = null);

/// <summary>A point the trafficker knows, with a radius to keep away from.</summary>
/// <param name="ZipCode">The ZIP code the place was given as, when it was: its centre is the latitude and longitude.</param>
public sealed record UnsafePlace(double Latitude, double Longitude, double RadiusKm, string? ZipCode = null);

/// <summary>Given for one search and never stored.</summary>
public sealed record Safety(
    IReadOnlyList<UnsafePlace>? UnsafePlaces = null,
    IReadOnlyList<string>? UnsafeRegions = null,
    IReadOnlyList<Guid>? UnsafeOrganizationIds = null,
    IReadOnlyList<Guid>? UnsafeProgramIds = null,
    bool ConfidentialRequired = false);

/// <param name="AgencyId">The agency searching (the caller's organisation, never from the body): referral-only programs are offered to their partner agencies only.</param>
public sealed record MatchQuery(Household Household, Wants Wants, Safety Safety, Guid? AgencyId = null)
{
    /// <summary>
    /// When the household would arrive: a search's own (<c>arriveAt</c>, or now). Programs whose
    /// intake is closed then are left out. Null for watches, asks and referrals, which are about
    /// room, and leave the hour of arrival to the shelter's answer.
    /// </summary>
    public DateTimeOffset? ArriveAt { get; init; }

    /// <summary>A match whose intake closes within this many minutes of <see cref="ArriveAt"/> carries a "call first" warning (<c>Matching:CallFirstMinutes</c>).</summary>
    public int CallFirstMinutes { get; init; }
}

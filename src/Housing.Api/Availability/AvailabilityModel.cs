using System.ComponentModel.DataAnnotations;
using Housing.Api.Programs;

namespace Housing.Api.Availability;

/// <summary>Open capacity for one household type as the shelter posted it.</summary>
public sealed record OpenCount(HouseholdType HouseholdType, int Beds, int Units, int Slots);

/// <summary>One append-only post: the whole picture of a program's open capacity at a moment.</summary>
public sealed record Snapshot(long Id, Guid ProgramId, DateTimeOffset PostedAt, IReadOnlyList<OpenCount> Counts)
{
    public string ETag => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool SameCounts(IReadOnlyList<OpenCount> other) =>
        Counts.OrderBy(c => c.HouseholdType).SequenceEqual(other.OrderBy(c => c.HouseholdType));
}

/// <summary>
/// Beds (or slots) a referral keeps at a program. It counts against open capacity while the
/// referral is pending or accepted, and after placement until the shelter's next post, which
/// then counts the person in: so a bed is never offered twice.
/// </summary>
public sealed record ActiveHold(long Id, Guid ProgramId, HouseholdType HouseholdType, int Count, DateTimeOffset? PlacedAt)
{
    public bool CountsAgainst(Snapshot? latest) => PlacedAt is not { } placed || latest is null || placed > latest.PostedAt;
}

public sealed record PostAvailabilityRequest(
    [property: Required(ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Availability_NoCounts)), MinLength(1, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Availability_NoCounts))]
    [property: MaxLength(3, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Availability_MaxEntries))]
    IReadOnlyList<OpenCountRequest>? Counts = null);

public sealed record OpenCountRequest([property: Required] HouseholdType? HouseholdType = null, int? Beds = null, int? Units = null, int? Slots = null);

/// <summary>
/// One household type's open capacity as callers see it: <c>open</c> is beds, or slots for
/// rapid rehousing (named by <c>measure</c>), out of <c>capacity</c> in today's inventory,
/// after the <c>held</c> ones that referrals keep; <c>offline</c> beds of that inventory are out
/// of service (renovation, pests, staffing, quarantine) and never open. beds, units and slots are as posted.
/// </summary>
public sealed record OpenCountView(HouseholdType HouseholdType, int Open, string Measure, int Capacity, int Held, int Offline, int Beds, int Units,
    int Slots);

/// <summary>
/// A program's latest open capacity. <c>warnings</c> come only with the answer to a post: saved,
/// but worth a look (<c>flapping</c>: the counts changed more often in the last hour than Availability:MaxChangesPerHour).
/// </summary>
public sealed record AvailabilityView(
    Guid ProgramId,
    string? SnapshotId,
    DateTimeOffset? PostedAt,
    long? AgeSeconds,
    Freshness Freshness,
    IReadOnlyList<OpenCountView> Counts,
    IReadOnlyList<ProgramWarning>? Warnings = null);

public sealed record AvailabilityListItem(
    Guid ProgramId,
    string ProgramName,
    Guid OrganizationId,
    ProgramKind Kind,
    string Region,
    bool Confidential,
    GeoPoint? Location,
    IntakeContact IntakeContact,
    DateTimeOffset? PostedAt,
    long? AgeSeconds,
    Freshness Freshness,
    IReadOnlyList<OpenCountView> Counts);

using System.ComponentModel.DataAnnotations;
using Housing.Api.Programs;

namespace Housing.Api.Availability;

/// <summary>
/// Open capacity for one household type as the shelter posted it. <c>OpenUnits</c>, for a household
/// type the program houses by unit, are the open units by size (beds and units are their sums); null by bed.
/// </summary>
public sealed record OpenCount(HouseholdType HouseholdType, int Beds, int Units, int Slots, IReadOnlyList<UnitCount>? OpenUnits = null)
{
    /// <summary>The same counts, open units compared size by size rather than as lists.</summary>
    public bool Equals(OpenCount? other) =>
        other is not null && HouseholdType == other.HouseholdType && Beds == other.Beds && Units == other.Units && Slots == other.Slots
        && (OpenUnits is null ? other.OpenUnits is null : other.OpenUnits is not null && UnitFit.Distinct(OpenUnits).SequenceEqual(UnitFit.Distinct(other.OpenUnits)));

    public override int GetHashCode() => HashCode.Combine(HouseholdType, Beds, Units, Slots);
}

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
/// <remarks>At a program that houses the household type by unit, a hold keeps whole units: <c>Units</c> are the sizes it took, and <c>Count</c> their beds.</remarks>
public sealed record ActiveHold(long Id, Guid ProgramId, HouseholdType HouseholdType, int Count, DateTimeOffset? PlacedAt, IReadOnlyList<UnitCount>? Units = null)
{
    public bool CountsAgainst(Snapshot? latest) => PlacedAt is not { } placed || latest is null || placed > latest.PostedAt;

    /// <summary>Equal when every field is, the units size by size (a record would compare the lists by reference).</summary>
    public bool Equals(ActiveHold? other) =>
        other is not null && Id == other.Id && ProgramId == other.ProgramId && HouseholdType == other.HouseholdType && Count == other.Count
        && PlacedAt == other.PlacedAt && (Units ?? []).SequenceEqual(other.Units ?? []);

    public override int GetHashCode() => HashCode.Combine(Id, ProgramId, HouseholdType, Count, PlacedAt, Units?.Count ?? 0);
}

public sealed record PostAvailabilityRequest(
    [property: Required(ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Availability_NoCounts)), MinLength(1, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Availability_NoCounts))]
    [property: MaxLength(3, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Availability_MaxEntries))]
    IReadOnlyList<OpenCountRequest>? Counts = null);

/// <param name="OpenUnits">For a household type the program houses by unit (its <c>unitSizes</c>): the open units by size, one entry per size the program gives (0 when none is open). Beds and units may then be left out: they are the units' sums.</param>
public sealed record OpenCountRequest([property: Required] HouseholdType? HouseholdType = null, int? Beds = null, int? Units = null, int? Slots = null,
    [property: MaxLength(UnitFit.MaxSizes)] IReadOnlyList<OpenUnitRequest>? OpenUnits = null);

/// <summary>How many units of one of the program's sizes are open.</summary>
public sealed record OpenUnitRequest(
    [property: Required, Range(1, UnitFit.MaxBedsPerUnit)] int? Beds = null,
    [property: Range(0, UnitFit.MaxCribsPerUnit)] int? Cribs = null,
    [property: Required, Range(0, ProgramRules.MaxCount)] int? Count = null);

/// <summary>
/// One household type's open capacity as callers see it: <c>open</c> is beds, or slots for
/// rapid rehousing (named by <c>measure</c>), out of <c>capacity</c> in today's inventory,
/// after the <c>held</c> ones that referrals keep; <c>offline</c> beds of that inventory are out
/// of service (renovation, pests, staffing, quarantine) and never open. beds, units and slots are
/// as posted. For a household type housed by unit, <c>openUnits</c> are the open units by size
/// after holds (a hold keeps whole units, so <c>open</c> is their beds); null by bed.
/// </summary>
public sealed record OpenCountView(HouseholdType HouseholdType, int Open, string Measure, int Capacity, int Held, int Offline, int Beds, int Units,
    int Slots, IReadOnlyList<UnitCount>? OpenUnits = null);

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

using Housing.Api.Availability;
using Housing.Api.Programs;

namespace Housing.Api.Reports;

/// <summary>Everything one day's report is built from, read in one go; the builder does no I/O.</summary>
public sealed record ReportInputs(
    DateOnly Date,
    string TimeZone,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<HousingProgram> Programs,
    IReadOnlyDictionary<Guid, string> OrganizationNames,
    IReadOnlyDictionary<Guid, Snapshot> LatestSnapshots,
    IReadOnlyList<ActiveHold> Holds,
    IReadOnlyList<StepOutcome> Steps,
    IReadOnlyList<SearchOutcome> Searches);

/// <summary>
/// A program's answer (or lack of one) to a referral offered within the day, from a live step
/// or from the anonymous counts of purged referrals (<see cref="Count"/> alike steps).
/// </summary>
public sealed record StepOutcome(Guid ProgramId, HouseholdType HouseholdType, string Status, int DeclinedBy, string ReasonCode, int? ResponseMinutes, int Count = 1)
{
    public bool Answered => ResponseMinutes is not null;
    public bool Accepted => Answered && Status != "declined";
}

public sealed record SearchOutcome(HouseholdType HouseholdType, int Adults, int Children, int Matched, string? TopReason);

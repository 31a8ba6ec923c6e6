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
    IReadOnlyList<SearchOutcome> Searches,
    IReadOnlyList<WatchOutcome> Watches,
    IReadOnlyList<AskOutcome> Asks,
    IReadOnlyList<CountReminder>? Reminders = null,
    IReadOnlyList<Overflow.OverflowActivation>? Overflow = null,
    IReadOnlyList<Offline.OfflineBeds>? Offline = null)
{
    private readonly ILookup<Guid, Offline.OfflineBeds> _offline = (Offline ?? []).ToLookup(o => o.ProgramId);

    /// <summary>A program's beds out of service at the end of the day.</summary>
    public IReadOnlyList<Offline.OfflineBeds> OfflineAt(Guid programId) => [.. _offline[programId]];

    /// <summary>Whether overflow inventory counted in <paramref name="region"/> that day: an activation covering it was in force.</summary>
    public bool OverflowIn(string region) => Overflow?.Any(a => a.Regions.Contains(region)) ?? false;
}

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

/// <summary>
/// A watch opened or ended within the day: <see cref="Opened"/> if it was created in the day,
/// <see cref="Ended"/> its end status if it ended in the day, and the minutes from its creation
/// to its fulfilment if it was fulfilled in the day.
/// </summary>
public sealed record WatchOutcome(HouseholdType HouseholdType, bool Opened, string? Ended, int? MinutesToFulfil);

/// <summary>An ask sent within the day, with each program's line and the minutes to its first yes, if any.</summary>
public sealed record AskOutcome(HouseholdType HouseholdType, IReadOnlyList<AskLine> Lines, int? MinutesToFirstYes);

/// <summary>One program's line of an ask: answered when the program said yes or no (not withdrawn or expired).</summary>
public sealed record AskLine(Guid ProgramId, HouseholdType HouseholdType, string Status)
{
    public bool Answered => Status is "yes" or "no";
}

using Housing.Api.Availability;
using Housing.Api.Programs;

namespace Housing.Api.Consistency;

/// <summary>
/// An unreleased hold with the referral step it holds for, as one statement read them: the step's
/// program and status (null when the step is gone), when it was decided, and whether the hold
/// came from a shelter's yes to an ask (made without the open-capacity check: the yes is newer than the post).
/// </summary>
public sealed record HoldFact(
    long Id, Guid ReferralId, int Position, Guid ProgramId, HouseholdType HouseholdType, int Count, DateTimeOffset CreatedAt, DateTimeOffset? PlacedAt,
    Guid? StepProgramId, string? StepStatus, DateTimeOffset? StepDecidedAt, bool FromAsk, IReadOnlyList<UnitCount>? Units = null)
{
    public ActiveHold AsActive() => new(Id, ProgramId, HouseholdType, Count, PlacedAt, Units);
}

/// <summary>A pending or accepted referral step that has no unreleased hold, with what it would hold.</summary>
public sealed record StepWithoutHold(Guid ReferralId, int Position, Guid ProgramId, HouseholdType HouseholdType, int HouseholdSize);

/// <summary>
/// What one run checks, read at one moment (one snapshot of the database): every program (its
/// definition, for today's inventory), its latest post, the unreleased holds with their steps,
/// the steps that should hold but do not, each program's catalog version, when counts changed
/// lately, and the beds out of service.
/// </summary>
public sealed record ConsistencyFacts(
    DateOnly Today,
    IReadOnlyList<HousingProgram> Programs,
    IReadOnlyDictionary<Guid, Snapshot> Latest,
    IReadOnlyList<HoldFact> Holds,
    IReadOnlyList<StepWithoutHold> StepsWithoutHold,
    IReadOnlyDictionary<Guid, long> Versions,
    ILookup<Guid, DateTimeOffset> Changes,
    ILookup<Guid, Offline.OfflineBeds>? Offline = null);

/// <summary>A finding, and for one the check repairs, the hold it repairs.</summary>
public sealed record Planned(Finding Finding, HoldFact? Hold = null);

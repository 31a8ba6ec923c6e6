using Housing.Api.Programs;

namespace Housing.Api.Consistency;

/// <summary>What the consistency check can find at a program.</summary>
public enum FindingKind
{
    /// <summary>An unreleased hold whose referral step no longer holds beds (declined, expired, cancelled, no-show, skipped, or gone).</summary>
    PhantomHold,
    /// <summary>A placed referral step whose hold was not marked placed, so it would count against the program for ever.</summary>
    UnmarkedPlacement,
    /// <summary>A pending or accepted referral step with no hold: beds it was promised that nothing keeps.</summary>
    MissingHold,
    /// <summary>This instance's in-memory holds of the program differ from the database's at the same catalog version.</summary>
    CachedHoldsDiffer,
    /// <summary>The latest post gives more open beds, units or slots than today's inventory of the household type.</summary>
    PostedBeyondInventory,
    /// <summary>More held than the latest post (capped at today's inventory) says is open: open would be below zero.</summary>
    HeldBeyondOpen,
    /// <summary>The counts changed more often in an hour than Availability:MaxChangesPerHour.</summary>
    Flapping,
}

/// <summary>What the check did about a finding.</summary>
public enum FindingAction
{
    /// <summary>Released the hold, as a decline or an expiry would have: its beds are offered again.</summary>
    Released,
    /// <summary>Marked the hold placed when its step was, so the shelter's next post counts the household in.</summary>
    MarkedPlaced,
    /// <summary>Reloaded the program's holds from the database, on every instance.</summary>
    Reloaded,
    /// <summary>Changed nothing: an admin or the shelter must look.</summary>
    Reported,
}

/// <summary>
/// One finding as stored: a program, what was found (with the figure found and the one expected,
/// in <paramref name="Measure"/>), and what was done. Never a referral or anything about a household.
/// </summary>
public sealed record Finding(
    Guid ProgramId, FindingKind Kind, FindingAction Action, HouseholdType? HouseholdType = null, string? Measure = null, int? Found = null,
    int? Expected = null)
{
    public bool Repaired => Action != FindingAction.Reported;
}

/// <summary>A run as stored, with its findings.</summary>
public sealed record ConsistencyRun(
    long Id, string Instance, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long? DurationMs, int? ProgramsChecked,
    string? Error, IReadOnlyList<Finding> Findings)
{
    public IEnumerable<Finding> Repaired => Findings.Where(f => f.Repaired);

    public IEnumerable<Finding> Open => Findings.Where(f => !f.Repaired);
}

/// <summary>One finding as an admin reads it: the program by id and name (never its location), the kind and what was done, as codes and in words.</summary>
/// <param name="Description">What was found, in words.</param>
/// <param name="ActionDescription">What was done about it, in words.</param>
/// <param name="Measure">What <c>found</c> and <c>expected</c> count: beds, units, slots or changes (in an hour).</param>
public sealed record FindingView(
    Guid ProgramId, string ProgramName, FindingKind Kind, string Description, FindingAction Action, string ActionDescription,
    HouseholdType? HouseholdType, string? Measure, int? Found, int? Expected);

/// <summary>
/// The latest consistency check: when and where it ran, how long it took, the programs it checked,
/// what it repaired and what it found that it could not (open). A run that failed has
/// <c>status</c> <c>failed</c>, its <c>error</c>, and no findings.
/// </summary>
/// <param name="Status">done or failed.</param>
/// <param name="Instance">The instance that ran it (host, process and a run id).</param>
public sealed record ConsistencyReport(
    long RunId, string Status, string Instance, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long? DurationMs, int ProgramsChecked,
    IReadOnlyList<FindingView> Repaired, IReadOnlyList<FindingView> Open, string? Error);

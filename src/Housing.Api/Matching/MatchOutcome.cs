using Housing.Api.Availability;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>What a case manager may see of a matched program: never a confidential address or location.</summary>
public sealed record MatchedProgram(
    Guid Id, Guid OrganizationId, string Name, ProgramKind Kind, string Region, bool Confidential,
    GeoPoint? Location, IntakeContact IntakeContact, int MaxStayDays,
    IReadOnlyList<ProgramService> Services, IReadOnlyList<string> Languages);

/// <summary>
/// The open capacity the household would use, with how old the count is. Where the program houses
/// the household type by unit, <c>openUnits</c> are its open units by size after holds, and
/// <c>needed</c> the beds of the units a hold would take (whole units that hold everyone, infants
/// under 2 in cribs where there are some); <c>openUnits</c> is null by bed.
/// </summary>
public sealed record MatchCapacity(
    HouseholdType HouseholdType, int Open, string Measure, int Needed,
    DateTimeOffset? PostedAt, long? AgeSeconds, Freshness Freshness, IReadOnlyList<UnitCount>? OpenUnits = null);

/// <summary>One named part of the score: a value from 0 to 1 and the weight it carries.</summary>
public sealed record ScoreComponent(string Name, double Value, double Weight);

/// <summary>The weighted mean of the components, from 0 to 100.</summary>
public sealed record MatchScore(double Total, IReadOnlyList<ScoreComponent> Components);

public sealed record RankedMatch(
    int Rank, MatchedProgram Program, MatchCapacity Capacity, MatchScore Score,
    IReadOnlyList<string> Reasons, IReadOnlyList<ProgramWarning> Warnings);

public sealed record ReasonCount(ExclusionReason Code, int Count, string Summary);

public sealed record ExclusionDetail(ExclusionReason Code, string Sentence);

public sealed record ExcludedProgram(Guid ProgramId, string Name, IReadOnlyList<ExclusionDetail> Reasons);

/// <summary>
/// Ranked matches and why the others were left out: each excluded program is counted once,
/// under its first reason; with <c>explain</c>, every reason for every excluded program.
/// </summary>
public sealed record MatchOutcome(
    IReadOnlyList<RankedMatch> Matches,
    int Considered,
    int Matched,
    int Excluded,
    string Summary,
    IReadOnlyList<ReasonCount> ExcludedByReason,
    IReadOnlyList<ExcludedProgram>? ExcludedPrograms)
{
    /// <summary>When fewer programs fit than were asked for: where to turn next (<see cref="Matching.NextSteps"/>).</summary>
    public NextSteps? NextSteps { get; init; }
}

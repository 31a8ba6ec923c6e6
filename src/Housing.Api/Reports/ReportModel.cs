using Housing.Api.Programs;

namespace Housing.Api.Reports;

/// <summary>
/// One local day's capacity report: as of the end of the day for capacity, and over the day
/// for referrals and searches. Confidential programs never have a row of their own and are in no
/// rollup: they are published only as <c>confidential</c>, one aggregate, which is suppressed (with
/// the totals, which less the program rows would give it) when it holds fewer than
/// <c>suppressBelow</c> programs. A report built before its day ended is <c>provisional</c>
/// (figures so far) and is rebuilt once the day is over.
/// </summary>
public sealed record CapacityReport(
    DateOnly Date,
    string TimeZone,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset BuiltAt,
    bool Provisional,
    int StaleHours,
    int SuppressBelow,
    Figures? Totals,
    bool TotalsSuppressed,
    IReadOnlyList<ProgramRow> Programs,
    ConfidentialAggregate Confidential,
    IReadOnlyList<RollupRow> Rollups,
    UnmetNeed UnmetNeed);

/// <summary>
/// Capacity and referral outcomes of a program or a group. Inventory, open and held are beds,
/// or slots for rapid rehousing; utilisation is (inventory − open) / inventory.
/// </summary>
public sealed record Figures(
    int Programs,
    int Inventory,
    int Open,
    int Held,
    double? Utilisation,
    int StalePrograms,
    int ReferralsMade,
    int Accepted,
    int Declined,
    int DeclinedByClient,
    int DeclinedByProvider,
    IReadOnlyDictionary<string, int> DeclinedByReason,
    int Expired,
    int Answered,
    double? MedianMinutesToAnswer,
    double? ResponseRate);

/// <summary>A program that is not confidential, with its own figures.</summary>
public sealed record ProgramRow(
    Guid ProgramId,
    string Name,
    Guid OrganizationId,
    string OrganizationName,
    ProgramKind Kind,
    string Region,
    string Measure,
    DateTimeOffset? LastPostedAt,
    double? DataAgeHours,
    bool Stale,
    Figures Figures);

/// <summary>
/// A group of the programs that are not confidential, by <c>dimension</c> (kind, region,
/// household_type, organization). Confidential programs are in no group: see <see cref="ConfidentialAggregate"/>.
/// </summary>
public sealed record RollupRow(string Dimension, string Group, string Label, int Programs, Figures Figures);

/// <summary>
/// Every confidential program with figures that day, as one aggregate: <c>programs</c> of them,
/// and their figures unless <c>suppressed</c> (1 to <c>suppressBelow</c> − 1 programs).
/// </summary>
public sealed record ConfidentialAggregate(int Programs, bool Suppressed, Figures? Figures)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string Label => $"Confidential programs ({Programs})";
}

/// <summary>Searches that found nothing: the evidence of need the service could not meet.</summary>
public sealed record UnmetNeed(
    int Searches,
    int Unmatched,
    double? UnmatchedShare,
    IReadOnlyList<HouseholdShapeRow> ByHousehold,
    IReadOnlyList<ReasonRow> ByTopReason);

public sealed record HouseholdShapeRow(HouseholdType HouseholdType, int Adults, int Children, int Searches, int Unmatched);

/// <summary>Unmatched searches by the reason that excluded the most programs.</summary>
public sealed record ReasonRow(string Reason, int Unmatched);

/// <summary>
/// A date's entry in the list of reports, and the answer to a run. <c>provisional</c>: the stored
/// report was built before its day ended (figures so far), and is rebuilt once the day is over.
/// </summary>
public sealed record ReportRunView(DateOnly Date, string Status, bool Provisional, int Attempts, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long? DurationMs, string? Error);

public sealed record ReportRunList(IReadOnlyList<ReportRunView> Items);

using Housing.Api.Programs;

namespace Housing.Api.Reports;

/// <summary>
/// One local day's capacity report: as of the end of the day for capacity, and over the day
/// for referrals and searches. Confidential programs never have a row of their own and are in no
/// rollup: they are published only as <c>confidential</c>, one aggregate, which is suppressed (with
/// the totals, which less the program rows would give it) when it holds fewer than
/// <c>suppressBelow</c> programs. A report built before its day ended is <c>provisional</c>
/// (figures so far) and is rebuilt once the day is over. <c>watches</c> and <c>asks</c> are null
/// in a report stored before they were reported, until it is rebuilt.
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
    UnmetNeed UnmetNeed,
    WatchFigures? Watches,
    AskFigures? Asks,
    IReadOnlyList<OrganizationFreshness>? DataFreshness = null,
    IReadOnlyList<OverflowNight>? Overflow = null);

/// <summary>
/// An overflow activation in force at some time of the day: its regions' overflow inventory (HUD
/// availability 3) is in the day's capacity. Null in a report stored before it was reported.
/// </summary>
public sealed record OverflowNight(Guid ActivationId, IReadOnlyList<string> Regions, DateOnly StartsOn, DateOnly EndsOn,
    Overflow.OverflowReason Reason, DateTimeOffset? EndedAt);

/// <summary>
/// How fresh an organisation kept its counts: over its programs that are not confidential, the
/// median age of their counts at the end of the day (programs that never posted are left out,
/// and counted in <c>neverPosted</c>), and the reminders they needed that day (a count turning
/// aging at 2 hours, stale at 8). Null in a report stored before it was reported, until rebuilt.
/// </summary>
public sealed record OrganizationFreshness(Guid OrganizationId, string Name, int Programs, int NeverPosted, double? MedianDataAgeHours,
    int AgingReminders, int StaleReminders);

/// <summary>
/// Capacity, referral outcomes and asks of a program or a group, at the end of the day, in beds
/// (slots for rapid rehousing): <c>inventory</c> is funded capacity, the inventory in force that
/// day (overflow only when activated); <c>open</c> is available, what could be offered (the
/// latest post, capped at the beds in service, less holds); <c>held</c> is kept by referrals;
/// <c>offline</c> is out of service (renovation, pests, staffing, quarantine: never open, never
/// occupied; always 0 for slots); <c>occupied</c> is the rest, inventory − open − held − offline,
/// per program and household type never below 0, then summed. utilisation is the share of beds in
/// service not open: (inventory − offline − open) / (inventory − offline), null when none are in
/// service. offline and occupied are null in a report stored before they were reported. Asks are the lines
/// of asks sent that day: received, answered (yes or no), answered yes; the answer rate is
/// answered / (answered + expired): a line withdrawn (another program said yes first, or the
/// case manager cancelled) or still pending is not held against the program.
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
    double? ResponseRate,
    int AsksReceived,
    int AsksAnswered,
    int AsksAnsweredYes,
    double? AskAnswerRate,
    int? Offline = null,
    int? Occupied = null);

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
/// A group of the programs that are not confidential, by <c>dimension</c> (kind, region, coc
/// (the programs that name their Continuum of Care), household_type, organization). Confidential programs are in no group: see <see cref="ConfidentialAggregate"/>.
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
/// Watches (standing searches, one per household) opened within the day, and those that ended
/// within it by how they ended; the median minutes from opening to fulfilment of those fulfilled
/// that day. They count households, as unmet need does, and name no program: nothing to suppress.
/// </summary>
public sealed record WatchFigures(WatchCounts Counts, IReadOnlyList<WatchHouseholdRow> ByHouseholdType);

public sealed record WatchCounts(int Opened, int Fulfilled, int Expired, int Declined, int Cancelled, double? MedianMinutesToFulfil);

public sealed record WatchHouseholdRow(HouseholdType HouseholdType, WatchCounts Counts);

/// <summary>
/// Asks sent within the day: how many, the program lines they reached, how many lines were
/// answered and answered yes, the answer rate (as in <see cref="Figures"/>) and the median
/// minutes from sending to the first yes. Lines to confidential programs count here, so these
/// are withheld (<c>suppressed</c>) with the county totals; and the breakdown by household type
/// is withheld whole (<c>byHouseholdTypeSuppressed</c>) when any household type's asks reached
/// 1 to <c>suppressBelow</c> − 1 confidential programs, since a type's row less the public
/// programs' household-type rollup would be those programs' answers.
/// </summary>
public sealed record AskFigures(bool Suppressed, AskCounts? Counts, bool ByHouseholdTypeSuppressed, IReadOnlyList<AskHouseholdRow> ByHouseholdType);

public sealed record AskCounts(int Sent, int Lines, int Answered, int AnsweredYes, double? AnswerRate, double? MedianMinutesToFirstYes);

public sealed record AskHouseholdRow(HouseholdType HouseholdType, AskCounts Counts);

/// <summary>
/// A date's entry in the list of reports, and the answer to a run. <c>provisional</c>: the stored
/// report was built before its day ended (figures so far), and is rebuilt once the day is over.
/// </summary>
public sealed record ReportRunView(DateOnly Date, string Status, bool Provisional, int Attempts, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long? DurationMs, string? Error);

public sealed record ReportRunList(IReadOnlyList<ReportRunView> Items);

using System.Globalization;
using Housing.Api.Http;

namespace Housing.Api.Reports;

/// <summary>
/// The report as one long CSV table (RFC 4180, written by CsvHelper), one row per figure set:
/// <c>section</c> says what a row is (totals, program, confidential, rollup, declined_reason,
/// unmet_total, unmet_household, unmet_reason, watches, watches_household, asks, asks_household)
/// and only that section's columns are filled. The header is <see cref="Header"/>. Written for a
/// spreadsheet to read as it opens it: times as <c>yyyy-MM-dd HH:mm:ss</c> in the report's own
/// time zone (named in <c>time_zone</c>, an IANA id), which every spreadsheet parses, where an
/// offset or a <c>T</c> makes some keep it as text; shares as percentages (98.41, not 0.9841),
/// their columns named <c>_percent</c>.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv";

    public static readonly IReadOnlyList<string> Header =
    [
        "date", "time_zone", "section", "dimension", "group", "label", "program_id", "organization_id", "kind", "region", "measure",
        "programs", "inventory", "open", "held", "utilisation_percent", "stale_programs", "last_posted_local", "data_age_hours", "stale",
        "referrals_made", "accepted", "declined", "declined_by_client", "declined_by_provider", "expired", "answered",
        "median_minutes_to_answer", "response_rate_percent", "suppressed", "reason", "household_type", "adults", "children",
        "searches", "unmatched", "count", "asks_received", "asks_answered", "asks_answered_yes", "ask_answer_rate_percent",
        "watches_opened", "watches_fulfilled", "watches_expired", "watches_declined", "watches_cancelled",
        "median_minutes_to_fulfil", "asks_sent", "median_minutes_to_first_yes", "offline", "occupied",
    ];

    public static string Write(CapacityReport report)
    {
        return CsvText.Write(Header, Rows(report).Select(r => r.Fields()), escapeFormulas: true);
    }

    /// <summary>A time as a spreadsheet reads it, in the report's time zone: 2026-03-01 14:05:09.</summary>
    public static string LocalTime(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A share (0 to 1, as the report keeps it) in percent, to two decimals: 0.9841 is 98.41.</summary>
    public static string? Percent(double? share) =>
        share is { } s ? Math.Round(s * 100, 2, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) : null;

    private static IEnumerable<Row> Rows(CapacityReport report) =>
        Sections(report).Select(row =>
        {
            row.TimeZone = report.TimeZone;
            return row;
        });

    private static IEnumerable<Row> Sections(CapacityReport r)
    {
        var date = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone);
        yield return WithFigures(new Row { Date = date, Section = "totals", Dimension = "all", Group = "all", Label = "All programs", Suppressed = r.TotalsSuppressed }, r.Totals);
        foreach (var p in r.Programs)
        {
            yield return WithFigures(new Row
            {
                Date = date,
                Section = "program",
                Dimension = "program",
                Group = p.ProgramId.ToString(),
                Label = p.Name,
                ProgramId = p.ProgramId.ToString(),
                OrganizationId = p.OrganizationId.ToString(),
                Kind = HousingJson.Text(p.Kind),
                Region = p.Region,
                Measure = p.Measure,
                LastPostedLocal = p.LastPostedAt is { } posted ? LocalTime(posted, zone) : null,
                DataAgeHours = p.DataAgeHours,
                Stale = p.Stale,
                Suppressed = false,
            }, p.Figures);
        }
        var c = r.Confidential;
        yield return WithFigures(new Row { Date = date, Section = "confidential", Dimension = "confidential", Group = "confidential", Label = c.Label, Suppressed = c.Suppressed }, c.Figures)
            .WithPrograms(c.Programs);
        foreach (var g in r.Rollups)
            yield return WithFigures(new Row { Date = date, Section = "rollup", Dimension = g.Dimension, Group = g.Group, Label = g.Label, Suppressed = false }, g.Figures);

        var reasons = new[] { ("all", "all", r.Totals), ("confidential", "confidential", c.Figures) }
            .Concat(r.Programs.Select(p => ("program", p.ProgramId.ToString(), (Figures?)p.Figures)))
            .Concat(r.Rollups.Select(g => (g.Dimension, g.Group, (Figures?)g.Figures)));
        foreach (var (dimension, group, figures) in reasons)
        {
            foreach (var (reason, count) in figures?.DeclinedByReason ?? new Dictionary<string, int>())
                yield return new Row { Date = date, Section = "declined_reason", Dimension = dimension, Group = group, Reason = reason, Count = count };
        }
        var u = r.UnmetNeed;
        yield return new Row { Date = date, Section = "unmet_total", Searches = u.Searches, Unmatched = u.Unmatched };
        foreach (var h in u.ByHousehold)
        {
            yield return new Row
            {
                Date = date,
                Section = "unmet_household",
                HouseholdType = HousingJson.Text(h.HouseholdType),
                Adults = h.Adults,
                Children = h.Children,
                Searches = h.Searches,
                Unmatched = h.Unmatched,
            };
        }
        foreach (var reason in u.ByTopReason)
            yield return new Row { Date = date, Section = "unmet_reason", Reason = reason.Reason, Unmatched = reason.Unmatched };

        if (r.Watches is null || r.Asks is null) yield break; // stored before they were reported
        yield return WithWatches(new Row { Date = date, Section = "watches", HouseholdType = "all" }, r.Watches.Counts);
        foreach (var h in r.Watches.ByHouseholdType)
            yield return WithWatches(new Row { Date = date, Section = "watches_household", HouseholdType = HousingJson.Text(h.HouseholdType) }, h.Counts);
        yield return WithAsks(new Row { Date = date, Section = "asks", HouseholdType = "all", Suppressed = r.Asks.Suppressed }, r.Asks.Counts);
        if (r.Asks.ByHouseholdTypeSuppressed)
            yield return new Row { Date = date, Section = "asks_household", HouseholdType = "all", Suppressed = true };
        foreach (var h in r.Asks.ByHouseholdType)
            yield return WithAsks(new Row { Date = date, Section = "asks_household", HouseholdType = HousingJson.Text(h.HouseholdType), Suppressed = false }, h.Counts);
    }

    private static Row WithWatches(Row row, WatchCounts w)
    {
        row.WatchesOpened = w.Opened; row.WatchesFulfilled = w.Fulfilled; row.WatchesExpired = w.Expired;
        row.WatchesDeclined = w.Declined; row.WatchesCancelled = w.Cancelled; row.MedianMinutesToFulfil = w.MedianMinutesToFulfil;
        return row;
    }

    private static Row WithAsks(Row row, AskCounts? a)
    {
        if (a is null) return row;
        row.AsksSent = a.Sent; row.AsksReceived = a.Lines; row.AsksAnswered = a.Answered; row.AsksAnsweredYes = a.AnsweredYes;
        row.AskAnswerRate = a.AnswerRate; row.MedianMinutesToFirstYes = a.MedianMinutesToFirstYes;
        return row;
    }

    private static Row WithFigures(Row row, Figures? f)
    {
        if (f is null) return row;
        row.Programs = f.Programs; row.Inventory = f.Inventory; row.Open = f.Open; row.Held = f.Held; row.Utilisation = f.Utilisation;
        row.Offline = f.Offline; row.Occupied = f.Occupied;
        row.StalePrograms = f.StalePrograms; row.ReferralsMade = f.ReferralsMade; row.Accepted = f.Accepted; row.Declined = f.Declined;
        row.DeclinedByClient = f.DeclinedByClient; row.DeclinedByProvider = f.DeclinedByProvider; row.Expired = f.Expired;
        row.Answered = f.Answered; row.MedianMinutesToAnswer = f.MedianMinutesToAnswer; row.ResponseRate = f.ResponseRate;
        row.AsksReceived = f.AsksReceived; row.AsksAnswered = f.AsksAnswered; row.AsksAnsweredYes = f.AsksAnsweredYes; row.AskAnswerRate = f.AskAnswerRate;
        return row;
    }

    /// <summary>One CSV row; <see cref="Fields"/> gives its fields in <see cref="Header"/> order.</summary>
    private sealed class Row
    {
        public string Date { get; set; } = "";
        public string TimeZone { get; set; } = "";
        public string Section { get; set; } = "";
        public string? Dimension { get; set; }
        public string? Group { get; set; }
        public string? Label { get; set; }
        public string? ProgramId { get; set; }
        public string? OrganizationId { get; set; }
        public string? Kind { get; set; }
        public string? Region { get; set; }
        public string? Measure { get; set; }
        public int? Programs { get; set; }
        public int? Inventory { get; set; }
        public int? Open { get; set; }
        public int? Held { get; set; }
        public double? Utilisation { get; set; }
        public int? StalePrograms { get; set; }
        public string? LastPostedLocal { get; set; }
        public double? DataAgeHours { get; set; }
        public bool? Stale { get; set; }
        public int? ReferralsMade { get; set; }
        public int? Accepted { get; set; }
        public int? Declined { get; set; }
        public int? DeclinedByClient { get; set; }
        public int? DeclinedByProvider { get; set; }
        public int? Expired { get; set; }
        public int? Answered { get; set; }
        public double? MedianMinutesToAnswer { get; set; }
        public double? ResponseRate { get; set; }
        public bool? Suppressed { get; set; }
        public string? Reason { get; set; }
        public string? HouseholdType { get; set; }
        public int? Adults { get; set; }
        public int? Children { get; set; }
        public int? Searches { get; set; }
        public int? Unmatched { get; set; }
        public int? Count { get; set; }
        public int? AsksReceived { get; set; }
        public int? AsksAnswered { get; set; }
        public int? AsksAnsweredYes { get; set; }
        public double? AskAnswerRate { get; set; }
        public int? WatchesOpened { get; set; }
        public int? WatchesFulfilled { get; set; }
        public int? WatchesExpired { get; set; }
        public int? WatchesDeclined { get; set; }
        public int? WatchesCancelled { get; set; }
        public double? MedianMinutesToFulfil { get; set; }
        public int? AsksSent { get; set; }
        public double? MedianMinutesToFirstYes { get; set; }
        public int? Offline { get; set; }
        public int? Occupied { get; set; }

        /// <summary>A suppressed aggregate still says how many programs it holds.</summary>
        public Row WithPrograms(int programs)
        {
            Programs = programs;
            return this;
        }

        public string?[] Fields() =>
        [
            Date,
            TimeZone,
            Section,
            Dimension,
            Group,
            Label,
            ProgramId,
            OrganizationId,
            Kind,
            Region,
            Measure,
            Programs?.ToString(CultureInfo.InvariantCulture),
            Inventory?.ToString(CultureInfo.InvariantCulture),
            Open?.ToString(CultureInfo.InvariantCulture),
            Held?.ToString(CultureInfo.InvariantCulture),
            Percent(Utilisation),
            StalePrograms?.ToString(CultureInfo.InvariantCulture),
            LastPostedLocal,
            DataAgeHours?.ToString(CultureInfo.InvariantCulture),
            Stale is { } staleV ? (staleV ? "true" : "false") : null,
            ReferralsMade?.ToString(CultureInfo.InvariantCulture),
            Accepted?.ToString(CultureInfo.InvariantCulture),
            Declined?.ToString(CultureInfo.InvariantCulture),
            DeclinedByClient?.ToString(CultureInfo.InvariantCulture),
            DeclinedByProvider?.ToString(CultureInfo.InvariantCulture),
            Expired?.ToString(CultureInfo.InvariantCulture),
            Answered?.ToString(CultureInfo.InvariantCulture),
            MedianMinutesToAnswer?.ToString(CultureInfo.InvariantCulture),
            Percent(ResponseRate),
            Suppressed is { } suppressedV ? (suppressedV ? "true" : "false") : null,
            Reason,
            HouseholdType,
            Adults?.ToString(CultureInfo.InvariantCulture),
            Children?.ToString(CultureInfo.InvariantCulture),
            Searches?.ToString(CultureInfo.InvariantCulture),
            Unmatched?.ToString(CultureInfo.InvariantCulture),
            Count?.ToString(CultureInfo.InvariantCulture),
            AsksReceived?.ToString(CultureInfo.InvariantCulture),
            AsksAnswered?.ToString(CultureInfo.InvariantCulture),
            AsksAnsweredYes?.ToString(CultureInfo.InvariantCulture),
            Percent(AskAnswerRate),
            WatchesOpened?.ToString(CultureInfo.InvariantCulture),
            WatchesFulfilled?.ToString(CultureInfo.InvariantCulture),
            WatchesExpired?.ToString(CultureInfo.InvariantCulture),
            WatchesDeclined?.ToString(CultureInfo.InvariantCulture),
            WatchesCancelled?.ToString(CultureInfo.InvariantCulture),
            MedianMinutesToFulfil?.ToString(CultureInfo.InvariantCulture),
            AsksSent?.ToString(CultureInfo.InvariantCulture),
            MedianMinutesToFirstYes?.ToString(CultureInfo.InvariantCulture),
            Offline?.ToString(CultureInfo.InvariantCulture),
            Occupied?.ToString(CultureInfo.InvariantCulture),
        ];
    }
}

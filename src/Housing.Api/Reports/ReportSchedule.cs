using System.Globalization;

namespace Housing.Api.Reports;

/// <summary>Which local dates are due, and each date's window in UTC. Pure.</summary>
public static class ReportSchedule
{
    /// <summary>
    /// A date as ISO 8601 <c>yyyy-MM-dd</c>, whatever the culture, for logs, messages, names and
    /// paths. A <see cref="DateOnly"/> handed to a logger as is prints as <c>11/24/2026</c> (the
    /// invariant culture's short date), and an interpolated one follows the current culture.
    /// </summary>
    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The latest date whose report is due: a day's report is due at <paramref name="runAt"/>
    /// local time on the next day (on a spring-forward night, at the first local time past it).
    /// </summary>
    public static DateOnly LatestDue(DateTimeOffset now, TimeZoneInfo zone, TimeOnly runAt)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        return TimeOnly.FromDateTime(local.DateTime) >= runAt ? today.AddDays(-1) : today.AddDays(-2);
    }

    /// <summary>
    /// Dates to build now, oldest first: every date from the first one this database ever
    /// reported on (or, for a new database, just the latest due) to the latest due that is not
    /// done, so days missed while the service was down are caught up and a failed date is
    /// tried again; at most <paramref name="maxCatchUpDays"/> back.
    /// </summary>
    public static IReadOnlyList<DateOnly> Due(DateTimeOffset now, TimeZoneInfo zone, TimeOnly runAt,
        DateOnly? earliestKnown, IReadOnlySet<DateOnly> done, int maxCatchUpDays)
    {
        var latest = LatestDue(now, zone, runAt);
        var from = earliestKnown is { } e && e < latest ? e : latest;
        var floor = latest.AddDays(1 - maxCatchUpDays);
        if (from < floor) from = floor;
        var due = new List<DateOnly>();
        for (var d = from; d <= latest; d = d.AddDays(1))
        {
            if (!done.Contains(d)) due.Add(d);
        }
        return due;
    }

    /// <summary>The next instant the local clock reaches <paramref name="runAt"/> after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRunAt(DateTimeOffset now, TimeZoneInfo zone, TimeOnly runAt)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= runAt) day = day.AddDays(1);
        var at = day.ToDateTime(runAt, DateTimeKind.Unspecified);
        // On a spring-forward night the run time may not exist: the next local time that does.
        while (zone.IsInvalidTime(at)) at = at.AddMinutes(30);
        var offset = zone.IsAmbiguousTime(at) ? zone.GetAmbiguousTimeOffsets(at).Max() : zone.GetUtcOffset(at);
        return new DateTimeOffset(at, offset).ToUniversalTime();
    }

    /// <summary>The local day [start, end) in UTC; 23 or 25 hours long on the nights clocks change.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Window(DateOnly date, TimeZoneInfo zone) =>
        (LocalMidnight(date, zone), LocalMidnight(date.AddDays(1), zone));

    private static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Where clocks jump at midnight, the day starts at the first local time that exists.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}

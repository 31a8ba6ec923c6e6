using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// When a program admits new arrivals, compiled once per index rather than once per search:
/// the open intervals of its week in its own time zone, in minutes from Monday 00:00, sorted
/// and merged. Built from its intake hours; a program without intake hours but with a curfew
/// admits at any hour except from its curfew until <see cref="MorningMinutes"/> (06:00) the
/// next morning; one with neither has no schedule (it admits at any hour, as before intake hours
/// existed). When intake hours are given they alone decide: a curfew then keeps residents in,
/// and says nothing about when a new arrival is let in (many shelters have a 24-hour intake
/// line and a curfew).
/// </summary>
public sealed class IntakeSchedule
{
    public const int Day = 24 * 60;
    public const int Week = 7 * Day;
    /// <summary>Where a curfew's closing ends when the program gives no intake hours.</summary>
    public const int MorningMinutes = 6 * 60;

    private readonly int[] _starts;
    private readonly int[] _ends;

    private IntakeSchedule(TimeZoneInfo zone, List<(int Start, int End)> open)
    {
        Zone = zone;
        _starts = [.. open.Select(o => o.Start)];
        _ends = [.. open.Select(o => o.End)];
        Key = zone.Id + "|" + string.Join(",", open.Select(o => $"{o.Start}-{o.End}"));
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The zone and the intervals: two programs with the same key share one schedule in an index.</summary>
    public string Key { get; }

    /// <summary>The program's schedule, or null when it admits at any hour.</summary>
    public static IntakeSchedule? For(ProgramDefinition d, TimeZoneInfo defaultZone)
    {
        var zone = IntakeHoursRules.Zone(d.TimeZone) ?? defaultZone;
        if (d.IntakeHours is { Count: > 0 } windows) return new IntakeSchedule(zone, Merge(Open(windows)));
        if (d.Eligibility.Curfew is { } curfew)
        {
            var closes = IntakeHoursRules.Minutes(curfew);
            if (closes == MorningMinutes) return null;
            var closedFor = (MorningMinutes - closes + Day) % Day;
            // Open from each morning until that day's curfew: the complement of the nights.
            var open = new List<(int, int)>();
            for (var d0 = 0; d0 < 7; d0++) Add(open, d0 * Day + closes + closedFor, Day - closedFor);
            return new IntakeSchedule(zone, Merge(open));
        }
        return null;
    }

    private static List<(int, int)> Open(IReadOnlyList<IntakeWindow> windows)
    {
        var open = new List<(int, int)>();
        foreach (var w in windows)
        {
            var (opens, closes) = (IntakeHoursRules.Minutes(w.Opens!), IntakeHoursRules.Minutes(w.Closes!));
            var length = closes > opens ? closes - opens : closes - opens + Day;
            foreach (var day in w.Days ?? []) Add(open, (int)day * Day + opens, length);
        }
        return open;
    }

    /// <summary>An interval from <paramref name="start"/> (taken round the week) lasting <paramref name="length"/> minutes, split at the week's end.</summary>
    private static void Add(List<(int, int)> open, int start, int length)
    {
        start %= Week;
        var end = start + length;
        if (end <= Week) open.Add((start, end));
        else
        {
            open.Add((start, Week));
            open.Add((0, end - Week));
        }
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> open)
    {
        open.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var (start, end) in open)
        {
            if (merged.Count > 0 && start <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            else merged.Add((start, end));
        }
        return merged;
    }

    /// <summary>Minutes from Monday 00:00 of an instant in a zone's local time.</summary>
    public static int MinuteOfWeek(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var day = ((int)local.DayOfWeek + 6) % 7;
        return day * Day + local.Hour * 60 + local.Minute;
    }

    /// <summary>Whether intake is open at a minute of the week, and either when it closes or when it opens next.</summary>
    public IntakeMoment At(int minute)
    {
        for (var i = 0; i < _starts.Length; i++)
        {
            if (minute < _starts[i]) return IntakeMoment.ClosedUntil(_starts[i] % Day);
            if (minute >= _ends[i]) continue;
            var closes = ClosingAfter(i);
            return closes == int.MaxValue ? IntakeMoment.Always : IntakeMoment.OpenUntil(closes - minute, closes % Day);
        }
        // After the week's last opening: it opens next at the first one, next week.
        return IntakeMoment.ClosedUntil(_starts[0] % Day);
    }

    /// <summary>Where the interval at <paramref name="i"/> ends, carried into next week when it runs on into the week's first; <see cref="int.MaxValue"/> when open all week.</summary>
    private int ClosingAfter(int i)
    {
        if (_ends[i] != Week || _starts[0] != 0) return _ends[i];
        if (i == 0) return int.MaxValue;
        return Week + _ends[0];
    }
}

/// <summary>
/// A schedule at one instant: open, with the minutes until it closes and the local time it
/// closes (<see cref="int.MaxValue"/>: open all week); or closed, with the local time it opens next.
/// </summary>
public readonly record struct IntakeMoment(bool Open, int MinutesToClose, int LocalTime)
{
    public static readonly IntakeMoment Always = new(true, int.MaxValue, 0);

    public static IntakeMoment OpenUntil(int minutes, int closesAt) => new(true, minutes, closesAt);

    public static IntakeMoment ClosedUntil(int opensAt) => new(false, 0, opensAt);
}

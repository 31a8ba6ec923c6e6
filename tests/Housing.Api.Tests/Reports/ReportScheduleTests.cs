using Housing.Api.Reports;

namespace Housing.Api.Tests.Reports;

public sealed class ReportScheduleTests
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly TimeOnly TwoAm = new(2, 0);

    [Test]
    public void ADaysReportIsDueAtTwoInTheMorningLocalTheNextDay()
    {
        // 01:59 and 02:00 PST on 3 March are 09:59 and 10:00 UTC.
        Assert.That(ReportSchedule.LatestDue(new DateTimeOffset(2026, 3, 3, 9, 59, 0, TimeSpan.Zero), LosAngeles, TwoAm), Is.EqualTo(new DateOnly(2026, 3, 1)));
        Assert.That(ReportSchedule.LatestDue(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), LosAngeles, TwoAm), Is.EqualTo(new DateOnly(2026, 3, 2)));
    }

    [Test]
    public void TheSchedulerSleepsUntilTheNextTwoInTheMorningLocal()
    {
        Assert.That(ReportSchedule.NextRunAt(new DateTimeOffset(2026, 3, 2, 21, 30, 0, TimeSpan.Zero), LosAngeles, TwoAm),
            Is.EqualTo(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero)));
        // 8 March 2026: clocks jump from 02:00 to 03:00 PDT (10:00 UTC).
        Assert.That(ReportSchedule.NextRunAt(new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.Zero), LosAngeles, TwoAm),
            Is.EqualTo(new DateTimeOffset(2026, 3, 8, 10, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void DaysMissedSinceTheFirstReportAreCaughtUpButNotDoneOnes()
    {
        var now = new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero); // 04:00 local on the 6th: the 5th is due
        var done = new HashSet<DateOnly> { new(2026, 3, 1), new(2026, 3, 3) };
        var due = ReportSchedule.Due(now, LosAngeles, TwoAm, new DateOnly(2026, 3, 1), done, 31);
        Assert.That(due, Is.EqualTo(new[] { new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 5) }));
    }

    [Test]
    public void ANewDatabaseStartsWithTheLatestDueDayAndCatchUpIsBounded()
    {
        var now = new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero);
        Assert.That(ReportSchedule.Due(now, LosAngeles, TwoAm, null, new HashSet<DateOnly>(), 31), Is.EqualTo(new[] { new DateOnly(2026, 3, 5) }));
        Assert.That(ReportSchedule.Due(now, LosAngeles, TwoAm, new DateOnly(2025, 1, 1), new HashSet<DateOnly>(), 3),
            Is.EqualTo(new[] { new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 5) }));
    }

    [Test]
    public void TheWindowIsTheLocalDayInUtcAndFollowsDaylightSaving()
    {
        var (start, end) = ReportSchedule.Window(new DateOnly(2026, 3, 2), LosAngeles);
        Assert.That((start, end), Is.EqualTo((new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero))));
        var (springStart, springEnd) = ReportSchedule.Window(new DateOnly(2026, 3, 8), LosAngeles);
        Assert.That(springEnd - springStart, Is.EqualTo(TimeSpan.FromHours(23)));
        var (fallStart, fallEnd) = ReportSchedule.Window(new DateOnly(2026, 11, 1), LosAngeles);
        Assert.That(fallEnd - fallStart, Is.EqualTo(TimeSpan.FromHours(25)));
    }
}

using Housing.Api.Catalog;
using Housing.Api.Matching;
using Housing.Api.Programs;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// Intake schedules at their edges: the week's end, 24 hours, a change of clocks, and the scan's
/// look-up path (more schedules closed than it compares one by one), which random catalogs may
/// reach only now and then.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class IntakeScheduleTests
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    private static ProgramDefinition Program(string? timeZone, params IntakeWindow[] windows) =>
        ProgramAt(34.05, -118.25).Program.Definition with { TimeZone = timeZone, IntakeHours = windows };

    private static IntakeMoment At(ProgramDefinition d, DateTimeOffset at)
    {
        var schedule = IntakeSchedule.For(d, LosAngeles)!;
        return schedule.At(IntakeSchedule.MinuteOfWeek(at, schedule.Zone));
    }

    [Test]
    public void ASundayNightWindowRunsIntoMondayAcrossTheWeeksEnd()
    {
        var d = Program("America/Los_Angeles", new IntakeWindow([Weekday.Sun], "22:00", "02:00"));
        Assert.That(At(d, DateTimeOffset.Parse("2026-03-02T01:00:00-08:00")), Is.EqualTo(new IntakeMoment(true, 60, 120)), "Monday 01:00: an hour left");
        Assert.That(At(d, DateTimeOffset.Parse("2026-03-01T23:30:00-08:00")), Is.EqualTo(new IntakeMoment(true, 150, 120)), "Sunday 23:30: closes at 02:00 next week");
        Assert.That(At(d, DateTimeOffset.Parse("2026-03-02T02:00:00-08:00")), Is.EqualTo(IntakeMoment.ClosedUntil(22 * 60)));
    }

    [Test]
    public void TwentyFourHoursEveryDayNeverCloses()
    {
        Weekday[] everyDay = [.. Enum.GetValues<Weekday>()];
        var d = Program(null, new IntakeWindow(everyDay, "07:00", "07:00"));
        Assert.That(At(d, DateTimeOffset.Parse("2026-03-08T06:59:00-08:00")), Is.EqualTo(IntakeMoment.Always));
        // A window on Monday only, 24 hours from 07:00, and one from Tuesday 07:00: open until Wednesday 07:00.
        var twoDays = Program(null, new IntakeWindow([Weekday.Mon], "07:00", "07:00"), new IntakeWindow([Weekday.Tue], "07:00", "07:00"));
        Assert.That(At(twoDays, DateTimeOffset.Parse("2026-03-02T08:00:00-08:00")), Is.EqualTo(new IntakeMoment(true, 47 * 60, 7 * 60)));
    }

    [Test]
    public void OnTheNightClocksGoForwardTheLocalTimeDecides()
    {
        // New York, Sunday 8 March 2026: 02:00 EST becomes 03:00 EDT. 07:30 UTC is 03:30 local.
        var d = Program("America/New_York", new IntakeWindow([Weekday.Sun], "03:00", "04:00"));
        Assert.That(At(d, DateTimeOffset.Parse("2026-03-08T07:30:00Z")), Is.EqualTo(new IntakeMoment(true, 30, 4 * 60)));
        Assert.That(At(d, DateTimeOffset.Parse("2026-03-08T06:59:00Z")), Is.EqualTo(IntakeMoment.ClosedUntil(3 * 60)), "01:59 EST, a minute before the clocks change");
    }

    [Test]
    public void TheScanLooksEachProgramUpWhenManySchedulesAreClosedAndAgreesWithTheCheck()
    {
        // Forty programs, each open for one hour of Monday at a different time: at Monday 12:10 in
        // Los Angeles one is open and far more than HardRules.IntakeCompares schedules are closed.
        var entries = Enumerable.Range(0, 40).Select(i =>
        {
            var e = ProgramAt(34.05, -118.25);
            var id = new Guid($"00000001-0000-7000-8000-{i:x12}");
            var opens = IntakeHoursRules.Clock(i * 30);
            var closes = IntakeHoursRules.Clock(i * 30 + 60);
            var program = e.Program with { Id = id, Definition = e.Program.Definition with { IntakeHours = [new IntakeWindow([Weekday.Mon], opens, closes)] } };
            return new CatalogEntry(program, e.Latest! with { ProgramId = id });
        }).ToList();
        var index = MatchIndex.Build(entries, Today);
        var query = new MatchQuery(new Household([new HouseholdMember(MemberRole.Adult, 30, [Gender.Woman])]), new Wants(), new Safety())
        {
            ArriveAt = DateTimeOffset.Parse("2026-03-02T12:10:00-08:00"),
        };
        var q = CompiledQuery.Compile(query, index.Interning, index.Day);
        Assert.That(q.ClosedIntakes, Has.Length.GreaterThan(HardRules.IntakeCompares));

        var scanned = new int[ExclusionReasons.Count];
        var passing = new List<int>();
        RuleScan.Run(index.Columns, q, scanned, passing);
        Span<ExclusionReason> first = stackalloc ExclusionReason[1];
        var passed = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (MatchRules.Check(in index.Facts[i], q, first) == 0) passed.Add(i);
        }
        // 11:30 to 12:30 and 12:00 to 13:00 are open at 12:10.
        Assert.That(passing, Is.EqualTo(passed).And.EqualTo(new[] { 23, 24 }));
        Assert.That(scanned[(int)ExclusionReason.IntakeClosed], Is.EqualTo(38));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// Intake hours (issue 20, item 6): a program says when it admits new arrivals, in its own time
/// zone; a search says when the household arrives (default: now) and is offered only programs
/// open then, with "call first" when intake closes soon after. The fake clock starts on Monday
/// 2 March 2026 at 21:30 UTC: 13:30 in Los Angeles, 16:30 in New York.
/// </summary>
public sealed class IntakeHoursTests(DatabaseEngine engine) : HousingTest(engine)
{
    private static JsonArray Days(params string[] days) => Array(days);

    private static JsonObject Window(JsonArray days, string opens, string closes) =>
        new() { ["days"] = days, ["opens"] = opens, ["closes"] = closes };

    private static readonly string[] EveryDay = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private static JsonObject Search(string? arriveAt) =>
        MatchKit.Search(Household(Adult(30, "woman"))).With("arriveAt", arriveAt);

    /// <summary>A shelter whose programs have beds open; each program named, with its hours, zone and curfew.</summary>
    private async Task<(HttpClient CaseManager, Func<string, string?, JsonArray?, string?, Task<Guid>> Program)> ShelterAsync()
    {
        var caseManager = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency"));
        var shelter = await App.NewShelterAsync();
        async Task<Guid> Program(string name, string? timeZone, JsonArray? hours, string? curfew)
        {
            var body = Bodies.Emergency(shelter.OrganizationId, name);
            body["eligibility"]!["curfew"] = curfew;
            if (timeZone is not null) body["timeZone"] = timeZone;
            body["intakeHours"] = hours;
            var id = await shelter.Client.CreateProgramIdAsync(body);
            await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 0))).ExpectAsync(HttpStatusCode.OK);
            return id;
        }
        return (caseManager, Program);
    }

    [Test]
    public async Task OneArrivalIsOpenInLosAngelesAndClosedInNewYork()
    {
        var (caseManager, program) = await ShelterAsync();
        var daytime = new JsonArray(Window(Days(EveryDay), "08:00", "21:00"));
        var losAngeles = await program("Los Angeles intake", "America/Los_Angeles", daytime, null);
        var newYork = await program("New York intake", "America/New_York", daytime.DeepClone().AsArray(), null);
        var anyHour = await program("Any hour", null, null, null);

        // 18:30 in Los Angeles is 21:30 in New York, where intake closed at 21:00.
        var evening = await caseManager.MatchAsync(Search("2026-03-03T02:30:00Z"), explain: true);
        Assert.That(evening.Matches().Select(m => m.ProgramId()), Is.EquivalentTo(new[] { losAngeles, anyHour }));
        Assert.That(evening.ExclusionCodes(newYork), Is.EqualTo(new[] { "intake_closed" }));
        var sentence = evening["excludedPrograms"]!.AsArray().Single(p => (string?)p!["programId"] == newYork.ToString())!["reasons"]![0]!["sentence"];
        Assert.That((string?)sentence, Is.EqualTo("Intake is closed when the household arrives (it opens at 08:00)."));
        Assert.That(evening.ExcludedBy("intake_closed"), Is.EqualTo(1));
        evening.AssertCountsAddUp();

        // The same instant given with Los Angeles' own offset is the same arrival.
        var same = await caseManager.MatchAsync(Search("2026-03-02T18:30:00-08:00"));
        Assert.That(same.Matches().Select(m => m.ProgramId()), Is.EquivalentTo(new[] { losAngeles, anyHour }));

        // 20:15 in Los Angeles: open, but closing within the hour (Matching:CallFirstMinutes).
        var late = await caseManager.MatchAsync(Search("2026-03-03T04:15:00Z"));
        var warnings = late.MatchFor(losAngeles)!["warnings"]!.AsArray();
        Assert.That(warnings.Select(w => (string?)w!["code"]), Is.EqualTo(new[] { "call_first" }));
        Assert.That((string?)warnings[0]!["message"], Is.EqualTo("Call first: intake closes at 21:00."));
        Assert.That(late.MatchFor(anyHour)!["warnings"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task AWindowAcrossMidnightAdmitsTheNextMorningAndACurfewClosesUntilSix()
    {
        var (caseManager, program) = await ShelterAsync();
        var weekendNights = await program("Weekend nights", "America/Los_Angeles", new JsonArray(Window(Days("fri", "sat"), "20:00", "02:00")), "23:00");
        var curfew = await program("Curfew at 22:00", "America/Los_Angeles", null, "22:00");

        async Task<IEnumerable<Guid>> Open(string arriveAt) => (await caseManager.MatchAsync(Search(arriveAt))).Matches().Select(m => m.ProgramId());

        // Saturday 01:00 in Los Angeles: inside Friday's window, which runs past midnight; after the curfew.
        Assert.That(await Open("2026-03-07T01:00:00-08:00"), Is.EqualTo(new[] { weekendNights }));
        // Saturday 02:00: Friday's window has closed, Saturday's opens at 20:00.
        Assert.That(await Open("2026-03-07T02:00:00-08:00"), Is.Empty);
        // Sunday 01:30 comes from Saturday's window; Monday 01:30 would come from Sunday's, which there is none of.
        Assert.That(await Open("2026-03-08T01:30:00-08:00"), Is.EqualTo(new[] { weekendNights }));
        Assert.That(await Open("2026-03-03T01:30:00-08:00"), Is.Empty);
        // Intake hours decide when given; a curfew alone closes from curfew until 06:00.
        Assert.That(await Open("2026-03-06T21:59:00-08:00"), Is.EquivalentTo(new[] { weekendNights, curfew }));
        Assert.That(await Open("2026-03-04T05:59:00-08:00"), Is.Empty);
        Assert.That(await Open("2026-03-04T06:00:00-08:00"), Is.EqualTo(new[] { curfew }));

        var outcome = await caseManager.MatchAsync(Search("2026-03-04T23:00:00-08:00"), explain: true);
        var sentence = outcome["excludedPrograms"]!.AsArray().Single(p => (string?)p!["programId"] == curfew.ToString())!["reasons"]![0]!["sentence"];
        Assert.That((string?)sentence, Is.EqualTo("Intake is closed when the household arrives (it opens at 06:00)."));
    }

    [Test]
    public async Task ASearchWithoutAnArrivalIsForNowAndProgramsKeepTheirHours()
    {
        var (caseManager, program) = await ShelterAsync();
        // Now is Monday 13:30 in Los Angeles.
        var closingSoon = await program("Closes at 14:00", null, new JsonArray(Window(Days("mon"), "06:00", "14:00")), null);
        var later = await program("Opens at 15:00", null, new JsonArray(Window(Days("mon"), "15:00", "17:00")), null);
        var open = await caseManager.MatchAsync(Search(null), explain: true);
        Assert.That(open.Matches().Select(m => m.ProgramId()), Is.EqualTo(new[] { closingSoon }));
        Assert.That((string?)open.MatchFor(closingSoon)!["warnings"]![0]!["message"], Is.EqualTo("Call first: intake closes at 14:00."));
        Assert.That(open.ExclusionCodes(later), Is.EqualTo(new[] { "intake_closed" }));

        App.Clock.Advance(TimeSpan.FromHours(2));
        var afterwards = await caseManager.MatchAsync(Search(null));
        Assert.That(afterwards.Matches().Select(m => m.ProgramId()), Is.EqualTo(new[] { later }));

        var shown = await caseManager.GetJsonAsync($"/v1/programs/{later}");
        Assert.That((string?)shown["intakeHours"]![0]!["opens"], Is.EqualTo("15:00"));
        Assert.That(shown["intakeHours"]![0]!["days"]!.AsArray().Select(d => (string?)d), Is.EqualTo(new[] { "mon" }));
        Assert.That(shown["timeZone"], Is.Null, "none given: the service's own");
    }

    [Test]
    public async Task BadHoursZonesAndArrivalsAreRefusedByName()
    {
        var (caseManager, _) = await ShelterAsync();
        var shelter = await App.NewShelterAsync();
        async Task Refused(Action<JsonObject> change, string field)
        {
            var body = Bodies.Emergency(shelter.OrganizationId);
            change(body);
            await (await shelter.Client.PostJsonAsync("/v1/programs", body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        }
        await Refused(b => b["timeZone"] = "Mars/Olympus_Mons", "timeZone");
        await Refused(b => b["timeZone"] = "Pacific Standard Time", "timeZone");
        await Refused(b => b["intakeHours"] = new JsonArray(Window(Days("mon"), "25:00", "08:00")), "intakeHours[0].opens");
        await Refused(b => b["intakeHours"] = new JsonArray(Window(Days(), "08:00", "21:00")), "intakeHours[0].days");
        await Refused(b => b["intakeHours"] = new JsonArray(new JsonObject { ["days"] = Days("mon"), ["opens"] = "08:00" }), "intakeHours[0].closes");
        await Refused(b => b["intakeHours"] = new JsonArray(Window(Days("monday"), "08:00", "21:00")), "intakeHours[0].days[0]");

        await (await caseManager.PostJsonAsync("/v1/matches", Search("2026-03-02T20:00:00Z"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "arriveAt");
        await (await caseManager.PostJsonAsync("/v1/matches", Search("2026-03-10T21:30:00Z"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "arriveAt");
        await (await caseManager.PostJsonAsync("/v1/matches", Search("tonight"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "arriveAt");
    }
}

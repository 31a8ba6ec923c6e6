using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Matching;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Reports;

/// <summary>
/// Every figure of one small day, computed by hand. Four programs: Harbor House (emergency,
/// spa-4: 20 adult and 12 family beds, posts 5 and 6 open), Bridge Home (transitional, spa-6: 30
/// family beds, posts 10), Keys Forward (rapid rehousing, spa-2: 25 slots, never posts) and the
/// confidential Safe Haven (emergency, spa-4). Three referrals to Harbor House: accepted after 30
/// minutes, declined by the client after 10, and one left to expire. One search that found nothing.
/// </summary>
public sealed class ReportFiguresTests(DatabaseEngine engine) : ReportTest(engine)
{
    private Guid _harbor, _bridge, _keys, _haven;

    private async Task SeedDayAsync()
    {
        var agency = await NewAgencyAsync();
        var harbor = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6, name: "Harbor House Emergency Shelter");
        _harbor = harbor.Id;
        var bridge = await App.NewShelterAsync("Bridge Home Inc");
        _bridge = await bridge.Client.CreateProgramIdAsync(Bodies.Transitional(bridge.OrganizationId));
        await (await bridge.Client.PostAvailabilityAsync(_bridge, Bodies.Availability(Bodies.OpenBeds(Families, 10)))).ExpectAsync(HttpStatusCode.OK);
        var keys = await App.NewShelterAsync("Keys Forward Inc");
        _keys = await keys.Client.CreateProgramIdAsync(Bodies.RapidRehousing(keys.OrganizationId));
        var coastal = await App.NewShelterAsync("Coastal Survivors Network");
        _haven = (await NewProgramAsync(shelter: coastal, name: "Safe Haven", body: org => Bodies.ConfidentialEmergency(org, "Safe Haven"))).Id;

        var accepted = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "CM-R1", _harbor))).Id();
        App.Clock.Advance(TimeSpan.FromMinutes(30));
        await ActOkAsync(harbor.Client, accepted, "accept");
        var declined = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "CM-R2", _harbor))).Id();
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await ActOkAsync(harbor.Client, declined, "decline", Decline("client", "client_chose_other_option"));
        var expired = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "CM-R3", _harbor))).Id();
        App.Clock.Advance(TimeSpan.FromMinutes(100));
        await SweepAsync(); // the background sweeper may have been first
        Assert.That(Status(await GetReferralAsync(agency.CaseManager, expired)), Is.EqualTo("expired"));

        var search = new JsonObject { ["household"] = Household(Man(50)) };
        await (await agency.CaseManager.PostJsonAsync("/v1/matches", search)).ExpectAsync(HttpStatusCode.OK);
        await App.Services.GetRequiredService<SearchLog>().FlushAsync(CancellationToken.None);
        AdvanceTo(DayDue.AddMinutes(5));
        await RunReportAsync(Admin, Day);
    }

    [Test]
    public async Task EveryFigureMatchesTheHandComputedDay()
    {
        await SeedDayAsync();
        var report = await Admin.GetJsonAsync($"/v1/reports/capacity/{Day}");

        Assert.That((string?)report["windowStart"], Does.StartWith("2026-03-02T08:00:00"));
        Assert.That((bool?)report["provisional"], Is.False);
        var programs = report["programs"]!.AsArray().ToDictionary(p => p!.Id("programId"), p => p!);
        Assert.That(programs.Keys, Is.EquivalentTo(new[] { _harbor, _bridge, _keys }));

        var harbor = programs[_harbor];
        Assert.That((double?)harbor["dataAgeHours"], Is.EqualTo(10.5));
        Assert.That((bool?)harbor["stale"], Is.False);
        var f = harbor["figures"]!;
        Assert.That(Ints(f, "inventory", "open", "held", "referralsMade", "accepted", "declined", "declinedByClient", "declinedByProvider", "expired", "answered"),
            Is.EqualTo(new[] { 32, 10, 1, 3, 1, 1, 1, 0, 1, 2 }));
        Assert.That((double?)f["utilisation"], Is.EqualTo(0.6875));
        Assert.That((double?)f["medianMinutesToAnswer"], Is.EqualTo(20));
        Assert.That((double?)f["responseRate"], Is.EqualTo(0.6667));
        Assert.That(f["declinedByReason"]!.ToJsonString(), Is.EqualTo("""{"client_chose_other_option":1}"""));

        var bridge = programs[_bridge]["figures"]!;
        Assert.That(Ints(bridge, "inventory", "open", "held", "referralsMade"), Is.EqualTo(new[] { 30, 10, 0, 0 }));
        Assert.That((double?)bridge["utilisation"], Is.EqualTo(0.6667));
        Assert.That(bridge["responseRate"], Is.Null);

        var keys = programs[_keys];
        Assert.That((bool?)keys["stale"], Is.True, "never posted");
        Assert.That(keys["dataAgeHours"], Is.Null);
        Assert.That((string?)keys["measure"], Is.EqualTo("slots"));
        Assert.That(Ints(keys["figures"]!, "inventory", "open", "stalePrograms"), Is.EqualTo(new[] { 25, 0, 1 }));

        var rollups = report["rollups"]!.AsArray().ToDictionary(r => $"{r!["dimension"]}:{r["group"]}", r => r!);
        Assert.That(Ints(rollups["kind:transitional"]["figures"]!, "programs", "inventory", "open"), Is.EqualTo(new[] { 1, 30, 10 }));
        Assert.That(Ints(rollups["region:spa-2"]["figures"]!, "programs", "inventory", "stalePrograms"), Is.EqualTo(new[] { 1, 25, 1 }));

        var unmet = report["unmetNeed"]!;
        Assert.That(Ints(unmet, "searches", "unmatched"), Is.EqualTo(new[] { 1, 1 }));
        Assert.That(unmet["byHousehold"]!.ToJsonString(), Is.EqualTo("""[{"householdType":"adults_only","adults":1,"children":0,"searches":1,"unmatched":1}]"""));
        Assert.That(unmet["byTopReason"]!.AsArray().Sum(r => (int)r!["unmatched"]!), Is.EqualTo(1));
    }

    [Test]
    public async Task ALoneConfidentialProgramIsSuppressedWithTheTotalsAndAppearsNowhere()
    {
        await SeedDayAsync();
        var report = await Admin.GetJsonAsync($"/v1/reports/capacity/{Day}");
        var confidential = report["confidential"]!;
        Assert.That((bool?)confidential["suppressed"], Is.True);
        Assert.That((int?)confidential["programs"], Is.EqualTo(1));
        Assert.That(confidential["figures"], Is.Null);
        Assert.That((bool?)report["totalsSuppressed"], Is.True);
        Assert.That(report["totals"], Is.Null);
        // Its kind, region and household types are published, from the public programs alone.
        var rollups = report["rollups"]!.AsArray().ToDictionary(r => $"{r!["dimension"]}:{r["group"]}", r => r!);
        Assert.That(Ints(rollups["kind:emergency"]["figures"]!, "programs", "inventory"), Is.EqualTo(new[] { 1, 32 }));
        Assert.That(Ints(rollups["region:spa-4"]["figures"]!, "programs", "inventory"), Is.EqualTo(new[] { 1, 32 }));
        Assert.That(rollups.Keys, Has.None.Contains(_haven.ToString()));

        var csv = await (await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/csv")).Content.ReadAsStringAsync();
        var html = await (await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/html")).Content.ReadAsStringAsync();
        var inventory = await (await Admin.GetAsync($"/v1/reports/capacity/{Day}/hmis/Inventory.csv")).Content.ReadAsStringAsync();
        var hsds = await (await Admin.GetAsync($"/v1/reports/capacity/{Day}/hsds/service_capacity")).Content.ReadAsStringAsync();
        Assert.That(csv, Does.Contain(",confidential,confidential,confidential,Confidential programs (1),,,,,,1,"));
        Assert.That(html, Does.Contain("Confidential programs (1)").And.Contain("suppressed (too few confidential programs)"));
        foreach (var (name, text) in new[] { ("json", report.ToJsonString()), ("csv", csv), ("html", html), ("Inventory.csv", inventory), ("hsds", hsds) })
        {
            Assert.That(text, Does.Not.Contain("Safe Haven").And.Not.Contain(_haven.ToString()).And.Not.Contain(_haven.ToString("N"))
                .And.Not.Contain(Bodies.ConfidentialAddress).And.Not.Contain("34.0187"), name);
        }
    }

    [Test]
    public async Task ThreeConfidentialProgramsArePublishedAsOneAggregateAndInNoBreakdown()
    {
        var harbor = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6);
        for (var i = 1; i <= 3; i++)
        {
            var org = await App.NewShelterAsync($"Coastal Network {i}");
            await NewProgramAsync(adultsOpen: 4, familiesOpen: 6, shelter: org, name: $"Haven {i}", body: o => Bodies.ConfidentialEmergency(o, $"Haven {i}"));
        }
        AdvanceTo(DayDue);
        await RunReportAsync(Admin, Day);
        var report = await Admin.GetJsonAsync($"/v1/reports/capacity/{Day}");

        Assert.That(report["programs"]!.AsArray().Select(p => p!.Id("programId")), Is.EqualTo(new[] { harbor.Id }));
        var confidential = report["confidential"]!;
        Assert.That((bool?)confidential["suppressed"], Is.False);
        Assert.That(Ints(confidential["figures"]!, "programs", "inventory", "open"), Is.EqualTo(new[] { 3, 96, 3 * 10 }));
        Assert.That(Ints(report["totals"]!, "programs", "inventory", "open"), Is.EqualTo(new[] { 4, 128, 11 + 3 * 10 }));
        var emergency = report["rollups"]!.AsArray().Single(r => (string?)r!["dimension"] == "kind" && (string?)r["group"] == "emergency")!;
        Assert.That(Ints(emergency["figures"]!, "programs", "inventory", "open"), Is.EqualTo(new[] { 1, 32, 11 }));
        Assert.That(report["rollups"]!.AsArray().Where(r => (string?)r!["dimension"] == "organization").Select(r => (string?)r!["group"]),
            Is.EqualTo(new[] { harbor.Shelter.OrganizationId.ToString() }), "the havens' organisations run only confidential programs");
    }

    private static int[] Ints(JsonNode node, params string[] names) => names.Select(n => (int)node[n]!).ToArray();
}

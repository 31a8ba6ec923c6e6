using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Asks;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;
using Housing.Api.Watches;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Reports;

/// <summary>
/// Issue item 5: the day's watches and asks, by household type, and each organisation's answer
/// rate to asks, with confidential programs folded into their aggregate as referrals are.
/// Everything happens on <see cref="ReportTest.Day"/> after 13:30 local.
/// </summary>
public sealed class ReportWatchAskTests(DatabaseEngine engine) : ReportTest(engine)
{
    private Task<int> PassAsync() => App.Services.GetRequiredService<WatchWorker>().PassAsync(sync: true, CancellationToken.None);

    private static async Task<JsonNode> WatchAsync(HttpClient client, JsonObject household, string reference, string? endsAt = null)
    {
        var body = new JsonObject { ["clientReference"] = reference, ["household"] = household, ["mode"] = "hold" };
        if (endsAt is not null) body["endsAt"] = endsAt;
        return await (await client.PostJsonAsync("/v1/watches", body)).ExpectAsync(HttpStatusCode.Created);
    }

    private static async Task<Guid> AskAsync(HttpClient client, JsonObject household, string reference, params Guid[] programIds)
    {
        var body = new JsonObject
        {
            ["household"] = household,
            ["clientReference"] = reference,
            ["programIds"] = new JsonArray(programIds.Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray()),
        };
        return (await (await client.PostJsonAsync("/v1/asks", body)).ExpectAsync(HttpStatusCode.Created)).Id();
    }

    private static async Task AnswerAsync(HttpClient shelter, Guid askId, Guid programId, bool yes) =>
        await (await shelter.PostJsonAsync($"/v1/asks/{askId}/programs/{programId}/answer",
            yes ? new JsonObject { ["answer"] = "yes" } : new JsonObject { ["answer"] = "no", ["reason"] = "needs_not_met" })).ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonNode> ReportAsync()
    {
        AdvanceTo(DayDue.AddMinutes(5));
        await RunReportAsync(Admin, Day);
        return await Admin.GetJsonAsync($"/v1/reports/capacity/{Day}");
    }

    private Task<ShelterProgram> FullAsync(string name, Shelter? shelter = null, bool confidential = false) =>
        NewProgramAsync(adultsOpen: 0, familiesOpen: 0, shelter: shelter, name: name,
            body: confidential ? org => Bodies.ConfidentialEmergency(org, name) : null);

    private static JsonNode? Group(JsonNode report, string dimension, string group) =>
        report["rollups"]!.AsArray().SingleOrDefault(r => (string?)r!["dimension"] == dimension && (string?)r!["group"] == group)?["figures"];

    [Test]
    public async Task WatchesOpenedAndEndedThatDayAreCountedByHouseholdType()
    {
        var agency = await NewAgencyAsync();
        var program = await FullAsync("Harbor House Emergency Shelter");
        var fulfilled = await WatchAsync(agency.CaseManager, SingleWoman(), "CM-W1");
        App.Clock.Advance(TimeSpan.FromMinutes(1)); // oldest first: the first watch gets the bed
        var cancelled = await WatchAsync(agency.CaseManager, MotherAndTwoChildren(), "CM-W2");
        await WatchAsync(agency.CaseManager, SingleWoman(), "CM-W3", endsAt: App.Clock.GetUtcNow().AddHours(2).ToString("O"));
        await WatchAsync(agency.CaseManager, MotherAndTwoChildren(), "CM-W4");

        App.Clock.Advance(TimeSpan.FromMinutes(29));
        await (await program.Client.PostAvailabilityAsync(program.Id, Bodies.OpenBeds(1, 0))).ExpectAsync(HttpStatusCode.OK);
        await PassAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(15));
        var held = await agency.CaseManager.GetJsonAsync($"/v1/watches/{fulfilled.Id()}");
        Assert.That(Status(held), Is.EqualTo("holding"), held.ToJsonString());
        await ActOkAsync(program.Client, held.Id("referralId"), "accept");
        await (await agency.CaseManager.PostAsync($"/v1/watches/{cancelled.Id()}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromHours(2));
        await PassAsync();

        var watches = (await ReportAsync())["watches"]!;
        Assert.That(Counts(watches["counts"]!), Is.EqualTo((4, 1, 1, 0, 1, (double?)45)));
        var byType = watches["byHouseholdType"]!.AsArray().ToDictionary(h => (string)h!["householdType"]!, h => Counts(h!["counts"]!));
        Assert.That(byType, Is.EqualTo(new Dictionary<string, (int, int, int, int, int, double?)>
        {
            ["adults_only"] = (2, 1, 1, 0, 0, 45),
            [Families] = (2, 0, 0, 0, 1, null),
        }));
    }

    private static (int Opened, int Fulfilled, int Expired, int Declined, int Cancelled, double? Median) Counts(JsonNode w) =>
        ((int)w["opened"]!, (int)w["fulfilled"]!, (int)w["expired"]!, (int)w["declined"]!, (int)w["cancelled"]!, (double?)w["medianMinutesToFulfil"]);

    [Test]
    public async Task AsksAreCountedWithEachOrganisationsAnswerRateAndConfidentialLinesOnlyInTheirAggregate()
    {
        var agency = await NewAgencyAsync();
        var harbor = await FullAsync("Harbor House Emergency Shelter");
        var bridgeShelter = await App.NewShelterAsync("Bridge Home Inc");
        var bridge = await FullAsync("Bridge Home", bridgeShelter);
        var coastal = await App.NewShelterAsync("Coastal Survivors Network");
        var havens = new List<ShelterProgram>();
        for (var i = 1; i <= 3; i++) havens.Add(await FullAsync($"Safe Haven {i}", coastal, confidential: true));

        var placed = await AskAsync(agency.CaseManager, SingleWoman(), "CM-A1", [harbor.Id, bridge.Id, .. havens.Select(h => h.Id)]);
        var unanswered = await AskAsync(agency.CaseManager, SingleWoman(), "CM-A2", harbor.Id);
        var family = await AskAsync(agency.CaseManager, MotherAndTwoChildren(), "CM-A3", bridge.Id);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await AnswerAsync(bridge.Client, family, bridge.Id, yes: true);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await AnswerAsync(harbor.Client, placed, harbor.Id, yes: false);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await AnswerAsync(bridge.Client, placed, bridge.Id, yes: true);
        App.Clock.Advance(TimeSpan.FromHours(3));
        await App.Services.GetRequiredService<AskSweeper>().SweepAsync(CancellationToken.None);
        Assert.That(Statuses(await agency.CaseManager.GetJsonAsync($"/v1/asks/{unanswered}")), Is.EqualTo(new[] { "expired" }));

        var report = await ReportAsync();
        var asks = report["asks"]!;
        Assert.That((bool)asks["suppressed"]!, Is.False);
        // Three asks, seven lines: Harbor's no and Bridge's two yeses answered, Harbor's other line
        // expired, the safe houses' withdrawn (not held against them); first yes after 20 and 5 minutes.
        Assert.That(AskCounts(asks["counts"]!), Is.EqualTo((3, 7, 3, 2, (double?)0.75, (double?)12.5)));
        Assert.That((bool)asks["byHouseholdTypeSuppressed"]!, Is.False, "three confidential programs reached: as many as the aggregate needs");
        var byType = asks["byHouseholdType"]!.AsArray().ToDictionary(h => (string)h!["householdType"]!, h => AskCounts(h!["counts"]!));
        Assert.That(byType, Is.EqualTo(new Dictionary<string, (int, int, int, int, double?, double?)>
        {
            ["adults_only"] = (2, 6, 2, 1, 0.6667, 20),
            [Families] = (1, 1, 1, 1, 1.0, 5),
        }));

        Assert.That(LineFigures(Group(report, "organization", harbor.Shelter.OrganizationId.ToString())!), Is.EqualTo((2, 1, 0, (double?)0.5)));
        Assert.That(LineFigures(Group(report, "organization", bridgeShelter.OrganizationId.ToString())!), Is.EqualTo((2, 2, 2, (double?)1.0)));
        Assert.That(Group(report, "organization", coastal.OrganizationId.ToString()), Is.Null, "Coastal runs only confidential programs: no row of its own");
        Assert.That(report["programs"]!.AsArray().Select(p => p!.Id("programId")), Is.EquivalentTo(new[] { harbor.Id, bridge.Id }));
        Assert.That(LineFigures(report["confidential"]!["figures"]!), Is.EqualTo((3, 0, 0, (double?)null)));
        Assert.That(LineFigures(report["totals"]!), Is.EqualTo((7, 3, 2, (double?)0.75)));
        Assert.That(LineFigures(Group(report, "household_type", Families)!), Is.EqualTo((1, 1, 1, (double?)1.0)));

        var csv = await (await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/csv")).Content.ReadAsStringAsync();
        Assert.That(csv, Does.Contain("\nasks_household,").Or.Contain(",asks_household,"));
        var html = await (await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/html")).Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<h2>Asks</h2>").And.Contain("Median time to the first yes").And.Contain("Families with children"));
        Assert.That(html, Does.Not.Contain("Coastal Survivors Network").And.Not.Contain("Safe Haven"));
    }

    [Test]
    public async Task AsksByHouseholdTypeAreWithheldWhenATypeReachedTooFewConfidentialPrograms()
    {
        var agency = await NewAgencyAsync();
        var harbor = await FullAsync("Harbor House Emergency Shelter");
        var coastal = await App.NewShelterAsync("Coastal Survivors Network");
        var havens = new List<ShelterProgram>();
        for (var i = 1; i <= 3; i++) havens.Add(await FullAsync($"Safe Haven {i}", coastal, confidential: true));
        await AskAsync(agency.CaseManager, SingleWoman(), "CM-A1", [.. havens.Select(h => h.Id)]);
        // The only family ask reached one safe house: the families row less Harbor's household-type rollup would be its answer.
        var family = await AskAsync(agency.CaseManager, MotherAndTwoChildren(), "CM-A2", harbor.Id, havens[0].Id);
        App.Clock.Advance(TimeSpan.FromMinutes(7));
        await AnswerAsync(havens[0].Client, family, havens[0].Id, yes: true);
        App.Clock.Advance(TimeSpan.FromHours(3));
        await App.Services.GetRequiredService<AskSweeper>().SweepAsync(CancellationToken.None);

        var asks = (await ReportAsync())["asks"]!;
        Assert.That((bool)asks["suppressed"]!, Is.False);
        // The safe houses' three lines of the first ask ran out unanswered; Harbor's was withdrawn by the yes.
        Assert.That(AskCounts(asks["counts"]!), Is.EqualTo((2, 5, 1, 1, (double?)0.25, (double?)7)));
        Assert.That((bool)asks["byHouseholdTypeSuppressed"]!, Is.True);
        Assert.That(asks["byHouseholdType"]!.AsArray(), Is.Empty);
        var csv = await (await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/csv")).Content.ReadAsStringAsync();
        Assert.That(csv.Split('\n').Where(l => l.Contains(",asks_household,")).ToList(), Has.Count.EqualTo(1).And.All.Contain("true"));
    }

    [Test]
    public async Task WithTooFewConfidentialProgramsTheAsksAreSuppressedWithTheTotals()
    {
        var agency = await NewAgencyAsync();
        var harbor = await FullAsync("Harbor House Emergency Shelter");
        var coastal = await App.NewShelterAsync("Coastal Survivors Network");
        var haven = await FullAsync("Safe Haven", coastal, confidential: true);
        var ask = await AskAsync(agency.CaseManager, SingleWoman(), "CM-A1", harbor.Id, haven.Id);
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        await AnswerAsync(haven.Client, ask, haven.Id, yes: true);
        await WatchAsync(agency.CaseManager, SingleWoman(), "CM-W1");

        var report = await ReportAsync();
        Assert.That((bool)report["confidential"]!["suppressed"]!, Is.True);
        var asks = report["asks"]!;
        Assert.That(((bool)asks["suppressed"]!, asks["counts"], (bool)asks["byHouseholdTypeSuppressed"]!), Is.EqualTo((true, (JsonNode?)null, true)));
        // Harbor's own row stays: a public program is published as referrals are, and its line was withdrawn.
        Assert.That(LineFigures(report["programs"]![0]!["figures"]!), Is.EqualTo((1, 0, 0, (double?)null)));
        Assert.That(Group(report, "organization", coastal.OrganizationId.ToString()), Is.Null);
        // Watches name no program: counted whatever the confidential programs.
        Assert.That((int)report["watches"]!["counts"]!["opened"]!, Is.EqualTo(1));
        var html = await (await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/html")).Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("Asks are suppressed with the county totals"));
    }

    [Test]
    public async Task AReportStoredBeforeWatchesAndAsksWereCountedStillRendersAndSaysSo()
    {
        var report = (await ReportAsync()).AsObject();
        report.Remove("watches");
        report.Remove("asks");
        await QueryScalarAsync<int?>("UPDATE capacity_reports SET content_json = @json WHERE date = @date;",
            new { json = report.ToJsonString(), date = DateOnly.Parse(Day, System.Globalization.CultureInfo.InvariantCulture) });

        var json = await Admin.GetJsonAsync($"/v1/reports/capacity/{Day}");
        Assert.That((json["watches"], json["asks"]), Is.EqualTo(((JsonNode?)null, (JsonNode?)null)));
        var csv = await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/csv");
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await csv.Content.ReadAsStringAsync(), Does.Not.Contain(",watches,"));
        var html = await GetAsync(Admin, $"/v1/reports/capacity/{Day}", "text/html");
        Assert.That(html.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await html.Content.ReadAsStringAsync(), Does.Contain("built before watches and asks were reported"));
    }

    private static (int Sent, int Lines, int Answered, int Yes, double? Rate, double? Median) AskCounts(JsonNode a) =>
        ((int)a["sent"]!, (int)a["lines"]!, (int)a["answered"]!, (int)a["answeredYes"]!, (double?)a["answerRate"], (double?)a["medianMinutesToFirstYes"]);

    private static (int Received, int Answered, int Yes, double? Rate) LineFigures(JsonNode f) =>
        ((int)f["asksReceived"]!, (int)f["asksAnswered"]!, (int)f["asksAnsweredYes"]!, (double?)f["askAnswerRate"]);

    private static IReadOnlyList<string> Statuses(JsonNode ask) => ask["programs"]!.AsArray().Select(l => (string)l!["status"]!).ToList();
}

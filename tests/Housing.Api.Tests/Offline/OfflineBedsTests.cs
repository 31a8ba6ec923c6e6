using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Offline;

/// <summary>
/// Offline beds (renovation, pests, staffing, quarantine): out of service until the shelter
/// returns them, they are never offered in listings or searches, never held, never posted as
/// open, and reports show them apart from funded, open and occupied beds.
/// </summary>
public sealed class OfflineBedsTests(DatabaseEngine engine) : ReferralTest(engine)
{
    private const string Today = "2026-03-02"; // the test clock's day (UTC)

    private static JsonObject Offline(string householdType = Families, int beds = 10, string reason = "pests", string returnsOn = "2026-03-09",
        string? note = "Bed bugs in rooms 2 to 4") => new()
        {
            ["householdType"] = householdType,
            ["beds"] = beds,
            ["reason"] = reason,
            ["returnsOn"] = returnsOn,
            ["note"] = note,
        };

    private static async Task<JsonNode> TakeOfflineAsync(ShelterProgram program, JsonObject body) =>
        await (await program.Client.PostJsonAsync($"/v1/programs/{program.Id}/offline-beds", body)).ExpectAsync(HttpStatusCode.Created);

    private async Task<bool> OfferedAsync(HttpClient caseManager, Guid programId, JsonObject household)
    {
        var search = await (await caseManager.PostJsonAsync("/v1/matches", new JsonObject { ["household"] = household })).ExpectAsync(HttpStatusCode.OK);
        return search["matches"]!.AsArray().Any(m => m!["program"]!.Id() == programId);
    }

    [Test]
    public async Task OfflineBedsAreNeverOfferedListedHeldOrPostedUntilReturned()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6); // 12 family beds in the inventory, 6 posted open
        var agency = await NewAgencyAsync();
        Assert.That(await OfferedAsync(agency.CaseManager, program.Id, MotherAndTwoChildren()), Is.True);

        var taken = await TakeOfflineAsync(program, Offline());
        Assert.That(((int)taken["beds"]!, (string?)taken["reason"], (bool)taken["overdue"]!), Is.EqualTo((10, "pests", false)));

        var counts = await CountsAsync(program.Id, Families);
        Assert.That(((int)counts["open"]!, (int)counts["capacity"]!, (int)counts["offline"]!, (int)counts["beds"]!), Is.EqualTo((2, 12, 10, 6)),
            "6 were posted open, but only 2 beds are in service");
        Assert.That(await ListedOpenAndHeldAsync(program.Id, Families), Is.EqualTo((2, 0)), "the listing, served from memory, says the same");
        Assert.That(await OfferedAsync(agency.CaseManager, program.Id, MotherAndTwoChildren()), Is.False, "three beds are not in service");
        var refused = await (await PostReferralAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "PCAT-1", program.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)refused["detail"], Does.Contain(": full"));
        var post = await (await program.Client.PostAvailabilityAsync(program.Id, Bodies.OpenBeds(5, 3))).ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[1].beds");
        Assert.That(post.ToJsonString(), Does.Contain("2 beds for families with children today, after 10 offline"), "the refusal names the beds in service");

        var held = await ReferAsync(agency.CaseManager, Referral(Household(Woman(29), Child(6)), "PCAT-2", program.Id));
        Assert.That(await OpenAndHeldAsync(program.Id, Families), Is.EqualTo((0, 2)), "the two beds in service are held");

        var returned = await (await program.Client.PostAsync($"/v1/programs/{program.Id}/offline-beds/{taken.Id()}/return", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.That((string?)returned["returnedAt"], Is.Not.Null);
        Assert.That(await OpenAndHeldAsync(program.Id, Families), Is.EqualTo((4, 2)), "back at once: 6 posted open less 2 held");
        Assert.That(await OfferedAsync(agency.CaseManager, program.Id, MotherAndTwoChildren()), Is.True);
        await (await program.Client.PostAsync($"/v1/programs/{program.Id}/offline-beds/{taken.Id()}/return", null)).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((await Admin.GetJsonAsync($"/v1/audit?entityType=program&entityId={program.Id}")).Items().Select(e => (string?)e["action"]),
            Does.Contain("program.beds_offline").And.Contain("program.beds_returned"));
        Assert.That(Status(held), Is.EqualTo("pending"));
    }

    [Test]
    public async Task AHoldChecksOfflineBedsInTheDatabaseNotInAnInstancesMemory()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6);
        var agency = await NewAgencyAsync();
        // Another instance takes the beds offline; this one has not heard yet, so its catalog still offers them.
        await using (var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
            await db.ExecuteAsync("""
                INSERT INTO offline_beds (id, program_id, household_type, beds, reason, returns_on, created_by, created_at)
                VALUES (@id, @program, 3, 11, 'quarantine', '2026-03-05', 'elsewhere', '2026-03-02T21:00:00.0000000+00:00');
                """, new { id = Guid.NewGuid().ToString(), program = program.Id.ToString() });
        Assert.That(await ListedOpenAndHeldAsync(program.Id, Families), Is.EqualTo((6, 0)), "this instance's catalog has not heard");

        var refused = await (await PostReferralAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "PCAT-9", program.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.That((string?)refused["detail"], Does.Contain(": full"), "the hold's own statement finds one family bed in service");
        Assert.That(await UnreleasedHoldRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task TakingBedsOfflineCountsTheBedsOfflineInTheDatabaseNotInAnInstancesMemory()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6); // 12 family beds
        // Another instance (or a take at the same moment) has put 11 family beds offline; this instance's catalog has not heard.
        await using (var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
            await db.ExecuteAsync("""
                INSERT INTO offline_beds (id, program_id, household_type, beds, reason, returns_on, created_by, created_at)
                VALUES (@id, @program, 3, 11, 'quarantine', '2026-03-05', 'elsewhere', '2026-03-02T21:00:00.0000000+00:00');
                """, new { id = Guid.NewGuid().ToString(), program = program.Id.ToString() });

        var refused = await (await program.Client.PostJsonAsync($"/v1/programs/{program.Id}/offline-beds", Offline(beds: 2)))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "beds");

        Assert.That(refused.ToJsonString(), Does.Contain("1 bed"), "the refusal counts the one bed still in service");
        var list = (await program.Client.GetJsonAsync($"/v1/programs/{program.Id}/offline-beds"))["items"]!.AsArray();
        Assert.That(list.Select(o => (int)o!["beds"]!), Is.EqualTo(new[] { 11 }), "nothing more was taken offline");
        await TakeOfflineAsync(program, Offline(beds: 1));
    }

    [Test]
    public async Task OverdueBedsStayOfflineUntilReturnedAndTheListShowsThem()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6);
        var taken = await TakeOfflineAsync(program, Offline(AdultsOnly, beds: 18, reason: "staffing", returnsOn: Today, note: null));

        App.Clock.Advance(TimeSpan.FromDays(2));

        var list = (await program.Client.GetJsonAsync($"/v1/programs/{program.Id}/offline-beds"))["items"]!.AsArray();
        Assert.That(list.Select(o => (o!.Id(), (bool)o!["overdue"]!)), Is.EqualTo(new[] { (taken.Id(), true) }));
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((2, 0)), "a bed that may not be there is never offered");
        await (await program.Client.PostAsync($"/v1/programs/{program.Id}/offline-beds/{taken.Id()}/return", null)).ExpectAsync(HttpStatusCode.OK);
        var after = (await program.Client.GetJsonAsync($"/v1/programs/{program.Id}/offline-beds"))["items"]!.AsArray().Single()!;
        Assert.That(((bool)after["overdue"]!, (string?)after["returnedAt"]), Is.EqualTo((false, "2026-03-04T21:30:00+00:00")), "returned ones stay listed a while");
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((5, 0)));
    }

    [Test]
    public async Task AnythingWrongIsRefusedWithAProblemAndNothingIsWritten()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6);
        var other = await NewProgramAsync(name: "Valley Haven");
        var url = $"/v1/programs/{program.Id}/offline-beds";
        await (await program.Client.PostJsonAsync(url, Offline(reason: "flood"))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await program.Client.PostJsonAsync(url, Offline(returnsOn: "2026-03-01"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "returnsOn");
        await (await program.Client.PostJsonAsync(url, Offline(returnsOn: "2028-03-01"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "returnsOn");
        await (await program.Client.PostJsonAsync(url, Offline(beds: 13))).ExpectProblemAsync(HttpStatusCode.BadRequest, "beds");
        await (await program.Client.PostJsonAsync(url, Offline(beds: 0))).ExpectProblemAsync(HttpStatusCode.BadRequest, "beds");
        await (await program.Client.PostJsonAsync(url, Offline(householdType: "children_only"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "householdType");
        await (await program.Client.PostJsonAsync(url, Offline(note: "bad\u0000note"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "note");
        await (await program.Client.PostJsonAsync(url, new JsonObject())).ExpectProblemAsync(HttpStatusCode.BadRequest, "householdType", "beds", "reason", "returnsOn");
        await (await program.Client.PostJsonAsync($"/v1/programs/{Guid.NewGuid()}/offline-beds", Offline())).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.PostJsonAsync(url, Offline())).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var agency = await NewAgencyAsync();
        await (await agency.CaseManager.PostJsonAsync(url, Offline())).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var taken = await TakeOfflineAsync(program, Offline(beds: 12));
        await (await program.Client.PostJsonAsync(url, Offline(beds: 1))).ExpectProblemAsync(HttpStatusCode.BadRequest, "beds");
        await (await other.Client.PostAsync($"{url}/{taken.Id()}/return", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await program.Client.PostAsync($"/v1/programs/{other.Id}/offline-beds/{taken.Id()}/return", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await program.Client.PostAsync($"{url}/{Guid.NewGuid()}/return", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM offline_beds WHERE returned_at IS NULL;"), Is.EqualTo(1), "only the valid one was written");
        Assert.That((await Admin.GetJsonAsync(url))["items"]!.AsArray(), Has.Count.EqualTo(1), "an admin sees any program's");
    }

    [Test]
    public async Task TheReportShowsFundedAvailableOfflineAndOccupiedBedsApart()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6); // 20 adult and 12 family beds funded
        await TakeOfflineAsync(program, Offline(AdultsOnly, beds: 4, reason: "renovation"));
        var agency = await NewAgencyAsync();
        await ReferAsync(agency.CaseManager, Referral(program.Id));

        await (await Admin.PostJsonAsync("/v1/reports/capacity/runs", new JsonObject { ["date"] = Today })).ExpectAsync(HttpStatusCode.OK);
        var report = await Admin.GetJsonAsync($"/v1/reports/capacity/{Today}");

        var f = report["programs"]!.AsArray().Single(p => p!.Id("programId") == program.Id)!["figures"]!;
        // Adults: 20 funded, 4 offline, 5 posted open less 1 held = 4 open, 11 occupied; families: 12 funded, 6 open, 6 occupied.
        Assert.That(new[] { "inventory", "open", "held", "offline", "occupied" }.Select(k => (int)f[k]!), Is.EqualTo(new[] { 32, 10, 1, 4, 17 }));
        Assert.That((double)f["utilisation"]!, Is.EqualTo(0.6429), "18 of the 28 beds in service are not open");
        Assert.That((int)report["totals"]!["offline"]!, Is.EqualTo(4));
        var household = report["rollups"]!.AsArray().Single(r => (string?)r!["dimension"] == "household_type" && (string?)r["group"] == AdultsOnly)!["figures"]!;
        Assert.That(((int)household["offline"]!, (int)household["occupied"]!), Is.EqualTo((4, 11)));

        var csv = await ReadAsync($"/v1/reports/capacity/{Today}", "text/csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimEnd('\r').Split(',');
        var row = lines.Single(l => l.Contains(program.Id.ToString(), StringComparison.Ordinal)).TrimEnd('\r').Split(',');
        Assert.That((row[Array.IndexOf(header, "offline")], row[Array.IndexOf(header, "occupied")]), Is.EqualTo(("4", "17")));
        var html = await ReadAsync($"/v1/reports/capacity/{Today}", "text/html");
        Assert.That(html, Does.Contain("<th scope=\"col\">Offline</th>").And.Contain("<th scope=\"col\">Occupied</th>"));
        var hud = await ReadAsync($"/v1/reports/capacity/{Today}/hmis/Inventory.csv", "text/csv");
        Assert.That(hud, Does.Contain(",20,").And.Not.Contain(",16,"), "HUD's Inventory.csv counts funded beds, offline or not");
    }

    [Test]
    public async Task AShelterTakesBedsOfflineAndReturnsThemFromItsProgramPage()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6);
        var key = await Admin.IssueKeyAsync("shelter", program.Shelter.OrganizationId);
        var shelter = await ConsoleBrowser.SignInAsync(App, key);
        var url = $"/shelter/programs/{program.Id}";
        var page = await shelter.GetPageAsync(url);
        Assert.That(page, Does.Contain("No beds are out of service."));

        KeyValuePair<string, string>[] Form(string beds) =>
            [new("Form.HouseholdType", Families), new("Form.Beds", beds), new("Form.Reason", "quarantine"), new("Form.ReturnsOn", Today), new("Form.Note", "Flu on the family floor")];
        var refused = await (await shelter.PostFormAsync($"{url}?handler=Offline", page, Form("40"))).Content.ReadAsStringAsync();
        Assert.That(refused, Does.Contain("the program has 12 beds for families with children in service today"), "said beside the field, nothing written");
        var done = await shelter.PostFormAsync($"{url}?handler=Offline", page, Form("3"));
        var listed = await done.Content.ReadAsStringAsync();
        Assert.That(listed, Does.Contain("The beds are out of service").And.Contain("3 beds for families with children, quarantine"));
        Assert.That(await OpenAndHeldAsync(program.Id, Families), Is.EqualTo((6, 0)), "9 beds still in service: the 6 posted open stay open");

        Assert.That(await shelter.GetPageAsync("/shelter"), Does.Not.Contain("Beds past their expected return"));
        App.Clock.Advance(TimeSpan.FromHours(3)); // past midnight: the day they were expected back is over
        shelter = await ConsoleBrowser.SignInAsync(App, key); // the idle session has ended meanwhile
        Assert.That(await shelter.GetPageAsync("/shelter"), Does.Contain("Beds past their expected return"));
        var id = (await program.Client.GetJsonAsync($"/v1/programs/{program.Id}/offline-beds"))["items"]![0]!.Id();
        var returned = await shelter.PostFormAsync($"{url}?handler=Return&offlineId={id}", await shelter.GetPageAsync(url), new Dictionary<string, string>());
        Assert.That(await returned.Content.ReadAsStringAsync(), Does.Contain("The beds are back in service."));
        Assert.That(await shelter.GetPageAsync("/shelter"), Does.Not.Contain("Beds past their expected return"));
    }

    private async Task<string> ReadAsync(string url, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        var response = await Admin.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        return await response.Content.ReadAsStringAsync();
    }
}

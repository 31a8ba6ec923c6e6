using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;
using Housing.Api.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Availability;

/// <summary>
/// Overflow nights: overflow inventory (HUD availability 3) counts in posts, listings, searches
/// and holds only while an admin's activation covers the program's region and the day; the
/// organisations concerned are told; ending it takes the beds away at once.
/// </summary>
public sealed class OverflowTests(DatabaseEngine engine) : WebhookTest(engine)
{
    private const string Today = "2026-03-02"; // the test clock's day (UTC)

    /// <summary>20 year-round beds for adults, and 4 family beds that exist only on overflow nights.</summary>
    private async Task<ShelterProgram> OverflowProgramAsync()
    {
        var shelter = await App.NewShelterAsync("Harbor House");
        var body = Bodies.Emergency(shelter.OrganizationId);
        var family = Bodies.Beds("adults_with_children", beds: 4, units: 1);
        family["availability"] = "overflow";
        body["inventory"] = new JsonArray(Bodies.Beds("adults_only", beds: 20, units: 0), family);
        var id = await shelter.Client.CreateProgramIdAsync(body);
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.Availability(Bodies.OpenBeds("adults_only", 5)))).ExpectAsync(HttpStatusCode.OK);
        return new ShelterProgram(id, shelter);
    }

    private static JsonObject Activation(string startsOn = Today, string endsOn = "2026-03-03", params string[] regions) => new()
    {
        ["regions"] = new JsonArray([.. (regions.Length == 0 ? ["spa-4"] : regions).Select(r => (JsonNode)r)]),
        ["startsOn"] = startsOn,
        ["endsOn"] = endsOn,
        ["reason"] = "cold",
        ["note"] = "Freeze warning tonight",
    };

    private static async Task<JsonNode> CapacityAsync(HttpClient client, Guid id, string type) =>
        (await client.GetJsonAsync($"/v1/programs/{id}/availability"))["counts"]!.AsArray().Single(c => (string?)c!["householdType"] == type)!;

    [Test]
    public async Task OverflowBedsCountOnlyWhileAnActivationCoversTheRegionAndTheDay()
    {
        var program = await OverflowProgramAsync();
        await SetWebhookAsync(program.Client, program.Shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);
        var familyOpen = Bodies.Availability(Bodies.OpenBeds("adults_only", 5), Bodies.OpenBeds("adults_with_children", 4, 1));
        await (await program.Client.PostAvailabilityAsync(program.Id, familyOpen)).ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[1].householdType");
        var agency = await NewAgencyAsync();
        var refused = await (await PostReferralAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "PCAT-1", program.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)refused["detail"], Does.Contain("household_type_not_served"), "no family beds without an activation");

        var activated = await (await Admin.PostJsonAsync("/v1/overflow-activations", Activation())).ExpectAsync(HttpStatusCode.Created);
        Assert.That(((bool)activated["inForce"]!, (int)activated["programs"]!, (int)activated["overflowBeds"]!), Is.EqualTo((true, 1, 4)));
        await (await program.Client.PostAvailabilityAsync(program.Id, familyOpen)).ExpectAsync(HttpStatusCode.OK);
        Assert.That((int)(await CapacityAsync(program.Client, program.Id, "adults_with_children"))["open"]!, Is.EqualTo(4));
        var held = await ReferAsync(agency.CaseManager, Referral(Household(Woman(29), Child(6)), "PCAT-2", program.Id));
        Assert.That((string?)held["status"], Is.EqualTo("pending"), "the overflow beds are held like any others");
        var search = await (await agency.CaseManager.PostJsonAsync("/v1/matches", new JsonObject { ["household"] = Household(Woman(29), Child(4)) }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(search["matches"]!.AsArray().Select(m => m!["program"]!.Id()), Does.Contain(program.Id), "two family beds are still open");

        await DeliverUntilSettledAsync();
        var told = Receiver.Calls.Single(c => c.EventType == "overflow.activated");
        Assert.That(Verifies(told, ShelterSecret), Is.True);
        Assert.That(Payload(told)["data"]!["programIds"]!.AsArray().Select(p => (string?)p), Is.EqualTo(new[] { program.Id.ToString() }));

        var ended = await (await Admin.PostAsync($"/v1/overflow-activations/{activated["id"]}/end", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.That((bool)ended["inForce"]!, Is.False);
        Assert.That((await program.Client.GetJsonAsync($"/v1/programs/{program.Id}/availability"))["counts"]!.AsArray()
            .Select(c => (string?)c!["householdType"]), Is.EqualTo(new[] { "adults_only" }), "the family beds are gone at once");
        await ActOkAsync(agency.CaseManager, (Guid)held["id"]!, "cancel");
        await (await PostReferralAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "PCAT-3", program.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostAsync($"/v1/overflow-activations/{activated["id"]}/end", null)).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((await Admin.GetJsonAsync("/v1/audit?entityType=overflow")).Items().Select(e => (string?)e["action"]),
            Is.EquivalentTo(new[] { "overflow.activated", "overflow.ended" }));
    }

    [Test]
    public async Task AHoldChecksTheActivationInTheDatabaseNotInAnInstancesMemory()
    {
        var program = await OverflowProgramAsync();
        var agency = await NewAgencyAsync();
        await (await Admin.PostJsonAsync("/v1/overflow-activations", Activation())).ExpectAsync(HttpStatusCode.Created);
        await (await program.Client.PostAvailabilityAsync(program.Id,
            Bodies.Availability(Bodies.OpenBeds("adults_only", 5), Bodies.OpenBeds("adults_with_children", 4, 1)))).ExpectAsync(HttpStatusCode.OK);
        // Another instance ends it; this one has not heard yet, so its catalog still offers the family beds.
        await using (var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
            await db.ExecuteAsync("UPDATE overflow_activations SET ended_at = created_at;");

        var refused = await (await PostReferralAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "PCAT-9", program.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.That((string?)refused["detail"], Does.Contain(": full"), "the hold's own statement finds no family inventory in force");
    }

    [Test]
    public async Task AnActivationForTomorrowCountsFromTomorrowAndNotInAnotherRegion()
    {
        var program = await OverflowProgramAsync();
        var elsewhere = await App.NewShelterAsync("Valley Haven");
        var valley = await elsewhere.Client.CreateProgramIdAsync(Bodies.Emergency(elsewhere.OrganizationId, "Valley Haven", region: "spa-2"));
        await (await Admin.PostJsonAsync("/v1/overflow-activations", Activation("2026-03-03", "2026-03-04", "spa-2", "spa-4"))).ExpectAsync(HttpStatusCode.Created);
        Assert.That((await program.Client.GetJsonAsync($"/v1/programs/{program.Id}/availability"))["counts"]!.AsArray(), Has.Count.EqualTo(1));

        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.That((int)(await CapacityAsync(program.Client, program.Id, "adults_with_children"))["capacity"]!, Is.EqualTo(4));
        Assert.That((await elsewhere.Client.GetJsonAsync($"/v1/programs/{valley}/availability"))["counts"]!.AsArray(), Has.Count.EqualTo(2),
            "Valley Haven has no overflow inventory: nothing changes there");

        App.Clock.Advance(TimeSpan.FromDays(2));
        Assert.That((await program.Client.GetJsonAsync($"/v1/programs/{program.Id}/availability"))["counts"]!.AsArray(), Has.Count.EqualTo(1), "over after its last day");
    }

    [Test]
    public async Task AnActivationIsCheckedAndOnlyAnAdminMakesOne()
    {
        await OverflowProgramAsync();
        var agency = await NewAgencyAsync();
        await (await agency.CaseManager.PostJsonAsync("/v1/overflow-activations", Activation())).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var unknown = await (await Admin.PostJsonAsync("/v1/overflow-activations", Activation(regions: "spa-9"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "regions[0]");
        Assert.That(unknown.ToJsonString(), Does.Contain("Programs are in: spa-4"));
        await (await Admin.PostJsonAsync("/v1/overflow-activations", Activation("2026-03-04", "2026-03-03"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "endsOn");
        await (await Admin.PostJsonAsync("/v1/overflow-activations", Activation("2026-02-01", "2026-02-02"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "endsOn");
        await (await Admin.PostJsonAsync("/v1/overflow-activations", Activation(Today, "2026-04-30"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "endsOn");
        var noRegions = Activation();
        noRegions["regions"] = new JsonArray();
        await (await Admin.PostJsonAsync("/v1/overflow-activations", noRegions)).ExpectProblemAsync(HttpStatusCode.BadRequest, "regions");
        await (await Admin.PostAsync($"/v1/overflow-activations/{Guid.NewGuid()}/end", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await agency.CaseManager.GetJsonAsync("/v1/overflow-activations"))["items"]!.AsArray(), Is.Empty, "nothing refused was written");
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM overflow_activations;"), Is.Zero);
    }

    [Test]
    public async Task TheDaysReportCountsOverflowBedsAndNamesTheActivation()
    {
        var program = await OverflowProgramAsync();
        await (await Admin.PostJsonAsync("/v1/overflow-activations", Activation())).ExpectAsync(HttpStatusCode.Created);
        await (await program.Client.PostAvailabilityAsync(program.Id,
            Bodies.Availability(Bodies.OpenBeds("adults_only", 5), Bodies.OpenBeds("adults_with_children", 4, 1)))).ExpectAsync(HttpStatusCode.OK);

        await (await Admin.PostJsonAsync("/v1/reports/capacity/runs", new JsonObject { ["date"] = Today })).ExpectAsync(HttpStatusCode.OK);
        var report = await Admin.GetJsonAsync($"/v1/reports/capacity/{Today}");

        Assert.That((string?)report["overflow"]!.AsArray().Single()!["reason"], Is.EqualTo("cold"));
        Assert.That((int)report["totals"]!["inventory"]!, Is.EqualTo(24), "20 year-round beds and 4 overflow beds that night");
    }

    [Test]
    public async Task AnAdminActivatesAndEndsAnOverflowNightFromTheConsoleAndTheShelterSeesIt()
    {
        var program = await OverflowProgramAsync();
        var admin = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        var shelter = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", program.Shelter.OrganizationId));
        Assert.That(await shelter.GetPageAsync("/shelter"), Does.Not.Contain("Your overflow beds count on these days"));

        var page = await admin.GetPageAsync("/admin/overflow");
        var refused = await (await admin.PostFormAsync("/admin/overflow?handler=Activate", page,
            new KeyValuePair<string, string>[] { new("Form.StartsOn", Today), new("Form.EndsOn", Today), new("Form.Reason", "cold") })).Content.ReadAsStringAsync();
        Assert.That(refused, Does.Contain("Name at least one region"), "said beside the regions, nothing written");
        var done = await admin.PostFormAsync("/admin/overflow?handler=Activate", page,
            new KeyValuePair<string, string>[] { new("Form.Regions", "spa-4"), new("Form.StartsOn", Today), new("Form.EndsOn", "2026-03-03"), new("Form.Reason", "cold"), new("Form.Note", "Freeze warning") });
        var listed = await done.Content.ReadAsStringAsync();
        Assert.That(done.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo("/admin/overflow?done=activated"));
        Assert.That(listed, Does.Contain("In force now.").And.Contain("4 overflow beds at 1 programs."));
        Assert.That(await shelter.GetPageAsync("/shelter"), Does.Contain("Your overflow beds count on these days"));

        var id = (string)(await Admin.GetJsonAsync("/v1/overflow-activations"))["items"]![0]!["id"]!;
        var asked = await (await admin.PostFormAsync($"/admin/overflow?handler=End&id={id}", listed, new Dictionary<string, string>())).Content.ReadAsStringAsync();
        Assert.That(asked, Does.Contain("End the overflow night in"), "never on one click");
        var ended = await admin.PostFormAsync($"/admin/overflow?handler=End&id={id}", asked, new Dictionary<string, string> { ["confirm"] = "yes" });
        Assert.That(await ended.Content.ReadAsStringAsync(), Does.Contain("Ended early."));
        Assert.That(await shelter.GetPageAsync("/shelter"), Does.Not.Contain("Your overflow beds count on these days"));
    }
}

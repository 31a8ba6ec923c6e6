using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Programs;

public class ProgramsTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task ShelterCreatesAnEmergencyProgramWithHudDefaults()
    {
        var shelter = await App.NewShelterAsync();

        var response = await shelter.Client.PostJsonAsync("/v1/programs", Bodies.Emergency(shelter.OrganizationId));
        var program = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/programs/{program.Id()}"));
        Assert.That(response.ETag(), Is.EqualTo("\"1\""));
        Assert.That((Guid?)program.Id("organizationId"), Is.EqualTo(shelter.OrganizationId));
        Assert.That((string?)program["kind"], Is.EqualTo("emergency"));
        Assert.That((int?)program["hudProjectType"], Is.EqualTo(0), "entry/exit shelter unless night-by-night is given");
        Assert.That((int?)program["maxStayDays"], Is.EqualTo(90));
        Assert.That((int?)program["version"], Is.EqualTo(1));
        Assert.That((string?)program["address"], Is.EqualTo("1200 W 7th St, Los Angeles, CA 90017"));
        Assert.That((double?)program["location"]?["latitude"], Is.EqualTo(34.0612));
        Assert.That((string?)program["intakeContact"]?["phone"], Is.EqualTo("+1 213 555 0100"));
        Assert.That(program["warnings"]!.AsArray(), Is.Empty);
        var family = program["inventory"]![1]!;
        Assert.That((string?)family["householdType"], Is.EqualTo("adults_with_children"));
        Assert.That((int?)family["beds"], Is.EqualTo(12));
        Assert.That((int?)family["units"], Is.EqualTo(4));
        Assert.That((string?)family["availability"], Is.EqualTo("year_round"));
        Assert.That((string?)family["bedType"], Is.EqualTo("facility_based"));
        Assert.That(program["eligibility"]?["languages"]?.AsArray().Select(l => (string?)l), Is.EqualTo(new[] { "en", "es" }));
        Assert.That((string?)program["eligibility"]?["curfew"], Is.EqualTo("22:00"));
    }

    [Test]
    public async Task TransitionalProgramDefaultsToHudTypeTwoAndTwoYears()
    {
        var shelter = await App.NewShelterAsync();

        var program = await shelter.Client.CreateProgramAsync(Bodies.Transitional(shelter.OrganizationId));

        Assert.That((string?)program["kind"], Is.EqualTo("transitional"));
        Assert.That((int?)program["hudProjectType"], Is.EqualTo(2));
        Assert.That((int?)program["maxStayDays"], Is.EqualTo(730));
        Assert.That((int?)program["inventory"]![0]!["beds"], Is.EqualTo(30));
        Assert.That(program["inventory"]![0]!["availability"], Is.Null, "only emergency inventory has an availability code");
    }

    [Test]
    public async Task RapidRehousingProgramCountsSlots()
    {
        var shelter = await App.NewShelterAsync();

        var program = await shelter.Client.CreateProgramAsync(Bodies.RapidRehousing(shelter.OrganizationId));

        Assert.That((string?)program["kind"], Is.EqualTo("rapid_rehousing"));
        Assert.That((int?)program["hudProjectType"], Is.EqualTo(13));
        Assert.That((int?)program["maxStayDays"], Is.EqualTo(180));
        Assert.That(program["inventory"]!.AsArray().Select(i => (int?)i!["slots"]), Is.EqualTo(new[] { 15, 10 }));
        Assert.That(program["inventory"]!.AsArray().Select(i => (int?)i!["beds"]), Is.EqualTo(new[] { 0, 0 }));
    }

    [Test]
    public async Task AdminCreatesAProgramForAnyOrganisation()
    {
        var organization = await Admin.CreateOrganizationAsync();

        var program = await Admin.CreateProgramAsync(Bodies.Emergency(organization));

        Assert.That(program.Id("organizationId"), Is.EqualTo(organization));
    }

    [Test]
    public async Task GetReturnsTheProgramWithItsETag()
    {
        var shelter = await App.NewShelterAsync();
        var created = await shelter.Client.CreateProgramAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await shelter.Client.GetAsync($"/v1/programs/{created.Id()}");
        var read = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.That(response.ETag(), Is.EqualTo("\"1\""));
        Assert.That(read.ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [Test]
    public async Task UnknownProgramIsNotFound()
    {
        var response = await Admin.GetAsync($"/v1/programs/{Guid.NewGuid()}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ProgramsAreFilteredByKindRegionAndOrganisation()
    {
        var harbor = await App.NewShelterAsync("Harbor House");
        var bridge = await App.NewShelterAsync("Bridge Home");
        var emergency = await harbor.Client.CreateProgramIdAsync(Bodies.Emergency(harbor.OrganizationId, region: "spa-4"));
        var transitional = await harbor.Client.CreateProgramIdAsync(Bodies.Transitional(harbor.OrganizationId, region: "spa-6"));
        var rapid = await bridge.Client.CreateProgramIdAsync(Bodies.RapidRehousing(bridge.OrganizationId, region: "spa-6"));

        async Task<IEnumerable<Guid>> Ids(string query) => (await Admin.GetJsonAsync("/v1/programs" + query)).Items().Select(p => p.Id());

        Assert.That(await Ids(""), Is.EquivalentTo(new[] { emergency, transitional, rapid }));
        Assert.That(await Ids("?kind=transitional"), Is.EqualTo(new[] { transitional }));
        Assert.That(await Ids("?region=spa-6"), Is.EquivalentTo(new[] { transitional, rapid }));
        Assert.That(await Ids($"?organizationId={bridge.OrganizationId}"), Is.EqualTo(new[] { rapid }));
        Assert.That(await Ids($"?kind=emergency&region=spa-6"), Is.Empty);
    }

    [Test]
    public async Task ProgramsArePagedWithAfterTheLastPagesNext()
    {
        var shelter = await App.NewShelterAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, $"Shelter {i}")));
        var expected = ApiCalls.InIdOrder(ids);

        var seen = new List<Guid>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await Admin.GetJsonAsync("/v1/programs?limit=2" + (after is null ? "" : $"&after={after}"));
            Assert.That(page.Items(), Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(page.Items().Select(p => p.Id()));
            after = (string?)page["next"];
            pages++;
        } while (after is not null && pages < 10);

        Assert.That(seen, Is.EqualTo(expected));
        Assert.That(pages, Is.EqualTo(3));
    }

    [Test]
    public async Task PutWithTheCurrentETagReplacesTheProgramAndBumpsTheVersion()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var change = Bodies.Emergency(shelter.OrganizationId, "Harbor House Night Shelter");
        change["hudProjectType"] = 1;

        var response = await shelter.Client.PutJsonAsync($"/v1/programs/{id}", change, ifMatch: "\"1\"");
        var updated = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.That(response.ETag(), Is.EqualTo("\"2\""));
        Assert.That((int?)updated["version"], Is.EqualTo(2));
        Assert.That((string?)updated["name"], Is.EqualTo("Harbor House Night Shelter"));
        Assert.That((int?)updated["hudProjectType"], Is.EqualTo(1));
        Assert.That(DateTimeOffset.Parse((string)updated["updatedAt"]!), Is.EqualTo(HousingApp.Start.AddMinutes(5)));
        Assert.That(DateTimeOffset.Parse((string)updated["createdAt"]!), Is.EqualTo(HousingApp.Start));
        var read = await shelter.Client.GetAsync($"/v1/programs/{id}");
        Assert.That(read.ETag(), Is.EqualTo("\"2\""));
        Assert.That((string?)(await read.ExpectAsync(HttpStatusCode.OK))["name"], Is.EqualTo("Harbor House Night Shelter"));
    }

    [Test]
    public async Task PutWithoutIfMatchStillReplacesTheProgram()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await shelter.Client.PutJsonAsync($"/v1/programs/{id}", Bodies.Emergency(shelter.OrganizationId, "Renamed"));

        Assert.That((int?)(await response.ExpectAsync(HttpStatusCode.OK))["version"], Is.EqualTo(2));
    }

    [Test]
    public async Task PutWithAStaleETagIsRefusedAndChangesNothing()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PutJsonAsync($"/v1/programs/{id}", Bodies.Emergency(shelter.OrganizationId, "First edit"), "\"1\"")).ExpectAsync(HttpStatusCode.OK);

        var response = await shelter.Client.PutJsonAsync($"/v1/programs/{id}", Bodies.Emergency(shelter.OrganizationId, "Colleague's edit"), "\"1\"");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/stale-version"));
        Assert.That(response.ETag(), Is.EqualTo("\"2\""), "the 412 says which version is current");
        var current = await shelter.Client.GetJsonAsync($"/v1/programs/{id}");
        Assert.That((string?)current["name"], Is.EqualTo("First edit"));
        Assert.That((int?)current["version"], Is.EqualTo(2));
    }

    [Test]
    public async Task RepeatingTheSamePutIsHarmless()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var change = Bodies.Emergency(shelter.OrganizationId, "Renamed once");
        await (await shelter.Client.PutJsonAsync($"/v1/programs/{id}", change, "\"1\"")).ExpectAsync(HttpStatusCode.OK);

        // A client that lost the first response retries with the ETag it had.
        var retry = await shelter.Client.PutJsonAsync($"/v1/programs/{id}", change, "\"1\"");

        var program = await retry.ExpectAsync(HttpStatusCode.OK);
        Assert.That(retry.ETag(), Is.EqualTo("\"2\""));
        Assert.That((int?)program["version"], Is.EqualTo(2));
        Assert.That((int?)(await shelter.Client.GetJsonAsync($"/v1/programs/{id}"))["version"], Is.EqualTo(2));
    }

    [Test]
    public async Task IfMatchStarUpdatesWhateverTheVersion()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await shelter.Client.PutJsonAsync($"/v1/programs/{id}", Bodies.Emergency(shelter.OrganizationId, "Renamed"), "*");

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.That(response.ETag(), Is.EqualTo("\"2\""));
    }

    [Test]
    public async Task WeakETagNeverMatches()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await shelter.Client.PutJsonAsync($"/v1/programs/{id}", Bodies.Emergency(shelter.OrganizationId, "Renamed"), "W/\"1\"");

        await response.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That((int?)(await shelter.Client.GetJsonAsync($"/v1/programs/{id}"))["version"], Is.EqualTo(1));
    }

    [Test]
    public async Task UpdatingAnUnknownProgramIsNotFound()
    {
        var organization = await Admin.CreateOrganizationAsync();

        var response = await Admin.PutJsonAsync($"/v1/programs/{Guid.NewGuid()}", Bodies.Emergency(organization), "\"1\"");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty, "PUT does not create");
    }

    [Test]
    public async Task PutCanChangeInventoryAndKind()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await shelter.Client.PutJsonAsync($"/v1/programs/{id}", Bodies.Transitional(shelter.OrganizationId), "\"1\"");
        var updated = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.That((string?)updated["kind"], Is.EqualTo("transitional"));
        Assert.That(updated["inventory"]!.AsArray(), Has.Count.EqualTo(1));
        var read = await shelter.Client.GetJsonAsync($"/v1/programs/{id}");
        Assert.That(read["inventory"]!.AsArray().Select(i => (string?)i!["householdType"]), Is.EqualTo(new[] { "adults_with_children" }));
    }

    [Test]
    public async Task ShelterCannotCreateAProgramForAnotherOrganisation()
    {
        var shelter = await App.NewShelterAsync("Harbor House");
        var other = await Admin.CreateOrganizationAsync("Other Shelter");

        var response = await shelter.Client.PostJsonAsync("/v1/programs", Bodies.Emergency(other));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "organizationId");
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);
    }

    [Test]
    public async Task ProgramForAnUnknownOrganisationIsRejected()
    {
        var response = await Admin.PostJsonAsync("/v1/programs", Bodies.Emergency(Guid.NewGuid()));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "organizationId");
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);
    }

    [Test]
    public async Task ProgramCannotMoveToAnotherOrganisation()
    {
        var shelter = await App.NewShelterAsync();
        var other = await Admin.CreateOrganizationAsync("Other Shelter");
        var id = await Admin.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await Admin.PutJsonAsync($"/v1/programs/{id}", Bodies.Emergency(other), "\"1\"");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "organizationId");
        var program = await Admin.GetJsonAsync($"/v1/programs/{id}");
        Assert.That(program.Id("organizationId"), Is.EqualTo(shelter.OrganizationId));
        Assert.That((int?)program["version"], Is.EqualTo(1));
    }

    [TestCase("maxBoyAge")]
    [TestCase("maxChildAge")]
    public async Task HudFundedFamilyProgramThatLimitsChildrensAgeIsWarned(string limit)
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["hudFunded"] = true;
        body["eligibility"]![limit] = 12;

        var created = await shelter.Client.CreateProgramAsync(body);
        var listed = (await Admin.GetJsonAsync("/v1/programs")).Items().Single();

        foreach (var program in new[] { created, listed })
        {
            var warnings = program["warnings"]!.AsArray();
            Assert.That(warnings.Select(w => (string?)w!["code"]), Is.EqualTo(new[] { "hud_child_age_limit" }));
            Assert.That((string?)warnings[0]!["message"], Does.Contain("11361a"));
        }
        Assert.That((int?)created["eligibility"]![limit], Is.EqualTo(12), "the policy is recorded, not refused");
    }

    [Test]
    public async Task ProgramWithoutHudFundingMayLimitBoysAgeWithoutWarning()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["hudFunded"] = false;
        body["eligibility"]!["maxBoyAge"] = 12;

        var program = await shelter.Client.CreateProgramAsync(body);

        Assert.That(program["warnings"]!.AsArray(), Is.Empty);
        Assert.That((int?)program["eligibility"]!["maxBoyAge"], Is.EqualTo(12));
    }

    [Test]
    public async Task HudFundedProgramWithoutFamilyInventoryIsNotWarned()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["hudFunded"] = true;
        body["inventory"] = new JsonArray(Bodies.Beds("adults_only", beds: 20, units: 0));
        body["eligibility"]!["maxChildAge"] = 12;

        var program = await shelter.Client.CreateProgramAsync(body);

        Assert.That(program["warnings"]!.AsArray(), Is.Empty);
    }
}

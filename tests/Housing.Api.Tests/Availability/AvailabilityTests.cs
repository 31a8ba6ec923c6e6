using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Availability;

public class AvailabilityTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task ShelterPostsOpenBedsAndReadsThemBack()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(adultsOnly: 3, families: 2));
        var posted = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.That(posted.Id("programId"), Is.EqualTo(id));
        Assert.That((string?)posted["snapshotId"], Is.Not.Null);
        Assert.That(response.ETag(), Is.EqualTo($"\"{posted["snapshotId"]}\""));
        Assert.That(DateTimeOffset.Parse((string)posted["postedAt"]!), Is.EqualTo(HousingApp.Start));
        Assert.That((long?)posted["ageSeconds"], Is.EqualTo(0));
        Assert.That((string?)posted["freshness"], Is.EqualTo("fresh"));
        Assert.That(Counts(posted), Is.EqualTo(new[]
        {
            ("adults_only", 3, "beds", 20),
            ("adults_with_children", 2, "beds", 12),
        }));

        var read = await shelter.Client.GetAsync($"/v1/programs/{id}/availability");
        Assert.That((await read.ExpectAsync(HttpStatusCode.OK)).ToJsonString(), Is.EqualTo(posted.ToJsonString()));
        Assert.That(read.ETag(), Is.EqualTo(response.ETag()));
    }

    [Test]
    public async Task RapidRehousingPostsOpenSlots()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.RapidRehousing(shelter.OrganizationId));

        var response = await shelter.Client.PostAvailabilityAsync(id, Bodies.Availability(
            Bodies.OpenSlots("adults_only", 4), Bodies.OpenSlots("adults_with_children", 0)));

        var posted = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.That(Counts(posted), Is.EqualTo(new[]
        {
            ("adults_only", 4, "slots", 15),
            ("adults_with_children", 0, "slots", 10),
        }));
    }

    [Test]
    public async Task AdminPostsForAnyProgram()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await Admin.PostAvailabilityAsync(id, Bodies.OpenBeds(1, 1));

        await response.ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task ProgramThatNeverPostedHasUnknownFreshness()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await shelter.Client.GetAsync($"/v1/programs/{id}/availability");
        var availability = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.That((string?)availability["freshness"], Is.EqualTo("unknown"));
        Assert.That(availability["snapshotId"], Is.Null);
        Assert.That(availability["postedAt"], Is.Null);
        Assert.That(availability["ageSeconds"], Is.Null);
        Assert.That(response.Headers.ETag, Is.Null);
        Assert.That(Counts(availability), Is.EqualTo(new[]
        {
            ("adults_only", 0, "beds", 20),
            ("adults_with_children", 0, "beds", 12),
        }), "never posted is never offered as open");
    }

    [TestCase(60 * 60, "fresh")]
    [TestCase(2 * 60 * 60 - 1, "fresh")]
    [TestCase(2 * 60 * 60, "aging")]
    [TestCase(3 * 60 * 60, "aging")]
    [TestCase(8 * 60 * 60, "aging")]
    [TestCase(8 * 60 * 60 + 1, "stale")]
    [TestCase(9 * 60 * 60, "stale")]
    public async Task PostedCountsAgeFromFreshToStale(int secondsLater, string grade)
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2))).ExpectAsync(HttpStatusCode.OK);

        App.Clock.Advance(TimeSpan.FromSeconds(secondsLater));
        var single = await shelter.Client.GetJsonAsync($"/v1/programs/{id}/availability");
        var listed = (await shelter.Client.GetJsonAsync("/v1/availability")).Items().Single();

        foreach (var availability in new[] { single, listed })
        {
            Assert.That((string?)availability["freshness"], Is.EqualTo(grade));
            Assert.That((long?)availability["ageSeconds"], Is.EqualTo(secondsLater));
            Assert.That(DateTimeOffset.Parse((string)availability["postedAt"]!), Is.EqualTo(HousingApp.Start));
        }
    }

    [Test]
    public async Task EachPostIsANewSnapshotAndTheLatestWins()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var first = await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2))).ExpectAsync(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromMinutes(30));

        var second = await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(1, 0))).ExpectAsync(HttpStatusCode.OK);
        var latest = await shelter.Client.GetJsonAsync($"/v1/programs/{id}/availability");

        Assert.That((string?)second["snapshotId"], Is.Not.EqualTo((string?)first["snapshotId"]));
        Assert.That((string?)latest["snapshotId"], Is.EqualTo((string?)second["snapshotId"]));
        Assert.That(Counts(latest).Select(c => c.Open), Is.EqualTo(new[] { 1, 0 }));
        Assert.That(DateTimeOffset.Parse((string)latest["postedAt"]!), Is.EqualTo(HousingApp.Start.AddMinutes(30)));
    }

    [Test]
    public async Task PostWithTheLatestSnapshotsETagSucceeds()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var first = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2));
        await first.ExpectAsync(HttpStatusCode.OK);

        var second = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(2, 2), ifMatch: first.ETag());

        var posted = await second.ExpectAsync(HttpStatusCode.OK);
        Assert.That(second.ETag(), Is.Not.EqualTo(first.ETag()));
        Assert.That(Counts(posted).Select(c => c.Open), Is.EqualTo(new[] { 2, 2 }));
    }

    [Test]
    public async Task PostWithAStaleSnapshotETagIsRefused()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var first = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2));
        var colleague = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(2, 2), ifMatch: first.ETag());
        await colleague.ExpectAsync(HttpStatusCode.OK);

        var stale = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(0, 1), ifMatch: first.ETag());

        var problem = await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/stale-version"));
        var latest = await shelter.Client.GetJsonAsync($"/v1/programs/{id}/availability");
        Assert.That(Counts(latest).Select(c => c.Open), Is.EqualTo(new[] { 2, 2 }), "the colleague's post stands");
        Assert.That($"\"{latest["snapshotId"]}\"", Is.EqualTo(colleague.ETag()));
    }

    [Test]
    public async Task PostWithIfMatchBeforeAnySnapshotIsRefused()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2), ifMatch: "\"1\"");

        await response.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That((string?)(await shelter.Client.GetJsonAsync($"/v1/programs/{id}/availability"))["freshness"], Is.EqualTo("unknown"));
    }

    [Test]
    public async Task RepeatingTheSameGuardedPostIsHarmless()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var first = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2));
        var second = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(2, 2), ifMatch: first.ETag());
        await second.ExpectAsync(HttpStatusCode.OK);

        var retry = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(2, 2), ifMatch: first.ETag());

        await retry.ExpectAsync(HttpStatusCode.OK);
        Assert.That(retry.ETag(), Is.EqualTo(second.ETag()), "no new snapshot for a retry");
    }

    [Test]
    public async Task CaseManagerListsOpenCapacityAcrossOrganisations()
    {
        var harbor = await App.NewShelterAsync("Harbor House");
        var bridge = await App.NewShelterAsync("Bridge Home");
        var emergency = await harbor.Client.CreateProgramIdAsync(Bodies.Emergency(harbor.OrganizationId));
        var rapid = await bridge.Client.CreateProgramIdAsync(Bodies.RapidRehousing(bridge.OrganizationId));
        await (await harbor.Client.PostAvailabilityAsync(emergency, Bodies.OpenBeds(3, 2))).ExpectAsync(HttpStatusCode.OK);
        var agency = await Admin.CreateOrganizationAsync("Coalition Hotline", "agency");
        var caseManager = await App.ClientForRoleAsync("case_manager", agency);

        var items = (await caseManager.GetJsonAsync("/v1/availability")).Items();

        Assert.That(items.Select(i => i.Id("programId")), Is.EquivalentTo(new[] { emergency, rapid }));
        var posted = items.Single(i => i.Id("programId") == emergency);
        Assert.That((string?)posted["programName"], Is.EqualTo("Harbor House Emergency Shelter"));
        Assert.That(posted.Id("organizationId"), Is.EqualTo(harbor.OrganizationId));
        Assert.That((string?)posted["kind"], Is.EqualTo("emergency"));
        Assert.That((string?)posted["region"], Is.EqualTo("spa-4"));
        Assert.That((string?)posted["freshness"], Is.EqualTo("fresh"));
        Assert.That(Counts(posted).Select(c => c.Open), Is.EqualTo(new[] { 3, 2 }));
        var never = items.Single(i => i.Id("programId") == rapid);
        Assert.That((string?)never["freshness"], Is.EqualTo("unknown"));
        Assert.That(Counts(never).Select(c => c.Open), Is.EqualTo(new[] { 0, 0 }));
    }

    [Test]
    public async Task AvailabilityIsFilteredByKindRegionHouseholdTypeAndMinimumOpen()
    {
        var shelter = await App.NewShelterAsync();
        var client = shelter.Client;
        var org = shelter.OrganizationId;
        var emergency = await client.CreateProgramIdAsync(Bodies.Emergency(org, "Emergency", region: "spa-4"));
        var transitional = await client.CreateProgramIdAsync(Bodies.Transitional(org, "Transitional", region: "spa-6"));
        var rapid = await client.CreateProgramIdAsync(Bodies.RapidRehousing(org, "Rapid", region: "spa-6"));
        var full = await client.CreateProgramIdAsync(Bodies.Emergency(org, "Full", region: "spa-4"));
        await (await client.PostAvailabilityAsync(emergency, Bodies.OpenBeds(adultsOnly: 5, families: 1))).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostAvailabilityAsync(transitional, Bodies.Availability(Bodies.OpenBeds("adults_with_children", 3, 1)))).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostAvailabilityAsync(rapid, Bodies.Availability(
            Bodies.OpenSlots("adults_only", 2), Bodies.OpenSlots("adults_with_children", 6)))).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostAvailabilityAsync(full, Bodies.OpenBeds(0, 0))).ExpectAsync(HttpStatusCode.OK);

        async Task<IEnumerable<Guid>> Ids(string query) => (await Admin.GetJsonAsync("/v1/availability" + query)).Items().Select(p => p.Id("programId"));

        Assert.That(await Ids(""), Is.EquivalentTo(new[] { emergency, transitional, rapid, full }));
        Assert.That(await Ids("?kind=emergency"), Is.EquivalentTo(new[] { emergency, full }));
        Assert.That(await Ids("?region=spa-6"), Is.EquivalentTo(new[] { transitional, rapid }));
        Assert.That(await Ids("?householdType=adults_only"), Is.EquivalentTo(new[] { emergency, rapid, full }));
        Assert.That(await Ids("?minOpen=1"), Is.EquivalentTo(new[] { emergency, transitional, rapid }));
        Assert.That(await Ids("?minOpen=3"), Is.EquivalentTo(new[] { emergency, transitional, rapid }));
        Assert.That(await Ids("?minOpen=6"), Is.EquivalentTo(new[] { rapid }), "slots count for rapid rehousing");
        Assert.That(await Ids("?householdType=adults_with_children&minOpen=2"), Is.EquivalentTo(new[] { transitional, rapid }));
        Assert.That(await Ids("?householdType=adults_only&minOpen=3"), Is.EquivalentTo(new[] { emergency }));
        Assert.That(await Ids("?kind=rapid_rehousing&region=spa-6&householdType=adults_only&minOpen=2"), Is.EqualTo(new[] { rapid }));
    }

    [TestCase("spa-4%00", TestName = "{m}(a NUL)")]
    [TestCase("spa-4%0A", TestName = "{m}(a line feed)")]
    [TestCase("spa-4%1B", TestName = "{m}(an escape)")]
    public async Task ARegionFilterWithAControlCharacterIsRefusedHereAsInTheProgramList(string region)
    {
        // No program's region can hold one, so an empty list would only hide the caller's mistake.
        foreach (var list in new[] { "/v1/availability", "/v1/programs" })
        {
            var problem = await (await Admin.GetAsync($"{list}?region={region}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "region");
            Assert.That((string?)problem["errors"]!["region"]![0], Is.EqualTo("Must not contain control characters."), list);
        }
    }

    [Test]
    public async Task AvailabilityIsPagedWithAfterTheLastPagesNext()
    {
        var shelter = await App.NewShelterAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, $"Shelter {i}"));
            await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(i + 1, 0))).ExpectAsync(HttpStatusCode.OK);
            ids.Add(id);
        }

        var first = await Admin.GetJsonAsync("/v1/availability?limit=3&minOpen=1");
        var second = await Admin.GetJsonAsync($"/v1/availability?limit=3&minOpen=1&after={first["next"]}");

        var expected = ApiCalls.InIdOrder(ids);
        Assert.That(first.Items().Select(i => i.Id("programId")), Is.EqualTo(expected.Take(3)));
        Assert.That(first.Id("next"), Is.EqualTo(expected[2]));
        Assert.That(second.Items().Select(i => i.Id("programId")), Is.EqualTo(expected.Skip(3)));
        Assert.That(second["next"], Is.Null);
    }

    [Test]
    public async Task ShelterListsOnlyItsOwnAvailability()
    {
        var harbor = await App.NewShelterAsync("Harbor House");
        var bridge = await App.NewShelterAsync("Bridge Home");
        var own = await harbor.Client.CreateProgramIdAsync(Bodies.Emergency(harbor.OrganizationId));
        await bridge.Client.CreateProgramIdAsync(Bodies.Emergency(bridge.OrganizationId));

        var items = (await harbor.Client.GetJsonAsync("/v1/availability")).Items();

        Assert.That(items.Select(i => i.Id("programId")), Is.EqualTo(new[] { own }));
    }

    [Test]
    public async Task OpenCountNeverExceedsTodaysInventoryAfterACut()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(20, 12))).ExpectAsync(HttpStatusCode.OK);
        var smaller = Bodies.Emergency(shelter.OrganizationId);
        smaller["inventory"] = new JsonArray(Bodies.Beds("adults_only", beds: 5, units: 0), Bodies.Beds("adults_with_children", beds: 12, units: 4));
        await (await shelter.Client.PutJsonAsync($"/v1/programs/{id}", smaller, "\"1\"")).ExpectAsync(HttpStatusCode.OK);

        var availability = await shelter.Client.GetJsonAsync($"/v1/programs/{id}/availability");

        Assert.That(Counts(availability), Is.EqualTo(new[]
        {
            ("adults_only", 5, "beds", 5),
            ("adults_with_children", 12, "beds", 12),
        }));
    }

    [Test]
    public async Task SeasonalBedsLapseByThemselves()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["inventory"]![1]!["availability"] = "seasonal";
        body["inventory"]![1]!["endDate"] = "2026-03-31";
        var id = await shelter.Client.CreateProgramIdAsync(body);
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 6))).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await FamilyProgramsAsync("?householdType=adults_with_children&minOpen=1"), Is.EqualTo(new[] { id }));

        App.Clock.Advance(TimeSpan.FromDays(30)); // 1 April: the winter family beds are gone

        var availability = await shelter.Client.GetJsonAsync($"/v1/programs/{id}/availability");
        Assert.That(Counts(availability).Select(c => c.HouseholdType), Is.EqualTo(new[] { "adults_only" }));
        Assert.That(await FamilyProgramsAsync("?householdType=adults_with_children"), Is.Empty, "no family inventory today");
        Assert.That(await FamilyProgramsAsync("?householdType=adults_with_children&minOpen=1"), Is.Empty, "the old family count is not offered");
        var familyPost = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 6));
        await familyPost.ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[1].householdType");
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.Availability(Bodies.OpenBeds("adults_only", 2)))).ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task MinimumOpenFilterCountsNoMoreThanTodaysInventory()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(20, 0))).ExpectAsync(HttpStatusCode.OK);
        var smaller = Bodies.Emergency(shelter.OrganizationId);
        smaller["inventory"]![0]!["beds"] = 5;
        await (await shelter.Client.PutJsonAsync($"/v1/programs/{id}", smaller, "\"1\"")).ExpectAsync(HttpStatusCode.OK);

        var atLeastFive = (await Admin.GetJsonAsync("/v1/availability?minOpen=5")).Items();
        var atLeastTen = (await Admin.GetJsonAsync("/v1/availability?minOpen=10")).Items();

        Assert.That(atLeastFive.Select(i => i.Id("programId")), Is.EqualTo(new[] { id }));
        Assert.That(atLeastTen, Is.Empty, "the program shows 5 open, so it must not match a search for 10");
    }

    private async Task<IEnumerable<Guid>> FamilyProgramsAsync(string query) =>
        (await Admin.GetJsonAsync("/v1/availability" + query)).Items().Select(i => i.Id("programId"));

    private static IReadOnlyList<(string HouseholdType, int Open, string Measure, int Capacity)> Counts(JsonNode availability) =>
        availability["counts"]!.AsArray()
            .Select(c => ((string)c!["householdType"]!, (int)c["open"]!, (string)c["measure"]!, (int)c["capacity"]!))
            .ToList();
}

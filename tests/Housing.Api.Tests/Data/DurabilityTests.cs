using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Data;

/// <summary>What the service acknowledged is still there after it stops and starts again on the same database.</summary>
[TestFixture(DatabaseEngine.Sqlite)]
[TestFixture(DatabaseEngine.Postgres)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)]
public class DurabilityTests(DatabaseEngine engine)
{
    [Test]
    public async Task AcknowledgedAvailabilitySurvivesARestart()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        Guid programId;
        string shelterKey;
        string acknowledged;
        string? etag;

        await using (var before = new HousingApp(database))
        {
            var organization = await before.Admin.CreateOrganizationAsync();
            shelterKey = await before.Admin.IssueKeyAsync("shelter", organization);
            var shelter = before.Client(shelterKey);
            programId = await shelter.CreateProgramIdAsync(Bodies.Emergency(organization));
            var response = await shelter.PostAvailabilityAsync(programId, Bodies.OpenBeds(3, 2));
            acknowledged = (await response.ExpectAsync(HttpStatusCode.OK)).ToJsonString();
            etag = response.ETag();
        }

        await using var after = new HousingApp(database);
        var read = await after.Client(shelterKey).GetAsync($"/v1/programs/{programId}/availability");

        Assert.That((await read.ExpectAsync(HttpStatusCode.OK)).ToJsonString(), Is.EqualTo(acknowledged),
            "same snapshot id, time and counts (both apps' clocks start at the same instant)");
        Assert.That(read.ETag(), Is.EqualTo(etag));

        // The open-capacity listing is served from memory: it must be rebuilt from the file on start.
        var listed = (await after.Admin.GetJsonAsync("/v1/availability?minOpen=3")).Items();
        Assert.That(listed.Select(p => p.Id("programId")), Is.EqualTo(new[] { programId }));
    }

    [Test]
    public async Task ProgramsKeysAndRevocationsSurviveARestart()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        Guid programId;
        string program;
        string liveKey, revokedKey;

        await using (var before = new HousingApp(database))
        {
            var organization = await before.Admin.CreateOrganizationAsync();
            liveKey = await before.Admin.IssueKeyAsync("shelter", organization);
            revokedKey = await before.Admin.IssueKeyAsync("reporter");
            var revokedId = (await before.Admin.GetJsonAsync("/v1/api-keys")).AsArray().Single(k => (string?)k!["role"] == "reporter")!.Id();
            await (await before.Admin.DeleteAsync($"/v1/api-keys/{revokedId}")).ExpectAsync(HttpStatusCode.NoContent);
            var shelter = before.Client(liveKey);
            programId = await shelter.CreateProgramIdAsync(Bodies.Emergency(organization));
            await (await shelter.PutJsonAsync($"/v1/programs/{programId}", Bodies.Emergency(organization, "Renamed"), "\"1\"")).ExpectAsync(HttpStatusCode.OK);
            program = (await shelter.GetJsonAsync($"/v1/programs/{programId}")).ToJsonString();
        }

        await using var after = new HousingApp(database);
        var shelterAfter = after.Client(liveKey);
        var programs = (await shelterAfter.GetJsonAsync("/v1/programs")).Items();

        Assert.That(programs.Select(p => p.Id()), Is.EqualTo(new[] { programId }));
        Assert.That((await shelterAfter.GetJsonAsync($"/v1/programs/{programId}")).ToJsonString(), Is.EqualTo(program));
        Assert.That((int?)programs.Single()["version"], Is.EqualTo(2));
        await (await after.Client(revokedKey).GetAsync("/v1/programs")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }
}

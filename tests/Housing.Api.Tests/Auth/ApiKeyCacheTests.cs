using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Auth;

/// <summary>
/// Keys are cached for Auth:KeyCacheSeconds (30 s by default). A revocation through this
/// instance takes effect at once; one made by another instance on the same database takes
/// effect within the cache time, and never later.
/// </summary>
[TestFixture(DatabaseEngine.Sqlite)]
[TestFixture(DatabaseEngine.Postgres)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)]
public class ApiKeyCacheTests(DatabaseEngine engine)
{
    [Test]
    public async Task AKeyRevokedByAnotherInstanceStopsWorkingWithinTheCacheTime()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var first = new HousingApp(database);
        var key = await first.Admin.IssueKeyAsync("reporter");
        var keyId = (await first.Admin.GetJsonAsync("/v1/api-keys")).AsArray().Single()!.Id();
        var client = first.Client(key);
        await (await client.GetAsync("/v1/programs")).ExpectAsync(HttpStatusCode.OK);

        await using (var second = new HousingApp(database))
        {
            await (await second.Admin.DeleteAsync($"/v1/api-keys/{keyId}")).ExpectAsync(HttpStatusCode.NoContent);
        }

        first.Clock.Advance(TimeSpan.FromSeconds(29));
        await (await client.GetAsync("/v1/programs")).ExpectAsync(HttpStatusCode.OK);
        first.Clock.Advance(TimeSpan.FromSeconds(2));
        await (await client.GetAsync("/v1/programs")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AKeyRevokedThroughThisInstanceStopsWorkingAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var app = new HousingApp(database);
        var key = await app.Admin.IssueKeyAsync("reporter");
        var keyId = (await app.Admin.GetJsonAsync("/v1/api-keys")).AsArray().Single()!.Id();
        var client = app.Client(key);
        await (await client.GetAsync("/v1/programs")).ExpectAsync(HttpStatusCode.OK);

        await (await app.Admin.DeleteAsync($"/v1/api-keys/{keyId}")).ExpectAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync("/v1/programs")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }
}

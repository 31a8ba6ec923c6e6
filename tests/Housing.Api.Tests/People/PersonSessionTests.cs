using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.People;

/// <summary>Disabling a person through one instance ends their open session on another at its next request: the session's check reads the person's row, uncached.</summary>
[TestFixture(DatabaseEngine.Sqlite)]
[TestFixture(DatabaseEngine.Postgres)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)]
public class PersonSessionTests(DatabaseEngine engine)
{
    [Test]
    public async Task APersonDisabledThroughAnotherInstanceIsSignedOutAtTheirNextRequest()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var first = new HousingApp(database);
        var organization = await first.Admin.CreateOrganizationAsync("Hotline", "agency");
        var (browser, id, _) = await PersonSignIns.NewPersonAsync(first, "mid.session@example.org", "case_manager", organization);
        Assert.That((await browser.Client.GetAsync("/search")).RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/search"));

        await using (var second = new HousingApp(database))
        {
            await (await second.Admin.PostAsync($"/v1/people/{id}/disable", null)).ExpectAsync(System.Net.HttpStatusCode.OK);
        }

        Assert.That((await browser.Client.GetAsync("/search")).RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/"), "the session ended, no cache in the way");
    }
}

using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Operations;

public class HealthTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task LivenessAnswersWithoutAKey()
    {
        var response = await App.Client(null).GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task ReadinessIsHealthyOnceTheDatabaseIsMigrated()
    {
        var response = await App.Client(null).GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
        if (App.Database is SqliteTestDatabase sqlite) Assert.That(File.Exists(sqlite.Path), Is.True, "the app should create its database file");
    }

    [Test]
    public async Task UnknownRouteIsAProblem()
    {
        var response = await Admin.GetAsync("/v1/nothing-here");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

using System.Net;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Housing.Api.Tests.Data;

/// <summary>
/// PostgreSQL is a server across a network: it restarts, fails over, drops connections and
/// sometimes hangs. Opening a connection is retried with backoff within timeouts, and
/// readiness answers what the database answers. (SQLite is a file in the process: none of this applies.)
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)]
public sealed class PostgresResilienceTests
{
    [Test]
    public async Task ReadinessIsUnavailableWhileTheDatabaseIsUnreachableAndReadyOnceItIsBack()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var proxy = new TcpProxy(database.Server.Host, database.Server.Port);
        await using var app = new HousingApp(database, database.SettingsThrough(proxy.Port));
        var client = app.Client(null);
        Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        proxy.Stop();
        Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "pooled connections are cut");
        Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "and new ones are refused");
        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the process itself is alive");
        await (await app.Admin.GetAsync("/v1/programs")).ExpectProblemAsync(HttpStatusCode.InternalServerError);

        proxy.Start();
        Assert.That(await ReadyWithinAsync(client, TimeSpan.FromSeconds(15)), Is.True, "ready again once the database is back");
        await (await app.Admin.GetAsync("/v1/programs")).ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task AnInstanceStartsThoughTheDatabaseDropsItsFirstConnectionsAndLogsTheRetriesWithoutThePassword()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var proxy = new TcpProxy(database.Server.Host, database.Server.Port);
        proxy.DropNext(2);
        var logs = new CapturedLogs();
        await using var app = new HousingApp(database, database.SettingsThrough(proxy.Port), services => services.AddSingleton<ILoggerProvider>(logs));

        Assert.That((await app.Client(null).GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(proxy.Dropped, Is.EqualTo(2));
        Assert.That(logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("retry 1 of 3")).ToList(), Is.Not.Empty);
        Assert.That(logs.Lines, Has.Some.Contains($"postgres://127.0.0.1:{proxy.Port}/"), "the database is named by server and database");
        if (database.Password is { Length: > 0 } password) Assert.That(logs.Lines, Has.None.Contains(password));
    }

    [Test]
    public async Task AnInstanceWhoseDatabaseDoesNotAnswerGivesUpAfterItsTimeoutsInsteadOfHanging()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var proxy = new TcpProxy(database.Server.Host, database.Server.Port) { Silent = true };
        var settings = new Dictionary<string, string?>(database.SettingsThrough(proxy.Port))
        {
            ["Database:OpenTimeoutSeconds"] = "1",
            ["Database:OpenRetries"] = "1",
        };
        await using var app = new HousingApp(database, settings);
        var started = DateTime.UtcNow;

        var failure = Assert.CatchAsync(() => app.Client(null).GetAsync("/health/live"), "it cannot migrate, so it does not start");

        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)), "two attempts of a second each, and a short backoff");
        Assert.That(failure, Is.InstanceOf<Npgsql.NpgsqlException>().Or.InstanceOf<TimeoutRejectedException>(), failure?.ToString());
    }

    private static async Task<bool> ReadyWithinAsync(HttpClient client, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        do
        {
            if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return true;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }
}

using Housing.Api.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// Each test gets its own app and its own database, so tests can run side by side. Every
/// fixture runs twice, once per engine: on SQLite, and on PostgreSQL when
/// <c>HOUSING_TEST_POSTGRES</c> names a server (otherwise those runs are skipped, with the reason).
/// </summary>
[TestFixture(DatabaseEngine.Sqlite)]
[TestFixture(DatabaseEngine.Postgres)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)]
public abstract class HousingTest(DatabaseEngine engine)
{
    private TestDatabase? _database;
    private HousingApp? _app;

    protected DatabaseEngine Engine => engine;

    protected HousingApp App => _app ?? throw new InvalidOperationException("The app starts in SetUp.");

    protected HttpClient Admin => App.Admin;

    /// <summary>Configuration this fixture's apps start with, on top of the app's own.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Services this fixture's apps replace, after the app's own.</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    [SetUp]
    public async Task StartApp()
    {
        _database = await TestDatabase.RentAsync(engine);
        _app = new HousingApp(_database, Settings, Services);
    }

    [TearDown]
    public async Task StopApp()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>Another database on this fixture's engine, for a test that starts and stops apps itself.</summary>
    protected Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreateAsync(engine);
}

namespace Housing.Api.Tests.Infrastructure;

/// <summary>Each test gets its own app and its own database file, so tests can run side by side.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)]
public abstract class HousingTest
{
    private HousingApp? _app;

    protected HousingApp App => _app ?? throw new InvalidOperationException("The app starts in SetUp.");

    protected HttpClient Admin => App.Admin;

    [SetUp]
    public void StartApp() => _app = new HousingApp();

    [TearDown]
    public async Task StopApp()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

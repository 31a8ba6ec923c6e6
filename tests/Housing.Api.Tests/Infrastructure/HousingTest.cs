using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>Each test gets its own app and its own database file, so tests can run side by side.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)]
public abstract class HousingTest
{
    private HousingApp? _app;

    protected HousingApp App => _app ?? throw new InvalidOperationException("The app starts in SetUp.");

    protected HttpClient Admin => App.Admin;

    /// <summary>Configuration this fixture's apps start with, on top of the app's own.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Services this fixture's apps replace, after the app's own.</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    [SetUp]
    public void StartApp() => _app = new HousingApp(settings: Settings, services: Services);

    [TearDown]
    public async Task StopApp()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

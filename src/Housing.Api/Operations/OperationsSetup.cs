using Housing.Api.Demo;

namespace Housing.Api.Operations;

public static class OperationsSetup
{
    public static IServiceCollection AddHousingOperations(this IServiceCollection services)
    {
        // A database that hangs makes readiness answer "unavailable" in 5 s rather than never.
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"], timeout: TimeSpan.FromSeconds(5));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        // Every clock read goes through it, so tests can move time.
        services.AddSingleton(TimeProvider.System);
        services.AddTransient<DemoSeeder>();
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }
}

using Housing.Api.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Housing.Api.Operations;

/// <summary>
/// Ready when the database answers a real query and carries every migration this build knows;
/// unavailable (503) while it does not, such as when a PostgreSQL server is down or failing over.
/// </summary>
public sealed class DatabaseReadyCheck(IDbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await connections.OpenAsync(cancellationToken);
            var version = await Migrator.CurrentVersionAsync(db, cancellationToken);
            return version >= Migrator.LatestVersion
                ? HealthCheckResult.Healthy($"schema version {version}")
                : HealthCheckResult.Unhealthy($"schema version {version}, expected {Migrator.LatestVersion}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }
}

public static class OperationsSetup
{
    public static IServiceCollection AddHousingOperations(this IServiceCollection services)
    {
        // A database that hangs makes readiness answer "unavailable" in 5 s rather than never.
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"], timeout: TimeSpan.FromSeconds(5));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }
}

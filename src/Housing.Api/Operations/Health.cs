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

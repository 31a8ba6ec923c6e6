using Microsoft.Extensions.Options;

namespace Housing.Api.Data;

public static class DataServices
{
    public const string DefaultConnectionString = "Data Source=data/housing.db";

    public static IServiceCollection AddHousingData(this IServiceCollection services)
    {
        TypeHandlers.Register();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDbConnectionFactory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Housing");
            var logs = sp.GetRequiredService<ILoggerFactory>();
            if (options.Engine == DatabaseEngine.Postgres)
            {
                if (connectionString is null || connectionString == DefaultConnectionString)
                    throw new InvalidOperationException(
                        "Database:Provider is postgres: set ConnectionStrings:Housing to Host=...;Database=...;Username=...;Password=...");
                var postgres = new PostgresConnectionFactory(connectionString, options, logs);
                logs.CreateLogger<PostgresConnectionFactory>().LogInformation("Database: {Database}", postgres.Describe);
                return postgres;
            }
            return new SqliteConnectionFactory(connectionString ?? DefaultConnectionString, Environment.CurrentDirectory, options.CommandTimeoutSeconds);
        });
        services.AddSingleton<Migrator>();
        return services;
    }

    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        _ = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
    }
}

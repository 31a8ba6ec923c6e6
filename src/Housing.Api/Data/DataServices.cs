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
            var configuration = sp.GetRequiredService<IConfiguration>();
            var connectionString = configuration.GetConnectionString("Housing") ?? DefaultConnectionString;
            return new SqliteConnectionFactory(connectionString, Environment.CurrentDirectory);
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

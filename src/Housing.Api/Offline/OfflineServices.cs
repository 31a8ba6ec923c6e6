namespace Housing.Api.Offline;

public static class OfflineServices
{
    public static IServiceCollection AddOffline(this IServiceCollection services)
    {
        services.AddOptions<OfflineOptions>().BindConfiguration(OfflineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OfflineStore>();
        services.AddSingleton<OfflineOperations>();
        return services;
    }
}

namespace Housing.Api.Watches;

public static class WatchServices
{
    public static IServiceCollection AddWatches(this IServiceCollection services)
    {
        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.DefaultDays <= o.MaxDays, "Watches:DefaultDays must not be more than Watches:MaxDays.").ValidateOnStart();
        services.AddSingleton<WatchSignal>();
        services.AddSingleton<WatchStore>();
        services.AddSingleton<WatchOperations>();
        services.AddSingleton<WatchWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchWorker>());
        return services;
    }
}

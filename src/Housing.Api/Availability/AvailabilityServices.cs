namespace Housing.Api.Availability;

public static class AvailabilityServices
{
    public static IServiceCollection AddAvailability(this IServiceCollection services)
    {
        services.AddOptions<AvailabilityOptions>().BindConfiguration(AvailabilityOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AvailabilityStore>();
        services.AddSingleton<AvailabilityOperations>();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CountReminderStore>();
        services.AddSingleton<StaleCounts>();
        services.AddSingleton<CountReminderSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<CountReminderSweeper>());
        return services;
    }
}

namespace Housing.Api.Availability;

public static class AvailabilityServices
{
    public static IServiceCollection AddAvailability(this IServiceCollection services)
    {
        services.AddOptions<AvailabilityOptions>().BindConfiguration(AvailabilityOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AvailabilityStore>();
        services.AddSingleton<AvailabilityOperations>();
        return services;
    }
}

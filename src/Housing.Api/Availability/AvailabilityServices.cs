namespace Housing.Api.Availability;

public static class AvailabilityServices
{
    public static IServiceCollection AddAvailability(this IServiceCollection services)
    {
        services.AddSingleton<AvailabilityStore>();
        services.AddSingleton<AvailabilityOperations>();
        return services;
    }
}

namespace Housing.Api.Overflow;

public static class OverflowServices
{
    public static IServiceCollection AddOverflow(this IServiceCollection services)
    {
        services.AddOptions<OverflowOptions>().BindConfiguration(OverflowOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OverflowStore>();
        services.AddSingleton<OverflowOperations>();
        return services;
    }
}

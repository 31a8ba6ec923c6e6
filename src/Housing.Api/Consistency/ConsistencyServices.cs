namespace Housing.Api.Consistency;

public static class ConsistencyServices
{
    public static IServiceCollection AddConsistency(this IServiceCollection services)
    {
        services.AddOptions<ConsistencyOptions>().BindConfiguration(ConsistencyOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConsistencyStore>();
        services.AddSingleton<ConsistencyCheck>();
        services.AddSingleton<ConsistencyOperations>();
        services.AddHostedService<ConsistencyWorker>();
        return services;
    }
}

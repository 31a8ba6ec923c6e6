namespace Housing.Api.Asks;

public static class AsksServices
{
    public static IServiceCollection AddAsks(this IServiceCollection services)
    {
        services.AddOptions<AskOptions>().BindConfiguration(AskOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AskStore>();
        services.AddSingleton<AskOperations>();
        services.AddSingleton<AskSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<AskSweeper>());
        return services;
    }
}

namespace Housing.Api.Programs;

public static class ProgramServices
{
    public static IServiceCollection AddPrograms(this IServiceCollection services)
    {
        services.AddSingleton<ProgramStore>();
        services.AddSingleton<DefaultEligibilityStore>();
        services.AddSingleton<ProgramOperations>();
        return services;
    }
}

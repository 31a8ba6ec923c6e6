namespace Housing.Api.Catalog;

public static class CatalogServices
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ProgramCatalog>();
        services.AddSingleton<CatalogRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogRefresher>());
        return services;
    }
}

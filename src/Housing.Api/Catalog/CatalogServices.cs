using System.ComponentModel.DataAnnotations;
using Housing.Api.Availability;
using Housing.Api.Data;
using Housing.Api.Organizations;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Microsoft.Extensions.Options;

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

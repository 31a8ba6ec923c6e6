using Housing.Api.Imports.Hmis;

namespace Housing.Api.Imports;

public static class ImportServices
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddSingleton<HmisImporter>();
        return services;
    }
}

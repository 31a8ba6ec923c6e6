using Housing.Api.Imports.Hmis;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Housing.Api.Imports;

public static class ImportServices
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddSingleton<HmisImporter>();
        services.AddOptions<ImportUploadOptions>().BindConfiguration(ImportUploadOptions.Section);
        services.AddSingleton<ImportUploads>();
        services.AddSingleton<IConfigureOptions<FormOptions>, ImportFormLimits>();
        return services;
    }
}

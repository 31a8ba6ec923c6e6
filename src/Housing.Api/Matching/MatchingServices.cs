using System.ComponentModel.DataAnnotations;
using Housing.Api.Places;

namespace Housing.Api.Matching;

public static class MatchingServices
{
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Validator.TryValidateObject(o.Weights, new ValidationContext(o.Weights), null, validateAllProperties: true),
                "Each Matching:Weights value must be between 0 and 100.")
            .ValidateOnStart();
        services.AddOptions<FallbackOptions>().BindConfiguration(FallbackOptions.Section)
            .Validate(o => o.IsValid(), "Each Fallbacks:Resources entry needs a Name, its Hours, and a Phone or a Url.")
            .ValidateOnStart();
        services.AddPlaces();
        services.AddSingleton<MatchIndexCache>();
        services.AddSingleton<SearchLog>();
        services.AddSingleton<MatchOperations>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchLog>());
        services.AddSingleton<SearchWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchWarmUp>());
        return services;
    }
}

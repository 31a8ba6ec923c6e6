using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Housing.Api.Http;

/// <summary>How requests and answers are read and written: JSON, body limits, strict enum values.</summary>
public static class HttpServices
{
    public static IServiceCollection AddHousingHttp(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.Configure<JsonOptions>(o => HousingJson.Configure(o.SerializerOptions));
        return services;
    }

    /// <summary>Inside the exception handler, so a body over the limit is answered as a 413 problem.</summary>
    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        app.UseMiddleware<RequestBodyLimit>(limits.MaxRequestBodyBytes, limits.MaxImportBytes);
        return app;
    }

    /// <summary>After routing (it needs the endpoint's body type) and authorization (a caller without a key hears 401 first).</summary>
    public static WebApplication UseStrictEnumBodies(this WebApplication app)
    {
        app.UseMiddleware<StrictEnumBodies>();
        return app;
    }
}

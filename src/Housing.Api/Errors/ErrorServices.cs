using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Housing.Api.Errors;

public static class ErrorServices
{
    public static IServiceCollection AddHousingErrors(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.Configure<JsonOptions>(o => HousingJson.Configure(o.SerializerOptions));
        // Binding failures throw, so the handler below can say which field was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Before AddProblemDetails: the first writer that accepts a problem writes it.
        services.AddSingleton<IProblemDetailsWriter, ApiProblemWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    public static WebApplication UseHousingErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        var framework = new StatusCodePagesOptions().HandleAsync;
        app.UseStatusCodePages(context => UnreadQueryValues.WriteAsync(context, framework));
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        app.UseMiddleware<RequestBodyLimit>(limits.MaxRequestBodyBytes);
        return app;
    }

    /// <summary>After routing (it needs the endpoint's body type) and authorization (a caller without a key hears 401 first).</summary>
    public static WebApplication UseStrictEnumBodies(this WebApplication app)
    {
        app.UseMiddleware<StrictEnumBodies>();
        return app;
    }
}

using Housing.Api.Http;

namespace Housing.Api.Errors;

/// <summary>Every refusal as RFC 9457 problem+json, whichever part of the pipeline refuses.</summary>
public static class ErrorServices
{
    public static IServiceCollection AddHousingErrors(this IServiceCollection services)
    {
        // Binding failures throw, so the handler below can say which field was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Before AddProblemDetails: the first writer that accepts a problem writes it.
        services.AddSingleton<IProblemDetailsWriter, ApiProblemWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<WriteConflictExceptionHandler>();
        services.AddHousingHttp();
        return services;
    }

    public static WebApplication UseHousingErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        var framework = new StatusCodePagesOptions().HandleAsync;
        app.UseStatusCodePages(context => UnreadQueryValues.WriteAsync(context, framework));
        app.UseRequestBodyLimit();
        return app;
    }
}

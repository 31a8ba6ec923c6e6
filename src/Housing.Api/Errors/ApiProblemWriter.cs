using System.Diagnostics;
using Housing.Api.Web;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Housing.Api.Errors;

/// <summary>
/// Writes every problem on an API path as problem+json, whatever the request's Accept says.
/// The framework's own writer declines when Accept names no JSON type, and then a refusal
/// raised outside a handler (the key check, routing, binding, the body limit, the exception
/// handler) goes out empty, as text, or as a 500 from the writer's absence. A refusal is not
/// content a client negotiates: it reads one shape, or nothing it can act on. Console pages
/// are left to the framework's writer and the console's own error pages.
/// </summary>
public sealed class ApiProblemWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => !ConsolePaths.IsConsole(context.HttpContext.Request.Path);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        // The same defaults (RFC 9110 type and title per status) a handler's TypedResults.Problem gets.
        _ = TypedResults.Problem(problem);
        // As the framework's writer adds it, so a problem reads the same whichever wrote it.
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        await response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ContentType, context.HttpContext.RequestAborted);
    }
}

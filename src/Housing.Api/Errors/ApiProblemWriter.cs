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
        problem.Title = StandardTitle(problem.Status, problem.Title);
        // The exception handler clears the headers request localization set: say the language again.
        if (!response.HasStarted && response.Headers.ContentLanguage.Count == 0) response.Headers.ContentLanguage = Language.Current;
        // As the framework's writer adds it, so a problem reads the same whichever wrote it.
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        await response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ContentType, context.HttpContext.RequestAborted);
    }

    /// <summary>
    /// The framework's standard title for a status (RFC 9110's reason phrase, or the validation
    /// problem's sentence) in the request's language; any other title is left as it is.
    /// </summary>
    public static string? StandardTitle(int? status, string? title) => Language.Current == Language.English ? title : (status, title) switch
    {
        (400, "One or more validation errors occurred.") => ProblemText.Problem_Status_Validation,
        (400, "Bad Request") => ProblemText.Problem_Status_400,
        (401, "Unauthorized") => ProblemText.Problem_Unauthorized_Title,
        (403, "Forbidden") => ProblemText.Problem_Forbidden_Title,
        (404, "Not Found") => ProblemText.Problem_Status_404,
        (405, "Method Not Allowed") => ProblemText.Problem_Status_405,
        (406, "Not Acceptable") => ProblemText.Problem_Status_406,
        (408, "Request Timeout") => ProblemText.Problem_Status_408,
        (409, "Conflict") => ProblemText.Problem_Status_409,
        (412, "Precondition Failed") => ProblemText.Problem_Status_412,
        (413, "Payload Too Large" or "Content Too Large") => ProblemText.Problem_Status_413,
        (415, "Unsupported Media Type") => ProblemText.Problem_Status_415,
        (422, "Unprocessable Entity" or "Unprocessable Content") => ProblemText.Problem_Status_422,
        (428, "Precondition Required") => ProblemText.Problem_Status_428,
        (429, "Too Many Requests") => ProblemText.Problem_RateLimited_Title,
        (500, "An error occurred while processing your request.") => ProblemText.Problem_Status_500,
        _ => title,
    };
}

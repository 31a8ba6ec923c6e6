using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Housing.Api.Errors;

/// <summary>
/// Turns the framework's binding failures (malformed JSON, wrong types, unknown fields or
/// enum values, a missing body, a wrong content type, a body over the limit or too slow) into problem+json
/// that names the field, without echoing the client's data or our type names back.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;

        var status = bad.StatusCode;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status };
        switch (status)
        {
            case StatusCodes.Status413PayloadTooLarge:
                problem.Title = ProblemText.Problem_BodyTooLarge_Title;
                problem.Type = Problems.TypeUri("body-too-large");
                problem.Detail = bad.Message;
                break;
            case StatusCodes.Status408RequestTimeout:
                // Kestrel's minimum body data rate: the body trickled in too slowly, which is not a malformed one.
                problem.Title = ProblemText.Problem_Timeout_Title;
                problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.9";
                problem.Detail = ProblemText.Problem_Timeout_Detail;
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Title = ProblemText.Problem_UnsupportedMediaType_Title;
                problem.Detail = ProblemText.Problem_UnsupportedMediaType_Detail;
                break;
            default:
                problem.Title = ProblemText.Problem_Malformed_Title;
                problem.Type = Problems.TypeUri("malformed-request");
                var (field, message) = Describe(context, bad);
                problem.Detail = message;
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
                break;
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static (string Field, string Message) Describe(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            // Validation names fields "inventory[0].beds"; the parser says "$.inventory[0].beds".
            // One spelling, so a client can map every error to its field the same way.
            var field = string.IsNullOrEmpty(json.Path) ? "$"
                : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..]
                : json.Path;
            var text = json.Message;
            if (text.Contains("could not be mapped", StringComparison.Ordinal)) return (field, ProblemText.Problem_Malformed_UnknownField);
            // "…missing required properties including: 'latitude', 'longitude'.": name the first, as validation would.
            if (text.Contains("missing required properties", StringComparison.Ordinal) && text.Split('\'') is [_, _, _, var missing, ..])
                return (field == "$" ? missing : $"{field}.{missing}", ProblemText.Problem_Required);
            if (text.Contains("Duplicate", StringComparison.OrdinalIgnoreCase)) return (field, ProblemText.Problem_Malformed_DuplicateField);
            if (text.Contains("maximum configured depth", StringComparison.Ordinal)) return (field, ProblemText.Problem_Malformed_TooDeep);
            if (text.Contains("could not be converted", StringComparison.Ordinal)) return (field, ProblemText.Problem_Malformed_WrongType);
            if (text.Contains("null", StringComparison.OrdinalIgnoreCase) && text.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
                return (field, ProblemText.Problem_Malformed_NotNull);
            return (field, ProblemText.Problem_Malformed_Json);
        }
        if (bad.Message.Contains("no body was provided", StringComparison.Ordinal)
            || (bad.Message.Contains("Required parameter", StringComparison.Ordinal) && bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)))
            return ("$", ProblemText.Problem_Malformed_BodyRequired);
        if (bad.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal))
        {
            var name = bad.Message.Split('"').ElementAtOrDefault(1)?.Split(' ').LastOrDefault() is { } named
                ? UnreadQueryValues.QueryName(context, named) : "query";
            return (name, ProblemText.Problem_Malformed_WrongParameterType);
        }
        return ("$", ProblemText.Problem_Malformed_Unreadable);
    }
}

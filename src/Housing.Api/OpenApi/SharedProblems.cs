using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Housing.Api.OpenApi;

/// <summary>
/// The problem answers every operation can give, described once under components/responses and
/// referenced from each operation, instead of an inline copy per operation. An operation whose
/// answer means something of its own (a 403 for a partner agency) keeps its own description.
/// </summary>
public static class SharedProblems
{
    private sealed record Shared(string Name, string Description, params string[] Generic);

    private static readonly Dictionary<string, Shared> ByStatus = new()
    {
        ["400"] = new("BadRequest", "The request is malformed or fails validation; `errors` names each field.", "Bad Request"),
        ["401"] = new("Unauthorized", "No API key, or a key that is not valid or has been revoked."),
        ["403"] = new("Forbidden", "The key's role may not do this."),
        ["404"] = new("NotFound", "Nothing with this id that this key may see.", "Not Found"),
        ["405"] = new("MethodNotAllowed", "The path exists, but not with this method."),
        ["406"] = new("NotAcceptable", "None of the media types Accept names can be given.", "Not Acceptable"),
        ["408"] = new("RequestTimeout", "The request's headers or body arrived too slowly."),
        ["409"] = new("Conflict", "The request conflicts with the current state; the problem's type and detail say how.", "Conflict"),
        ["412"] = new("PreconditionFailed", "If-Match names a version that is no longer current."),
        ["413"] = new("PayloadTooLarge", "The body is larger than the service accepts."),
        ["415"] = new("UnsupportedMediaType", "The body is not application/json."),
        ["422"] = new("UnprocessableContent", "The request is well formed but cannot be carried out; the problem's type and detail say why.", "Unprocessable Entity"),
        ["429"] = new("TooManyRequests", "Too many requests from this key (or, without a valid key, this address); the Retry-After header gives the seconds to wait."),
        ["500"] = new("ServerError", "The service failed, for instance because its database did not answer; quote the requestId when reporting it.", "Internal Server Error"),
    };

    public static void AddComponents(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
        foreach (var (status, shared) in ByStatus)
        {
            var headers = new Dictionary<string, IOpenApiHeader> { ["X-Request-Id"] = new OpenApiHeaderReference("X-Request-Id", document) };
            if (status == "429") headers["Retry-After"] = new OpenApiHeaderReference("Retry-After", document);
            document.Components.Responses[shared.Name] = new OpenApiResponse
            {
                Description = shared.Description,
                Headers = headers,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    // A 400 names each field in `errors`.
                    ["application/problem+json"] = new()
                    {
                        Schema = new OpenApiSchemaReference(status == "400" ? nameof(HttpValidationProblemDetails) : nameof(ProblemDetails), document),
                    },
                },
            };
        }
    }

    /// <summary>Replaces each problem answer that says only what the shared one says with a reference to it.</summary>
    public static Task Transform(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        foreach (var (status, answer) in operation.Responses?.ToList() ?? [])
        {
            if (answer is not OpenApiResponse response || !ByStatus.TryGetValue(status, out var shared)) continue;
            if (response.Content is not { Count: 1 } content || !content.ContainsKey("application/problem+json")) continue;
            if (response.Description != shared.Description && !shared.Generic.Contains(response.Description)) continue;
            operation.Responses![status] = new OpenApiResponseReference(shared.Name, context.Document);
        }
        return Task.CompletedTask;
    }
}

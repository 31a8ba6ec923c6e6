using Housing.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Housing.Api.OpenApi;

/// <summary>
/// What every answer carries beyond its body, and the answers the pipeline gives before any
/// handler runs. Headers are components referenced from each response, so the contract says
/// once what each one means.
/// </summary>
public static class ResponseDocumentation
{
    private const string RequestId = "X-Request-Id";
    private const string Location = "Location";
    private const string RetryAfter = "Retry-After";
    private const string ETag = "ETag";

    public static void AddHeaderComponents(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        document.Components.Headers[RequestId] = Header("This request's id, also in every problem body and in the service's log line for it; quote it when reporting a problem.");
        document.Components.Headers[Location] = Header("The URL of the resource created.");
        document.Components.Headers[RetryAfter] = Header("Seconds to wait before sending again.", JsonSchemaType.Integer);
        document.Components.Headers[ETag] = Header("The resource's current version, quoted; send it back in If-Match to change it only if it has not changed since.");
    }

    public static Task Transform(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        operation.Responses ??= new OpenApiResponses();
        // The pipeline answers these before routing reaches a handler, so any operation can get them.
        OpenApiSetup.AddProblem(operation, "405", "The path exists, but not with this method.");
        OpenApiSetup.AddProblem(operation, "408", "The request's headers or body arrived too slowly.");
        OpenApiSetup.AddProblem(operation, "413", "The body is larger than the service accepts.");
        // Any operation can fail unexpectedly, such as when the database does not answer.
        OpenApiSetup.AddProblem(operation, "500", "The service failed, for instance because its database did not answer; quote the requestId when reporting it.");

        var sendsETag = context.Description.ActionDescriptor.EndpointMetadata.OfType<SendsETagMetadata>().Any();
        foreach (var (status, answer) in operation.Responses)
        {
            if (answer is not OpenApiResponse response) continue;
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[RequestId] = new OpenApiHeaderReference(RequestId, null);
            if (status == "201") response.Headers[Location] = new OpenApiHeaderReference(Location, null);
            if (status == "429") response.Headers[RetryAfter] = new OpenApiHeaderReference(RetryAfter, null);
            if (sendsETag && (status.StartsWith('2') || status == "412")) response.Headers[ETag] = new OpenApiHeaderReference(ETag, null);

            // A CSV or HTML answer is text whatever type the handler builds it from.
            foreach (var (mediaType, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
                if (mediaType.StartsWith("text/", StringComparison.Ordinal)) media.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        return Task.CompletedTask;
    }

    private static OpenApiHeader Header(string description, JsonSchemaType type = JsonSchemaType.String) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = type },
    };
}

using Housing.Api.Auth;
using Housing.Api.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Housing.Api.OpenApi;

/// <summary>
/// The generated document is the contract committed as openapi.yaml (a test keeps them equal).
/// Transformers add what every operation shares: the API key scheme, the roles allowed,
/// and the problem responses that auth, validation and body limits can produce.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.yaml";

    public static IServiceCollection AddHousingOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Housing API",
                    Version = "v1",
                    Description = """
                        Finds a safe bed for a person escaping human trafficking or homelessness.
                        Partner shelters post open capacity; case managers list it.
                        Authenticate with an API key in the X-Api-Key header. Every error is RFC 9457 problem+json.
                        Request bodies are limited to Limits:MaxRequestBodyBytes (64 KiB by default; larger gets 413); an HMIS export upload to Limits:MaxImportBytes (256 MiB).
                        Each key may make RateLimits:PerKeyPerSecond requests a second (bursts up to RateLimits:PerKeyBurst); more get 429 with Retry-After.
                        Words people read (match reasons and summaries, problem title, detail and errors, the report page) are in English, or Spanish for Accept-Language: es; the answer says which in Content-Language. Codes never change.
                        """,
                    License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
                    Contact = new OpenApiContact { Name = "Housing maintainers" },
                };
                document.Servers = [new OpenApiServer { Url = "/", Description = "This service" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.Header,
                    Description = "An API key issued by an administrator (POST /v1/api-keys).",
                };
                ResponseDocumentation.AddHeaderComponents(document);
                SharedProblems.AddComponents(document);
                return Task.CompletedTask;
            });
            // Problems carry traceId and requestId, and RFC 9457 allows extension members;
            // the generated "additionalProperties: false" would make every real error invalid.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type)) schema.AdditionalPropertiesAllowed = true;
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer(OmittedNulls.Transform);
            // After OmittedNulls, which would take a nullable field back out of required.
            o.AddSchemaTransformer(ShapeSchema.Transform);
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                operation.Responses ??= new OpenApiResponses();
                if (metadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security = [new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [],
                    }];
                    AddProblem(operation, "401", "No API key, or a key that is not valid or has been revoked.");
                    AddProblem(operation, "403", "The key's role may not do this.");
                }
                AddProblem(operation, "429", "Too many requests from this key (or, without a valid key, this address); the Retry-After header gives the seconds to wait.");
                if (metadata.OfType<RolesMetadata>().LastOrDefault() is { } roles)
                {
                    var names = string.Join(", ", roles.Roles.Select(r => HousingJson.Text(r)));
                    operation.Description = $"Roles: {names}.";
                }
                if (context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Body"))
                {
                    AddProblem(operation, "413", "The body is larger than the service accepts.");
                    AddProblem(operation, "415", "The body is not application/json.");
                }
                if (context.Description.ParameterDescriptions.Any(p => p.Source.Id is "Body" or "Query"))
                    AddProblem(operation, "400", "The request is malformed or fails validation; `errors` names each field.");
                if (context.Description.HttpMethod is "PUT")
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "If-Match",
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "The ETag you read. If the resource has changed since, the write is refused with 412.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                    AddProblem(operation, "412", "If-Match names a version that is no longer current.");
                }
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(ResponseDocumentation.Transform);
            // Last: after every problem answer has been added and given its headers.
            o.AddOperationTransformer(SharedProblems.Transform);
        });
        return services;
    }

    internal static void AddProblem(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.TryGetValue(status, out var existing))
        {
            if (existing is OpenApiResponse response && string.IsNullOrEmpty(response.Description)) response.Description = description;
            if (existing.Content?.Count > 0) return;
        }
        operation.Responses[status] = new OpenApiResponse
        {
            Description = existing?.Description is { Length: > 0 } d && d != "Bad Request" && d != "Not Found" ? d : description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchemaReference(nameof(ProblemDetails), null),
                },
            },
        };
    }

    public static WebApplication MapHousingOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.yaml");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Housing API v1");
            o.RoutePrefix = "swagger";
        });
        return app;
    }
}

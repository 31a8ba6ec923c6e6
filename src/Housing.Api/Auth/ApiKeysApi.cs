using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Housing.Api.Audit;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Auth;

/// <summary>A new key: its role, the organisation a case_manager or shelter key is bound to, and a label to recognise it by.</summary>
public sealed record CreateApiKeyRequest(
    [property: Required] Role? Role = null,
    Guid? OrganizationId = null,
    [property: Required, StringLength(100)] string? Label = null);

/// <summary>The only response that ever carries the key itself.</summary>
public sealed record CreatedApiKey(Guid Id, string Key, Role Role, Guid? OrganizationId, string Label, DateTimeOffset CreatedAt);

public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/api-keys").WithTags("API keys").RequireRoles(Role.Admin);
        group.MapPost("/", Create).WithName("CreateApiKey")
            .WithSummary("Issue a key; the response is the only time the key is shown");
        group.MapGet("/", List).WithName("ListApiKeys")
            .WithSummary("List keys (never the keys themselves)");
        group.MapDelete("/{id:guid}", Revoke).WithName("RevokeApiKey").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revoke a key; it stops working at once. Revoking twice is harmless");
        return group;
    }

    public static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> Create(
        CreateApiKeyRequest request, Caller caller, ApiKeyStore keys, OrganizationStore organizations, TimeProvider clock, CancellationToken ct)
    {
        var outcome = await IssueAsync(request, caller, keys, organizations, clock, ct);
        return outcome.Value is { } created
            ? TypedResults.Created($"/v1/api-keys/{created.Id}", created)
            : TypedResults.ValidationProblem(outcome.Errors!);
    }

    /// <summary>Issuing a key, for the endpoint and the console's keys page alike: the same rules, the same audit.</summary>
    public static async Task<Outcome<CreatedApiKey>> IssueAsync(
        CreateApiKeyRequest request, Caller caller, ApiKeyStore keys, OrganizationStore organizations, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        RequestShape.Check(request, v);
        var label = v.Text("label", request.Label);
        await CheckOrganizationAsync(request.Role, request.OrganizationId, organizations, v, ct);
        if (!v.IsValid) return new Invalid(v);

        var (info, key) = await keys.CreateAsync(request.Role!.Value, request.OrganizationId, label!, Actor.Of(caller), clock.GetUtcNow(), ct);
        return new CreatedApiKey(info.Id, key, info.Role, info.OrganizationId, info.Label, info.CreatedAt);
    }

    /// <summary>
    /// A case manager or a shelter belongs to an organisation that exists; an admin or a reporter
    /// to none. The same rule for a key and for a person (<c>organizationId</c>).
    /// </summary>
    public static async Task CheckOrganizationAsync(Role? role, Guid? organizationId, OrganizationStore organizations, Validation v, CancellationToken ct)
    {
        if (role is not { } r) return;
        var bound = r is Role.CaseManager or Role.Shelter;
        if (bound && organizationId is null)
            v.Add("organizationId", Say.Format(ProblemText.Problem_ApiKey_OrganizationRequired, HousingJson.Text(r)));
        if (!bound && organizationId is not null)
            v.Add("organizationId", Say.Format(ProblemText.Problem_ApiKey_OrganizationNotAllowed, HousingJson.Text(r)));
        if (bound && organizationId is { } org && await organizations.GetAsync(org, ct) is null)
            v.Add("organizationId", ProblemText.Problem_NoSuchOrganization);
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> List(ApiKeyStore keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.ListAsync(ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        [Description("The key's id (not the key).")] Guid id, Caller caller, ApiKeyStore keys, TimeProvider clock, CancellationToken ct) =>
        await keys.RevokeAsync(id, Actor.Of(caller), clock.GetUtcNow(), ct) ? TypedResults.NoContent() : Problems.NotFound("API key");
}

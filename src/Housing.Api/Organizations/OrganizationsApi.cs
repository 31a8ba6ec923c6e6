using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Organizations;

/// <summary>Which organisations to list.</summary>
public sealed record OrganizationQuery
{
    [FromQuery(Name = "type"), Description("Only organisations of this type: provider, agency or provider_and_agency.")]
    public string? Type { get; init; }

    [FromQuery(Name = "after"), Description("Return organisations after this id (the previous page's `next`).")]
    public Guid? After { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1 to 200 (default 50).")]
    [Range(1, Paging.MaxLimit)]
    public int? Limit { get; init; }
}

public static partial class OrganizationsApi
{
    public static RouteGroupBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/organizations").WithTags("Organizations");

        group.MapPost("/", Create).WithName("CreateOrganization")
            .WithSummary("Onboard an organisation (a provider, a referring agency, or both)")
            .RequireRoles(Role.Admin);
        group.MapGet("/", List).WithName("ListOrganizations")
            .WithSummary("List organisations; a shelter key sees only its own")
            .RequireRoles(Role.Admin, Role.CaseManager, Role.Shelter, Role.Reporter);
        group.MapGet("/{id:guid}", Get).WithName("GetOrganization").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read one organisation")
            .RequireRoles(Role.Admin, Role.CaseManager, Role.Shelter, Role.Reporter);
        MapPartners(group);
        MapDefaultEligibility(group);
        return group;
    }

    public static async Task<Results<Created<Organization>, ValidationProblem>> Create(
        CreateOrganizationRequest request, Caller caller, OrganizationStore store, TimeProvider clock, CancellationToken ct)
    {
        var v = OrganizationRules.Validate(request);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var organization = await store.CreateAsync(request, Actor.Of(caller), clock.GetUtcNow(), ct);
        return TypedResults.Created($"/v1/organizations/{organization.Id}", organization);
    }

    public static async Task<Results<Ok<Page<Organization>>, ValidationProblem>> List(
        [AsParameters] OrganizationQuery query, Caller caller, OrganizationStore store, CancellationToken ct)
    {
        var v = new Validation();
        RequestShape.Check(query, v);
        var take = Paging.Take(query.Limit);
        var parsed = QueryEnums.Parse<OrganizationType>(v, "type", query.Type);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = await store.ListAsync(parsed, caller.OrganizationScope, query.After, take, ct);
        return TypedResults.Ok(Paging.From(rows, take, o => o.Id));
    }

    public static async Task<Results<Ok<Organization>, ProblemHttpResult>> Get(
        [Description("The organisation's id.")] Guid id, Caller caller, OrganizationStore store, CancellationToken ct)
    {
        if (caller.OrganizationScope is { } own && own != id) return Problems.NotFound("organization");
        return await store.GetAsync(id, ct) is { } organization
            ? TypedResults.Ok(organization)
            : Problems.NotFound("organization");
    }
}

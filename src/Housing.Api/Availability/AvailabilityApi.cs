using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Availability;

/// <summary>Which programs' availability to list.</summary>
public sealed record AvailabilityQuery
{
    [FromQuery(Name = "kind"), Description("Only programs of this kind: emergency, transitional or rapid_rehousing.")]
    public string? Kind { get; init; }

    [FromQuery(Name = "region"), Description("Only programs in this region, such as spa-4.")]
    public string? Region { get; init; }

    [FromQuery(Name = "cocCode"), Description("Only programs of this Continuum of Care, such as CA-600.")]
    [RegularExpression(ProgramRules.CocCode, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_CocCode))]
    public string? CocCode { get; init; }

    [FromQuery(Name = "householdType"), Description("Only programs with inventory in force today for this household type: adults_only, adults_with_children or children_only.")]
    public string? HouseholdType { get; init; }

    [FromQuery(Name = "minOpen"), Description("Only programs whose latest post has at least this many open beds (slots for rapid rehousing), for the household type if given. 0 (the default) includes programs that never posted.")]
    [Range(0, ProgramRules.MaxCount)]
    public int? MinOpen { get; init; }

    [FromQuery(Name = "after"), Description("Return programs after this id (the previous page's `next`).")]
    public Guid? After { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1 to 200 (default 50).")]
    [Range(1, Paging.MaxLimit)]
    public int? Limit { get; init; }
}

public static class AvailabilityApi
{
    public static IEndpointRouteBuilder MapAvailability(this IEndpointRouteBuilder app)
    {
        var program = app.MapGroup("/v1/programs/{id:guid}/availability").WithTags("Availability")
            .ProducesProblem(StatusCodes.Status404NotFound);
        program.MapPut("/", Set).WithName("SetAvailability").SendsETag()
            .WithSummary("Set the open capacity now, kept as a new snapshot; If-Match guards against a colleague's newer post")
            .RequireRoles(Role.Admin, Role.Shelter);
        program.MapGet("/", GetLatest).WithName("GetAvailability").SendsETag()
            .WithSummary("The latest open capacity, with its age and freshness grade")
            .RequireRoles(Role.Admin, Role.CaseManager, Role.Shelter, Role.Reporter);

        app.MapGroup("/v1/availability").WithTags("Availability")
            .MapGet("/", List).WithName("ListAvailability")
            .WithSummary("Open capacity across programs, for case managers")
            .RequireRoles(Role.Admin, Role.CaseManager, Role.Shelter, Role.Reporter);
        return app;
    }

    public static async Task<Results<Ok<AvailabilityView>, ValidationProblem, ProblemHttpResult>> Set(
        [Description("The program's id.")] Guid id, PostAvailabilityRequest request, Caller caller, AvailabilityOperations availability,
        HttpRequest http, CancellationToken ct)
    {
        if (!IfMatch.TryParse(http.Headers.IfMatch, out var ifMatch)) return TypedResults.ValidationProblem(ETags.MalformedIfMatch);
        var (outcome, etag) = await availability.PostAsync(caller, id, request, ifMatch, ct);
        if (etag is not null) http.HttpContext.Response.Headers.ETag = ETags.Quote(etag);
        return outcome switch
        {
            { Value: { } view } => TypedResults.Ok(view),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            _ => outcome.Refusal!.ToProblem(),
        };
    }

    public static async Task<Results<Ok<AvailabilityView>, ProblemHttpResult>> GetLatest(
        [Description("The program's id.")] Guid id, Caller caller, ProgramStore programs, AvailabilityStore availability,
        ProgramCatalog catalog, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        if (await programs.GetAsync(id, caller.ProgramScope, ct) is not { } program) return Problems.NotFound("program");
        var snapshot = await availability.LatestAsync(id, ct);
        if (snapshot is not null) response.Headers.ETag = ETags.Quote(snapshot.ETag);
        return TypedResults.Ok(AvailabilityOperations.View(program, snapshot, clock.GetUtcNow(), catalog));
    }

    public static async Task<Results<Ok<Page<AvailabilityListItem>>, ValidationProblem>> List(
        [AsParameters] AvailabilityQuery query, Caller caller, AvailabilityOperations availability)
    {
        var v = new Validation();
        RequestShape.Check(query, v);
        var take = Paging.Take(query.Limit);
        var after = query.After;
        v.NoControlCharacters("region", query.Region);
        var filter = new AvailabilityFilter(
            QueryEnums.Parse<ProgramKind>(v, "kind", query.Kind), query.Region,
            QueryEnums.Parse<HouseholdType>(v, "householdType", query.HouseholdType),
            query.MinOpen ?? 0, query.CocCode);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var items = availability.List(caller, filter, after).Take(take + 1).ToList();
        return TypedResults.Ok(Paging.From(items, take, i => i.ProgramId));
    }
}

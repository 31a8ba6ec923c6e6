using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Programs;

/// <summary>Which programs to list.</summary>
public sealed record ProgramQuery
{
    [FromQuery(Name = "kind"), Description("Only programs of this kind: emergency, transitional or rapid_rehousing.")]
    public string? Kind { get; init; }

    [FromQuery(Name = "region"), Description("Only programs in this region, such as spa-4.")]
    public string? Region { get; init; }

    [FromQuery(Name = "organizationId"), Description("Only programs of this organisation.")]
    public Guid? OrganizationId { get; init; }

    [FromQuery(Name = "cocCode"), Description("Only programs of this Continuum of Care, such as CA-600.")]
    [RegularExpression(ProgramRules.CocCode, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_CocCode))]
    public string? CocCode { get; init; }

    [FromQuery(Name = "after"), Description("Return programs after this id (the previous page's `next`).")]
    public Guid? After { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1 to 200 (default 50).")]
    [Range(1, Paging.MaxLimit)]
    public int? Limit { get; init; }
}

public static class ProgramsApi
{
    public static RouteGroupBuilder MapPrograms(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/programs").WithTags("Programs");

        group.MapPost("/", Create).WithName("CreateProgram").SendsETag()
            .WithSummary("Create a program; a shelter key creates programs only for its own organisation")
            .RequireRoles(Role.Admin, Role.Shelter);
        group.MapGet("/", List).WithName("ListPrograms")
            .WithSummary("List programs; confidential programs show their region only, and are not listed for reporters")
            .RequireRoles(Role.Admin, Role.CaseManager, Role.Shelter, Role.Reporter);
        group.MapGet("/{id:guid}", Get).WithName("GetProgram").SendsETag().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read a program; its address only for its own organisation or an admin when confidential")
            .RequireRoles(Role.Admin, Role.CaseManager, Role.Shelter, Role.Reporter);
        group.MapPut("/{id:guid}", Update).WithName("UpdateProgram").SendsETag().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Replace a program; send If-Match with its ETag to avoid overwriting someone else's change")
            .RequireRoles(Role.Admin, Role.Shelter);
        return group;
    }

    public static async Task<Results<Created<ProgramView>, ValidationProblem>> Create(
        ProgramRequest request, Caller caller, ProgramOperations operations, HttpResponse response, CancellationToken ct)
    {
        var created = await operations.CreateAsync(caller, request, ct);
        if (created.Value is not { Program: var program }) return TypedResults.ValidationProblem(created.Errors!);
        response.Headers.ETag = ETags.Quote(program.ETag);
        return TypedResults.Created($"/v1/programs/{program.Id}", ProgramView.Detail(program, caller));
    }

    public static async Task<Results<Ok<Page<ProgramView>>, ValidationProblem>> List(
        [AsParameters] ProgramQuery query, Caller caller, ProgramStore programs, CancellationToken ct)
    {
        var v = new Validation();
        RequestShape.Check(query, v);
        var take = Paging.Take(query.Limit);
        v.NoControlCharacters("region", query.Region);
        var filter = new ProgramFilter(QueryEnums.Parse<ProgramKind>(v, "kind", query.Kind), query.Region, query.OrganizationId, query.CocCode);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = await programs.ListAsync(filter, caller.ProgramScope, query.After, take, ct);
        return TypedResults.Ok(Paging.From(rows.Select(ProgramView.Listing).ToList(), take, p => p.Id));
    }

    public static async Task<Results<Ok<ProgramView>, ProblemHttpResult>> Get(
        [Description("The program's id.")] Guid id, Caller caller, ProgramStore programs, HttpResponse response, CancellationToken ct)
    {
        if (await programs.GetAsync(id, caller.ProgramScope, ct) is not { } program) return Problems.NotFound("program");
        response.Headers.ETag = ETags.Quote(program.ETag);
        return TypedResults.Ok(ProgramView.Detail(program, caller));
    }

    public static async Task<Results<Ok<ProgramView>, ValidationProblem, ProblemHttpResult>> Update(
        [Description("The program's id.")] Guid id, ProgramRequest request, Caller caller, ProgramOperations operations,
        HttpRequest http, CancellationToken ct)
    {
        if (!IfMatch.TryParse(http.Headers.IfMatch, out var ifMatch)) return TypedResults.ValidationProblem(ETags.MalformedIfMatch);
        var updated = await operations.UpdateAsync(caller, id, request, ifMatch, ct);
        if (updated.IsNotFound) return Problems.NotFound("program");
        if (updated.Value is not { } write) return TypedResults.ValidationProblem(updated.Errors!);
        http.HttpContext.Response.Headers.ETag = ETags.Quote(write.Program.ETag);
        return write.Outcome == UpdateOutcome.Stale
            ? Problems.PreconditionFailed(Say.Format(ProblemText.Problem_Program_Stale, write.Program.ETag))
            : TypedResults.Ok(ProgramView.Detail(write.Program, caller));
    }
}

using System.ComponentModel;
using Housing.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Overflow;

public sealed record OverflowActivationList(IReadOnlyList<OverflowActivationView> Items);

public static class OverflowApi
{
    public static RouteGroupBuilder MapOverflow(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/overflow-activations").WithTags("Overflow");
        group.MapPost("/", Activate).WithName("ActivateOverflow")
            .WithSummary("Open overflow beds (HUD availability 3) in regions for days: cold, rain, heat or smoke; the shelters concerned are told")
            .RequireRoles(Role.Admin);
        group.MapGet("/", List).WithName("ListOverflowActivations")
            .WithSummary("Activations running, coming, or ended in the last 30 days, newest first")
            .RequireRoles(Role.Admin, Role.CaseManager, Role.Shelter, Role.Reporter);
        group.MapPost("/{id:guid}/end", End).WithName("EndOverflow")
            .WithSummary("End an activation now: its overflow beds stop counting at once")
            .RequireRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<Created<OverflowActivationView>, ValidationProblem, ProblemHttpResult>> Activate(
        ActivateOverflowRequest request, Caller caller, OverflowOperations overflow, CancellationToken ct) =>
        await overflow.ActivateAsync(caller, request, ct) switch
        {
            { Value: { } view } => TypedResults.Created($"/v1/overflow-activations/{view.Id}", view),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            var refused => refused.Refusal!.ToProblem(),
        };

    public static async Task<Ok<OverflowActivationList>> List(OverflowOperations overflow, CancellationToken ct) =>
        TypedResults.Ok(new OverflowActivationList(await overflow.ListAsync(ct)));

    public static async Task<Results<Ok<OverflowActivationView>, ProblemHttpResult>> End(
        [Description("The activation's id.")] Guid id, Caller caller, OverflowOperations overflow, CancellationToken ct) =>
        await overflow.EndAsync(caller, id, ct) switch
        {
            { Value: { } view } => TypedResults.Ok(view),
            var refused => refused.Refusal!.ToProblem(),
        };
}

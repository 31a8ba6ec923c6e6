using System.ComponentModel;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Watches;

public static class WatchesApi
{
    public static RouteGroupBuilder MapWatches(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/watches").WithTags("Watches");
        group.MapPost("/", Create).WithName("CreateWatch")
            .WithSummary("Keep looking for a household: hold (or only report) the first fitting bed that opens, until the watch ends")
            .RequireRoles(Role.CaseManager)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithName("ListWatches")
            .WithSummary("Your agency's watches (an admin reads every agency's, without their safety constraints)")
            .RequireRoles(Role.CaseManager, Role.Admin);
        group.MapGet("/{id:guid}", Get).WithName("GetWatch")
            .WithSummary("Read a watch, its status and its trail")
            .RequireRoles(Role.CaseManager, Role.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelWatch")
            .WithSummary("Stop watching; the watch's safety constraints are destroyed. A referral it already made is left as it is")
            .RequireRoles(Role.CaseManager)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<Created<WatchView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateWatchRequest request, Caller caller, WatchOperations watches, CancellationToken ct) =>
        await watches.CreateAsync(caller, request, ct) switch
        {
            { Value: { } watch } => TypedResults.Created($"/v1/watches/{watch.Id}", watch),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            var refused => refused.Refusal!.ToProblem(),
        };

    public static async Task<Results<Ok<Page<WatchView>>, ValidationProblem>> List(
        [AsParameters] WatchQuery query, Caller caller, WatchOperations watches, CancellationToken ct) =>
        await watches.ListAsync(caller, query, ct) switch
        {
            { Value: { } page } => TypedResults.Ok(page),
            var invalid => TypedResults.ValidationProblem(invalid.Errors!),
        };

    public static async Task<Results<Ok<WatchView>, ProblemHttpResult>> Get(
        [Description("The watch's id.")] Guid id, Caller caller, WatchOperations watches, CancellationToken ct) =>
        await watches.GetAsync(caller, id, ct) is { } watch ? TypedResults.Ok(watch) : Problems.NotFound("watch");

    public static async Task<Results<Ok<WatchView>, ProblemHttpResult>> Cancel(
        [Description("The watch's id.")] Guid id, Caller caller, WatchOperations watches, CancellationToken ct) =>
        await watches.CancelAsync(caller, id, ct) switch
        {
            { Value: { } watch } => TypedResults.Ok(watch),
            var refused => refused.Refusal!.ToProblem(),
        };
}

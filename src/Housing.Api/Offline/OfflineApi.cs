using System.ComponentModel;
using Housing.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Offline;

public static class OfflineApi
{
    public static RouteGroupBuilder MapOffline(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/programs/{id:guid}/offline-beds").WithTags("Offline beds")
            .RequireRoles(Role.Admin, Role.Shelter)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Take).WithName("TakeBedsOffline")
            .WithSummary("Take beds out of service (renovation, pests, staffing, quarantine) until they are returned: never offered or held meanwhile");
        group.MapGet("/", List).WithName("ListOfflineBeds")
            .WithSummary("The program's beds out of service now (overdue once their expected day has passed), then those returned in the last 30 days");
        group.MapPost("/{offlineId:guid}/return", Return).WithName("ReturnOfflineBeds")
            .WithSummary("Put offline beds back in service now: they count again at once")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<Created<OfflineBedsView>, ValidationProblem, ProblemHttpResult>> Take(
        [Description("The program's id.")] Guid id, TakeBedsOfflineRequest request, Caller caller, OfflineOperations offline, CancellationToken ct) =>
        await offline.TakeAsync(caller, id, request, ct) switch
        {
            { Value: { } view } => TypedResults.Created($"/v1/programs/{id}/offline-beds/{view.Id}", view),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            var refused => refused.Refusal!.ToProblem(),
        };

    public static async Task<Results<Ok<OfflineBedsList>, ProblemHttpResult>> List(
        [Description("The program's id.")] Guid id, Caller caller, OfflineOperations offline, CancellationToken ct) =>
        await offline.ListAsync(caller, id, ct) switch
        {
            { Value: { } list } => TypedResults.Ok(list),
            var refused => refused.Refusal!.ToProblem(),
        };

    public static async Task<Results<Ok<OfflineBedsView>, ProblemHttpResult>> Return(
        [Description("The program's id.")] Guid id, [Description("The offline beds' id.")] Guid offlineId, Caller caller, OfflineOperations offline,
        CancellationToken ct) =>
        await offline.ReturnAsync(caller, id, offlineId, ct) switch
        {
            { Value: { } view } => TypedResults.Ok(view),
            var refused => refused.Refusal!.ToProblem(),
        };
}

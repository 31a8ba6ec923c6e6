using Housing.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Consistency;

public static class ConsistencyApi
{
    public static RouteGroupBuilder MapConsistency(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin/consistency").WithTags("Consistency").RequireRoles(Role.Admin);
        group.MapGet("/", Latest).WithName("GetConsistency")
            .WithSummary("The latest consistency check: when it ran, how long it took, the programs checked, what it repaired and what it found open")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/run", Run).WithName("RunConsistencyCheck")
            .WithSummary("Run the consistency check now and answer its result (409 while another instance runs it)")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status500InternalServerError);
        return group;
    }

    public static async Task<Results<Ok<ConsistencyReport>, ProblemHttpResult>> Latest(ConsistencyOperations consistency, CancellationToken ct) =>
        await consistency.LatestAsync(ct) is { } report ? TypedResults.Ok(report) : ConsistencyOperations.NeverRan.ToProblem();

    public static async Task<Results<Ok<ConsistencyReport>, ProblemHttpResult>> Run(ConsistencyOperations consistency, CancellationToken ct) =>
        await consistency.RunAsync(ct) switch
        {
            { Value: { } report } => TypedResults.Ok(report),
            var refused => refused.Refusal!.ToProblem(),
        };
}

using System.ComponentModel;
using Housing.Api.Auth;
using Housing.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Matching;

public static class MatchesApi
{
    public static RouteGroupBuilder MapMatches(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/matches").WithTags("Matching");
        group.MapPost("/", Search).WithName("Match")
            .WithSummary("Rank the programs that can safely take the whole household now, and say why the others cannot")
            .RequireRoles(Role.Admin, Role.CaseManager);
        return group;
    }

    public static async Task<Results<JsonOk<MatchOutcome>, ValidationProblem>> Search(
        MatchRequest request, Caller caller, MatchOperations matching, CancellationToken ct,
        [Description("Also list every excluded program with all of its reasons.")] bool? explain = null) =>
        await matching.SearchAsync(caller, request, explain ?? false, ct) switch
        {
            { Value: { } outcome } => new JsonOk<MatchOutcome>(outcome, HousingJsonContext.Default.MatchOutcome),
            var invalid => TypedResults.ValidationProblem(invalid.Errors!),
        };
}

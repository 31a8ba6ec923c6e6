using System.ComponentModel;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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

    public static Results<JsonOk<MatchOutcome>, ValidationProblem> Search(
        MatchRequest request, Caller caller, MatchIndexCache indexes, SearchLog searches, TimeProvider clock, IOptions<MatchingOptions> options,
        [Description("Also list every excluded program with all of its reasons.")] bool? explain = null)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var v = new Validation();
        var query = MatchRequestRules.Validate(request, today, v);
        var limit = v.Range("limit", request.Limit, 1, Paging.MaxLimit) ?? options.Value.DefaultLimit;
        if (!v.IsValid || query is null) return TypedResults.ValidationProblem(v.Errors);

        // The caller's own agency, so referral-only programs are offered to their partners alone.
        query = query with { AgencyId = caller.OrganizationId };
        var outcome = MatchEngine.Run(indexes.Get(today), query, now, options.Value.Weights, limit, explain ?? false);
        searches.Add(SearchRecord.From(query, outcome, now));
        return new JsonOk<MatchOutcome>(outcome, HousingJsonContext.Default.MatchOutcome);
    }
}

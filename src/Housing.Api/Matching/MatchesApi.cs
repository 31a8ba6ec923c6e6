using System.ComponentModel;
using Housing.Api.Asks;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Organizations;
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

    public static async Task<Results<JsonOk<MatchOutcome>, ValidationProblem>> Search(
        MatchRequest request, Caller caller, MatchIndexCache indexes, SearchLog searches, OrganizationStore organizations, TimeProvider clock,
        IOptions<MatchingOptions> options, IOptions<FallbackOptions> fallbacks, IOptions<AskOptions> asks, CancellationToken ct,
        [Description("Also list every excluded program with all of its reasons.")] bool? explain = null)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var v = new Validation();
        var query = MatchRequestRules.Validate(request, today, v);
        var limit = v.Range("limit", request.Limit, 1, Paging.MaxLimit) ?? options.Value.DefaultLimit;
        if (!v.IsValid || query is null) return TypedResults.ValidationProblem(v.Errors);

        var index = indexes.Get(today);
        var existing = await organizations.ExistingAsync(SafetyInputRules.OrganizationsToLookUp(query.Safety, index.Area), ct);
        SafetyInputRules.Check(query.Safety, index.Area, options.Value.UnsafePlaceMarginKm, existing, v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        // The caller's own agency, so referral-only programs are offered to their partners alone.
        query = query with { AgencyId = caller.OrganizationId };
        var outcome = MatchEngine.Run(index, query, now, options.Value.Weights, limit, explain ?? false);
        outcome = outcome with
        {
            NextSteps = NextSteps.For(outcome, limit, fallbacks.Value.ToResources(),
            canAct: caller.Role == Role.CaseManager, maxAsked: asks.Value.MaxPrograms)
        };
        searches.Add(SearchRecord.From(query, outcome, now));
        return new JsonOk<MatchOutcome>(outcome, HousingJsonContext.Default.MatchOutcome);
    }
}

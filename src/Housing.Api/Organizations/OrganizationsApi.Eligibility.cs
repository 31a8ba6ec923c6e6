using System.ComponentModel;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Organizations;

public static partial class OrganizationsApi
{
    /// <summary>
    /// An organisation's default eligibility: the rules its programs inherit, each program choosing
    /// which (<c>inheritedRules</c>). Its own shelter keys and admins manage it.
    /// </summary>
    private static void MapDefaultEligibility(RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}/eligibility", SetDefaultEligibility).WithName("SetDefaultEligibility").SendsETag()
            .WithSummary("Replace the eligibility rules your programs inherit; every program that inherits a rule changes with it")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRoles(Role.Admin, Role.Shelter);
        group.MapGet("/{id:guid}/eligibility", GetDefaultEligibility).WithName("GetDefaultEligibility").SendsETag()
            .WithSummary("The eligibility rules your programs inherit")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRoles(Role.Admin, Role.Shelter);
    }

    public static async Task<Results<Ok<DefaultEligibility>, ValidationProblem, ProblemHttpResult>> SetDefaultEligibility(
        [Description("The organisation's id.")] Guid id, EligibilityProfile request, Caller caller, DefaultEligibilityStore defaults,
        TimeProvider clock, HttpRequest http, CancellationToken ct)
    {
        if (!IfMatch.TryParse(http.Headers.IfMatch, out var ifMatch)) return TypedResults.ValidationProblem(ETags.MalformedIfMatch);
        var v = new Validation();
        RequestShape.Check(request, v);
        EligibilityRules.Validate(v, "", request);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var (outcome, set, _) = await defaults.SetAsync(id, EligibilityRules.Normalise(request), ifMatch, Scope(caller), Actor.Of(caller), clock.GetUtcNow(), ct);
        if (outcome == UpdateOutcome.NotFound) return Problems.NotFound("organization");
        http.HttpContext.Response.Headers.ETag = ETags.Quote(set!.ETag);
        if (outcome == UpdateOutcome.Stale) return Problems.PreconditionFailed(Say.Format(ProblemText.Problem_DefaultEligibility_Stale, set.ETag));
        return TypedResults.Ok(set);
    }

    public static async Task<Results<Ok<DefaultEligibility>, ProblemHttpResult>> GetDefaultEligibility(
        [Description("The organisation's id.")] Guid id, Caller caller, DefaultEligibilityStore defaults, HttpResponse response, CancellationToken ct)
    {
        if (await defaults.GetAsync(id, Scope(caller), ct) is not { } found) return Problems.NotFound("organization");
        response.Headers.ETag = ETags.Quote(found.ETag);
        return TypedResults.Ok(found);
    }
}

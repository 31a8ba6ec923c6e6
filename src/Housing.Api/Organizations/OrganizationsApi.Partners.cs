using System.ComponentModel;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Organizations;

public static partial class OrganizationsApi
{
    /// <summary>
    /// The agencies an organisation's referral-only programs take referrals from. Its own shelter
    /// keys and admins manage the list; another organisation's shelter key gets 404.
    /// </summary>
    private static void MapPartners(RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}/partners", SetPartners).WithName("SetPartners").SendsETag()
            .WithSummary("Replace the agencies your referral-only programs take referrals from (and are offered to in searches)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRoles(Role.Admin, Role.Shelter);
        group.MapGet("/{id:guid}/partners", GetPartners).WithName("GetPartners").SendsETag()
            .WithSummary("The agencies your referral-only programs take referrals from")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRoles(Role.Admin, Role.Shelter);
    }

    public static async Task<Results<Ok<Partners>, ValidationProblem, ProblemHttpResult>> SetPartners(
        [Description("The organisation's id.")] Guid id, SetPartnersRequest request, Caller caller, PartnerStore partners, TimeProvider clock,
        HttpRequest http, CancellationToken ct)
    {
        if (!IfMatch.TryParse(http.Headers.IfMatch, out var ifMatch)) return TypedResults.ValidationProblem(ETags.MalformedIfMatch);
        var v = new Validation();
        RequestShape.Check(request, v);
        var agencyIds = request.AgencyIds;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var (outcome, set, notAgencies) = await partners.SetAsync(id, agencyIds!, Scope(caller), ifMatch, Actor.Of(caller), clock.GetUtcNow(), ct);
        if (outcome == SetPartnersOutcome.NotFound) return Problems.NotFound("organization");
        if (outcome == SetPartnersOutcome.Stale)
        {
            http.HttpContext.Response.Headers.ETag = ETags.Quote(set!.ETag);
            return Problems.PreconditionFailed(Say.Format(ProblemText.Problem_Partners_Stale, set.ETag));
        }
        if (outcome == SetPartnersOutcome.NotAgencies)
        {
            foreach (var i in notAgencies) v.Add($"agencyIds[{i}]", ProblemText.Problem_Partners_NotAgency);
            return TypedResults.ValidationProblem(v.Errors);
        }
        http.HttpContext.Response.Headers.ETag = ETags.Quote(set!.ETag);
        return TypedResults.Ok(set);
    }

    public static async Task<Results<Ok<Partners>, ProblemHttpResult>> GetPartners(
        [Description("The organisation's id.")] Guid id, Caller caller, PartnerStore partners, HttpResponse response, CancellationToken ct)
    {
        if (await partners.GetAsync(id, Scope(caller), ct) is not { } found) return Problems.NotFound("organization");
        response.Headers.ETag = ETags.Quote(found.ETag);
        return TypedResults.Ok(found);
    }

    /// <summary>A shelter key reaches only its own organisation; an admin key, any.</summary>
    private static Guid? Scope(Caller caller) => caller.IsAdmin ? null : caller.OrganizationId ?? Guid.Empty;
}

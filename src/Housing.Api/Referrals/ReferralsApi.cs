using System.ComponentModel;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Referrals;

public static class ReferralsApi
{
    public static RouteGroupBuilder MapReferrals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/referrals").WithTags("Referrals");
        group.MapPost("/", Create).WithName("CreateReferral")
            .WithSummary("Refer a household to a program, or to a ranked list that cascades on decline or expiry; holds the beds")
            .RequireRoles(Role.CaseManager)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            // 403 is listed for every endpoint a role guards; this one also answers it for a partner rule.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses?.GetValueOrDefault("403") is Microsoft.OpenApi.OpenApiResponse forbidden)
                    forbidden.Description = "The key's role may not do this; or (`/problems/not-a-partner`) a listed program takes referrals only from partner agencies, and yours is not one.";
                return Task.CompletedTask;
            });
        group.MapGet("/", List).WithName("ListReferrals")
            .WithSummary("Your agency's referrals, or (for a shelter) those that reached your programs")
            .RequireRoles(Role.CaseManager, Role.Shelter);
        group.MapGet("/{id:guid}", Get).WithName("GetReferral")
            .WithSummary("Read a referral and its trail")
            .RequireRoles(Role.CaseManager, Role.Shelter)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/placement", Placement).WithName("GetPlacement")
            .WithSummary("The accepted program's address and intake contact, for the referring agency only; every read is audited")
            .RequireRoles(Role.CaseManager)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        MapDecision(group, "accept", ReferralAction.Accept, Role.Shelter, "Accept: the bed stays held for the household");
        MapDecision(group, "placed", ReferralAction.Place, Role.Shelter, "The household has arrived and is placed");
        MapDecision(group, "no-show", ReferralAction.NoShow, Role.Shelter, "The household did not arrive; the bed is released");
        MapDecision(group, "cancel", ReferralAction.Cancel, Role.CaseManager, "Cancel the referral; the bed is released");
        group.MapPost("/{id:guid}/decline", Decline).WithName("DeclineReferral")
            .WithSummary("Decline, coded as client- or provider-rejected with a reason; the bed is released and a cascade moves on")
            .RequireRoles(Role.Shelter)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static void MapDecision(RouteGroupBuilder group, string path, ReferralAction action, Role role, string summary) =>
        group.MapPost($"/{{id:guid}}/{path}",
                ([Description("The referral's id.")] Guid id, Caller caller, ReferralOperations referrals, CancellationToken ct) =>
                    Decide(id, action, caller, referrals, ct))
            .WithName(action + "Referral").WithSummary(summary)
            .RequireRoles(role)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<ReferralView>, Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateReferralRequest request, Caller caller, ReferralOperations referrals, CancellationToken ct,
        [FromHeader(Name = "Idempotency-Key"), Description("Your agency's key for this request, at most 100 characters and no control characters: a retry with the same key and body returns the same referral instead of holding more beds; the same key with another body gets 422.")]
        string? idempotencyKey = null) =>
        await referrals.ReferAsync(caller, request, idempotencyKey is { Length: > 0 } key ? key : null, ct) switch
        {
            { Value: { Replayed: false, Referral: var referral } } => TypedResults.Created($"/v1/referrals/{referral.Id}", referral),
            { Value: { Referral: var replayed } } => TypedResults.Ok(replayed),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            var refused => refused.Refusal!.ToProblem(),
        };

    public static async Task<Results<Ok<ReferralView>, ProblemHttpResult>> Get(
        [Description("The referral's id.")] Guid id, Caller caller, ReferralOperations referrals, CancellationToken ct) =>
        await referrals.GetAsync(caller, id, ct) is { } referral ? TypedResults.Ok(referral) : Problems.NotFound("referral");

    public static async Task<Results<Ok<Page<ReferralView>>, ValidationProblem>> List(
        [AsParameters] ReferralQuery query, Caller caller, ReferralOperations referrals, CancellationToken ct) =>
        await referrals.ListAsync(caller, query, ct) switch
        {
            { Value: { } page } => TypedResults.Ok(page),
            var invalid => TypedResults.ValidationProblem(invalid.Errors!),
        };

    public static async Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Decline(
        [Description("The referral's id.")] Guid id, DeclineRequest request, Caller caller, ReferralOperations referrals, CancellationToken ct) =>
        Answer(await referrals.DeclineAsync(caller, id, request, ct));

    public static async Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Decide(
        Guid id, ReferralAction action, Caller caller, ReferralOperations referrals, CancellationToken ct) =>
        Answer(await referrals.DecideAsync(caller, id, action, ct));

    public static async Task<Results<Ok<PlacementView>, ProblemHttpResult>> Placement(
        [Description("The referral's id.")] Guid id, Caller caller, ReferralOperations referrals, CancellationToken ct) =>
        await referrals.PlacementAsync(caller, id, ct) switch
        {
            { Value: { } placement } => TypedResults.Ok(placement),
            var refused => refused.Refusal!.ToProblem(),
        };

    private static Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult> Answer(Outcome<ReferralView> outcome) => outcome switch
    {
        { Value: { } referral } => TypedResults.Ok(referral),
        { Errors: { } errors } => TypedResults.ValidationProblem(errors),
        _ => outcome.Refusal!.ToProblem(),
    };
}

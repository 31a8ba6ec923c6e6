using Housing.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Asks;

/// <summary>
/// The phone-around, sent in parallel: the household's needs go at once to the programs that
/// would take it if they had room; the first yes gets the referral, the others are withdrawn.
/// </summary>
public static partial class AsksApi
{
    public static RouteGroupBuilder MapAsks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/asks").WithTags("Asks");
        group.MapPost("/", Create).WithName("CreateAsk")
            .WithSummary("Ask every program that would take the household if it had room; the first yes gets an accepted referral with its beds held")
            .WithDescription("Takes the household, wants and safety of a search (`POST /v1/matches`), a pseudonymous `clientReference`, and optionally `programIds`: "
                + "a subset of the programs that pass every safety and eligibility rule and fail only on capacity (full, or never posted). Without it, "
                + "every such program is asked, best-ranked first, at most `Asks:MaxPrograms`. Safety input chooses the programs and is then dropped: "
                + "it is never stored, logged or sent to a shelter. Each shelter hears `ask.created` and answers by `POST /v1/asks/{id}/programs/{programId}/answer`.")
            .RequireRoles(Role.CaseManager)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", List).WithName("ListAsks")
            .WithSummary("Your agency's asks, or (for a shelter) those that reached your programs, with only your programs' lines")
            .RequireRoles(Role.CaseManager, Role.Shelter);
        group.MapGet("/{id:guid}", Get).WithName("GetAsk")
            .WithSummary("Read an ask and every answer so far (a shelter: its own programs' lines only)")
            .RequireRoles(Role.CaseManager, Role.Shelter)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelAsk")
            .WithSummary("Withdraw an open ask: every program still to answer is told it is withdrawn")
            .RequireRoles(Role.CaseManager)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/programs/{programId:guid}/answer", Answer).WithName("AnswerAsk")
            .WithSummary("Answer for your program: yes (the household is placed with you, as an accepted referral) or no with a coded reason")
            .WithDescription("The first yes wins: it makes a referral to your program already accepted, with the household's beds held (your yes counts as room), "
                + "and withdraws the other programs' lines. A yes after another program's gets 409 `/problems/placed-elsewhere`; a second answer, "
                + "409 `/problems/already-answered`; an answer after the line ran out of time or the ask was cancelled, 409 `/problems/ask-closed`.")
            .RequireRoles(Role.Shelter)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<Created<AskView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateAskRequest request, Caller caller, AskOperations asks, CancellationToken ct) =>
        await asks.CreateAsync(caller, request, ct) switch
        {
            { Value: { } ask } => TypedResults.Created($"/v1/asks/{ask.Id}", ask),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            var refused => refused.Refusal!.ToProblem(),
        };
}

using System.ComponentModel;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.Organizations;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
        CreateAskRequest request, Caller caller, AskStore asks, MatchIndexCache indexes, OrganizationStore organizations, ProgramCatalog catalog,
        TimeProvider clock, IOptions<MatchingOptions> matching, IOptions<AskOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var max = options.Value.MaxPrograms;
        var v = new Validation();
        var reference = v.Text("clientReference", request.ClientReference, 40, required: true);
        if (reference is not null && !ReferralsApi.ClientReferencePattern().IsMatch(reference))
            v.Add("clientReference", "A pseudonymous reference of letters, digits, '.', '_' or '-' (no spaces): never the client's name.");
        var query = MatchRequestRules.Validate(new MatchRequest(request.Household, request.Wants, request.Safety), today, v);
        var programIds = request.ProgramIds;
        if (programIds is { Count: 0 } || programIds?.Count > max)
            v.Add("programIds", $"List 1 to {max} programs, or leave it out to ask every program that would take the household if it had room.");
        if (programIds is not null && programIds.Distinct().Count() != programIds.Count) v.Add("programIds", "Each program at most once.");
        if (!v.IsValid || query is null) return TypedResults.ValidationProblem(v.Errors);

        var index = indexes.Get(today);
        var existing = await organizations.ExistingAsync(SafetyInputRules.OrganizationsToLookUp(query.Safety, index.Area), ct);
        SafetyInputRules.Check(query.Safety, index.Area, matching.Value.UnsafePlaceMarginKm, existing, v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        // The caller's own agency, so referral-only programs are asked only by their partners.
        query = query with { AgencyId = caller.OrganizationId };
        var chosen = programIds ?? MatchEngine.WouldFitWithRoom(index, query, now, matching.Value.Weights, max).Select(m => m.Program.Id).ToList();
        if (programIds is not null) CheckAskable(programIds, index, query, v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var programs = chosen.Select(id => catalog.Get(id)?.Program).OfType<HousingProgram>().ToList();
        if (programs.Count == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No program to ask", type: Problems.TypeUri("nothing-to-ask"),
                detail: "No program would take this household even with room: every one fails a safety or eligibility rule. Nothing was sent. "
                    + "Search (POST /v1/matches with explain=true) to see why, change what the search leaves out, or turn to the fallback resources it lists.");

        var (outcome, ask, limit) = await asks.CreateAsync(caller.OrganizationId!.Value, Actor.Of(caller), reference!, request.Household!,
            query.Household, programs, now, ct);
        return outcome switch
        {
            CreateAskOutcome.Created => TypedResults.Created($"/v1/asks/{ask!.Id}", View(ask, caller, catalog)),
            CreateAskOutcome.TooManyOpen => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Ask limit reached",
                type: Problems.TypeUri("ask-limit"), detail: limit + " Wait for answers, or cancel an ask you no longer need (POST /v1/asks/{id}/cancel), then ask again."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Ask limit reached", type: Problems.TypeUri("ask-limit"),
                detail: limit + " Ask fewer programs (programIds), or call them, until earlier asks fall out of the 24 hours."),
        };
    }

    /// <summary>Each listed program must be one worth asking: it fails on capacity alone. Otherwise the field says why not.</summary>
    private static void CheckAskable(IReadOnlyList<Guid> programIds, MatchIndex index, MatchQuery query, Validation v)
    {
        for (var i = 0; i < programIds.Count; i++)
        {
            var reasons = MatchEngine.ReasonsFor(index, query, programIds[i]);
            if (reasons is null) v.Add($"programIds[{i}]", "No such program.");
            else if (reasons.Count == 0)
                v.Add($"programIds[{i}]", "It has room for the whole household now: refer the household to it (POST /v1/referrals) rather than ask.");
            else if (!MatchEngine.OnlyCapacity([.. reasons]))
                v.Add($"programIds[{i}]", "It would not take the household even with room: "
                    + string.Join(" ", reasons.Where(r => !NextSteps.CapacityOnly.Contains(r)).Select(ExclusionReasons.Sentence)));
        }
    }
}

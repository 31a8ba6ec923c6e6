using System.ComponentModel;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Housing.Api.Asks;

public static partial class AsksApi
{
    public static async Task<Results<Ok<AskView>, ProblemHttpResult>> Get(
        [Description("The ask's id.")] Guid id, Caller caller, AskStore asks, ProgramCatalog catalog, CancellationToken ct)
    {
        var ask = await asks.GetAsync(id, ct);
        return ask is not null && Visible(ask, caller, catalog) ? TypedResults.Ok(View(ask, caller, catalog)) : Problems.NotFound("ask");
    }

    public static async Task<Results<Ok<Page<AskView>>, ValidationProblem>> List(
        Caller caller, AskStore asks, ProgramCatalog catalog, CancellationToken ct,
        [Description("Only asks in this status: open, placed, expired or cancelled.")] string? status = null,
        [Description("Return asks after this id (the previous page's `next`).")] Guid? after = null,
        [Description("Page size, 1 to 200 (default 50).")] int? limit = null)
    {
        var v = new Validation();
        var take = Paging.Limit(v, limit);
        var parsed = QueryEnums.Parse<AskStatus>(v, "status", status);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = caller.Role == Role.Shelter
            ? await asks.ListAsync(null, caller.OrganizationId, parsed, after, take, ct)
            : await asks.ListAsync(caller.OrganizationId, null, parsed, after, take, ct);
        return TypedResults.Ok(Paging.From(rows.Select(a => View(a, caller, catalog)).ToList(), take, a => a.Id));
    }

    public static async Task<Results<Ok<AskView>, ProblemHttpResult>> Cancel(
        [Description("The ask's id.")] Guid id, Caller caller, AskStore asks, ProgramCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var (outcome, ask) = await asks.CancelAsync(id, a => Visible(a, caller, catalog), Actor.Of(caller), clock.GetUtcNow(), ct);
        return outcome switch
        {
            AskChangeOutcome.NotFound => Problems.NotFound("ask"),
            AskChangeOutcome.Done => TypedResults.Ok(View(ask!, caller, catalog)),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The ask is closed", type: Problems.TypeUri("ask-closed"),
                detail: $"Only an open ask can be cancelled; this one is {HousingJson.Text(ask!.Status)}."),
        };
    }

    public static async Task<Results<Ok<AskView>, ValidationProblem, ProblemHttpResult>> Answer(
        [Description("The ask's id.")] Guid id, [Description("Your program the answer is for.")] Guid programId, AnswerAskRequest request,
        Caller caller, AskStore asks, ProgramCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        var answer = v.Required("answer", request.Answer);
        if (answer == AskAnswer.No) v.Required("reason", request.Reason);
        if (answer == AskAnswer.Yes && request.Reason is not null) v.Add("reason", "Give a reason only with a no.");
        if (answer == AskAnswer.No && request.ArriveBy is not null) v.Add("arriveBy", "Say when the household can arrive only with a yes.");
        if (request.ArriveBy is { } arrive && (arrive < now.AddHours(-1) || arrive > now.AddDays(365)))
            v.Add("arriveBy", "Must be from now to a year ahead.");
        var text = v.Text("text", request.Text, 500);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var (outcome, ask) = await asks.AnswerAsync(id, programId, p => OwnedBy(p, caller, catalog), Actor.Of(caller),
            request with { Text = text }, now, ct);
        return outcome switch
        {
            AskChangeOutcome.NotFound => Problems.NotFound("ask"),
            AskChangeOutcome.Done => TypedResults.Ok(View(ask!, caller, catalog)),
            AskChangeOutcome.AlreadyAnswered => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already answered",
                type: Problems.TypeUri("already-answered"),
                detail: "Your program has already answered this ask, and an answer cannot be changed. After a yes, the household's referral "
                    + "(GET /v1/referrals/{id}, its id in referralId) is where to go on: mark it placed, or a no-show."),
            AskChangeOutcome.PlacedElsewhere => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Placed elsewhere",
                type: Problems.TypeUri("placed-elsewhere"),
                detail: "Thank you: another program said yes first, and the household has been placed there. Nothing was held at your program."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The ask is closed", type: Problems.TypeUri("ask-closed"),
                detail: "This ask is no longer open at your program: its time to answer ran out, or the agency withdrew it. Nothing was held."),
        };
    }

    private static bool Visible(Ask a, Caller caller, ProgramCatalog catalog) => caller.Role switch
    {
        Role.CaseManager => a.AgencyId == caller.OrganizationId,
        Role.Shelter => a.Lines.Any(l => OwnedBy(l.ProgramId, caller, catalog)),
        _ => false,
    };

    private static bool OwnedBy(Guid programId, Caller caller, ProgramCatalog catalog) =>
        caller.Role == Role.Shelter && catalog.Get(programId)?.Program.Definition.OrganizationId == caller.OrganizationId;

    /// <summary>
    /// The agency sees every line; a shelter only its own programs', without the client reference,
    /// and the referral only when its own program said yes: other shelters' answers are their data.
    /// </summary>
    private static AskView View(Ask a, Caller caller, ProgramCatalog catalog)
    {
        var shelter = caller.Role == Role.Shelter;
        var lines = a.Lines.Where(l => !shelter || OwnedBy(l.ProgramId, caller, catalog)).ToList();
        var views = lines.Select(l => new AskLineView(l.Position, l.ProgramId, catalog.Get(l.ProgramId)?.Program.Definition.Name, l.Status,
            l.ExpiresAt, l.AnsweredAt, l.ReasonCode, l.ReasonText, l.ArriveBy)).ToList();
        if (!shelter)
            return new AskView(a.Id, a.AgencyId, a.ClientReference, a.Status, a.HouseholdType, a.HouseholdSize, a.Household, views, a.ReferralId,
                a.CreatedAt, a.ExpiresAt, a.EndedAt);
        var referralId = lines.Any(l => l.Status == AskLineStatus.Yes) ? a.ReferralId : null;
        var expiresAt = lines.Count > 0 ? lines.Max(l => l.ExpiresAt) : a.ExpiresAt;
        return new AskView(a.Id, a.AgencyId, null, a.Status, a.HouseholdType, a.HouseholdSize, a.Household, views, referralId,
            a.CreatedAt, expiresAt, a.EndedAt);
    }
}

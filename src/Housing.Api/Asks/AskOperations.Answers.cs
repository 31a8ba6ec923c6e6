using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Asks;

/// <summary>Which asks to list, as the client wrote them: the operation judges them.</summary>
public sealed record AskQuery
{
    [FromQuery(Name = "status"), Description("Only asks in this status: open, placed, expired or cancelled.")]
    public string? Status { get; init; }

    [FromQuery(Name = "after"), Description("Return asks after this id (the previous page's `next`).")]
    public Guid? After { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1 to 200 (default 50).")]
    [Range(1, Paging.MaxLimit)]
    public int? Limit { get; init; }
}

public sealed partial class AskOperations
{
    /// <summary>The ask as the caller may see it; null when it does not exist or is not theirs to see.</summary>
    public async Task<AskView?> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var ask = await store.GetAsync(id, ct);
        return ask is not null && Visible(ask, caller) ? View(ask, caller) : null;
    }

    public async Task<Outcome<Page<AskView>>> ListAsync(Caller caller, AskQuery query, CancellationToken ct)
    {
        var v = new Validation();
        RequestShape.Check(query, v);
        var take = Paging.Take(query.Limit);
        var parsed = QueryEnums.Parse<AskStatus>(v, "status", query.Status);
        if (!v.IsValid) return new Invalid(v);
        var rows = caller.Role == Role.Shelter
            ? await store.ListAsync(null, caller.OrganizationId, parsed, query.After, take, ct)
            : await store.ListAsync(caller.OrganizationId, null, parsed, query.After, take, ct);
        return Paging.From(rows.Select(a => View(a, caller)).ToList(), take, a => a.Id);
    }

    public async Task<Outcome<AskView>> CancelAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (outcome, ask) = await store.CancelAsync(id, a => Visible(a, caller), Actor.Of(caller), clock.GetUtcNow(), ct);
        return outcome switch
        {
            AskChangeOutcome.NotFound => Refusal.NotFound("ask"),
            AskChangeOutcome.Done => View(ask!, caller),
            _ => Refusal.Conflict("ask-closed", ProblemText.Problem_AskClosed_Title, Say.Format(ProblemText.Problem_AskClosed_Cancel, HousingJson.Text(ask!.Status))),
        };
    }

    /// <summary>A shelter's yes or no for one of its programs' lines; the first yes places the household.</summary>
    public async Task<Outcome<AskView>> AnswerAsync(Caller caller, Guid id, Guid programId, AnswerAskRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        RequestShape.Check(request, v);
        var answer = request.Answer;
        if (answer == AskAnswer.No) v.Required("reason", request.Reason);
        if (answer == AskAnswer.Yes && request.Reason is not null) v.Add("reason", ProblemText.Problem_Ask_ReasonOnlyNo);
        if (answer == AskAnswer.No && request.ArriveBy is not null) v.Add("arriveBy", ProblemText.Problem_Ask_ArriveOnlyYes);
        if (request.ArriveBy is { } arrive && (arrive < now.AddHours(-1) || arrive > now.AddDays(365)))
            v.Add("arriveBy", ProblemText.Problem_Ask_ArriveRange);
        var text = v.Text("text", request.Text);
        if (!v.IsValid) return new Invalid(v);

        var (outcome, ask) = await store.AnswerAsync(id, programId, p => OwnedBy(p, caller), Actor.Of(caller),
            request with { Text = text }, now, ct);
        return outcome switch
        {
            AskChangeOutcome.NotFound => Refusal.NotFound("ask"),
            AskChangeOutcome.Done => View(ask!, caller),
            AskChangeOutcome.AlreadyAnswered => Refusal.Conflict("already-answered", ProblemText.Problem_AlreadyAnswered_Title,
                ProblemText.Problem_AlreadyAnswered_Detail),
            AskChangeOutcome.PlacedElsewhere => Refusal.Conflict("placed-elsewhere", ProblemText.Problem_PlacedElsewhere_Title,
                ProblemText.Problem_PlacedElsewhere_Detail),
            _ => Refusal.Conflict("ask-closed", ProblemText.Problem_AskClosed_Title, ProblemText.Problem_AskClosed_Answer),
        };
    }

    private bool Visible(Ask a, Caller caller) => caller.Role switch
    {
        Role.CaseManager => a.AgencyId == caller.OrganizationId,
        Role.Shelter => a.Lines.Any(l => OwnedBy(l.ProgramId, caller)),
        _ => false,
    };

    private bool OwnedBy(Guid programId, Caller caller) =>
        caller.Role == Role.Shelter && catalog.Get(programId)?.Program.Definition.OrganizationId == caller.OrganizationId;

    /// <summary>
    /// The agency sees every line; a shelter only its own programs', without the client reference,
    /// and the referral only when its own program said yes: other shelters' answers are their data.
    /// </summary>
    private AskView View(Ask a, Caller caller)
    {
        var shelter = caller.Role == Role.Shelter;
        var lines = a.Lines.Where(l => !shelter || OwnedBy(l.ProgramId, caller)).ToList();
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

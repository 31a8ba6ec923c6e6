using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Telemetry;
using Microsoft.AspNetCore.Mvc;
using static Housing.Api.Referrals.ReferralViews;

namespace Housing.Api.Referrals;

/// <summary>A referral made: <see cref="Replayed"/> when an earlier request with the same idempotency key already made it.</summary>
public sealed record Referred(ReferralView Referral, bool Replayed);

/// <summary>A referral that holds beds for the caller's key, and how many.</summary>
public sealed record HeldReferral(ReferralView Referral, int Beds);

/// <summary>Which referrals to list, as the client wrote them: the operation judges them.</summary>
public sealed record ReferralQuery
{
    [FromQuery(Name = "status"), Description("Only referrals in this status: pending, accepted, placed, declined, expired, cancelled or no_show.")]
    public string? Status { get; init; }

    [FromQuery(Name = "programId"), Description("Only referrals that reached this program (for a shelter key, one of its own programs).")]
    public Guid? ProgramId { get; init; }

    [FromQuery(Name = "after"), Description("Return referrals after this id (the previous page's `next`).")]
    public Guid? After { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1 to 200 (default 50).")]
    [Range(1, Paging.MaxLimit)]
    public int? Limit { get; init; }
}

/// <summary>
/// Referring, reading and deciding referrals, for the API's endpoints and the console's pages
/// alike: each answers the outcome in its own way, and the rules are these.
/// </summary>
public sealed class ReferralOperations(ReferralStore referrals, ProgramCatalog catalog, TimeProvider clock)
{
    public async Task<Outcome<Referred>> ReferAsync(Caller caller, CreateReferralRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var v = new Validation();
        if (idempotencyKey is { Length: > 100 }) v.Add("Idempotency-Key", Say.Format(ProblemText.Problem_AtMostCharacters, 100));
        v.NoControlCharacters("Idempotency-Key", idempotencyKey);
        RequestShape.Check(request, v);
        var reference = request.ClientReference;
        var household = MatchRequestRules.ValidateHousehold(request.Household, v);
        var programIds = request.ProgramIds ?? [];
        for (var i = 0; i < programIds.Count && !v.Has("programIds"); i++)
        {
            if (catalog.Get(programIds[i]) is null) v.Add($"programIds[{i}]", ProblemText.Problem_NoSuchProgram);
        }
        if (!v.IsValid) return new Invalid(v);

        using var span = HousingTraces.Source.StartActivity("housing.hold");
        var (outcome, referral, skipped) = await referrals.CreateAsync(caller.OrganizationId!.Value, caller.KeyId, HousingJson.Text(caller.Role),
            idempotencyKey, reference!, request.Household!, household!, programIds, clock.GetUtcNow(), ct);
        span?.SetTag("housing.outcome", HousingJson.Text(outcome)).SetTag("housing.programs", programIds.Count);
        return outcome switch
        {
            CreateOutcome.Created => new Referred(View(referral!, caller, catalog), Replayed: false),
            CreateOutcome.Replayed => new Referred(View(referral!, caller, catalog), Replayed: true),
            CreateOutcome.KeyReused => new Refusal(RefusalKind.Unprocessable, ProblemText.Problem_KeyReused_Title,
                ProblemText.Problem_KeyReused_Detail,
                "idempotency-key-reused"),
            CreateOutcome.NotAPartner => new Refusal(RefusalKind.NotAllowed, ProblemText.Problem_NotAPartner_Title,
                Say.Format(ProblemText.Problem_NotAPartner_Detail,
                    string.Join("; ", skipped.Select(id => catalog.Get(Guid.Parse(id)) is { } e ? $"{id} ({e.Program.Definition.Name})" : id))),
                "not-a-partner"),
            CreateOutcome.HoldLimit => Refusal.Conflict("hold-limit", ProblemText.Problem_HoldLimit_Title, skipped[0]),
            _ => Refusal.Conflict("no-capacity", ProblemText.Problem_NoCapacity_Title,
                Say.Format(ProblemText.Problem_NoCapacity_Detail, string.Join("; ", skipped))),
        };
    }

    /// <summary>
    /// The referrals in which the caller's key holds beds now (waiting for a shelter's answer or
    /// for the household to arrive), newest first, with the beds each holds: what counts against
    /// <see cref="ReferralOptions.MaxHeldPerCaseManager"/>, so the console can say which to free.
    /// </summary>
    public async Task<IReadOnlyList<HeldReferral>> HoldingAsync(Caller caller, CancellationToken ct)
    {
        var holding = await referrals.HoldingAsync(caller.KeyId, ct);
        return holding
            .Where(h => Visible(h.Referral, caller, catalog))
            .Select(h => new HeldReferral(View(h.Referral, caller, catalog), h.Beds))
            .OrderByDescending(h => h.Referral.CreatedAt)
            .ToList();
    }

    /// <summary>The referral as the caller may see it; null when it does not exist or is not theirs to see.</summary>
    public async Task<ReferralView?> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var referral = await referrals.GetAsync(id, ct);
        return referral is not null && Visible(referral, caller, catalog) ? View(referral, caller, catalog) : null;
    }

    public async Task<Outcome<Page<ReferralView>>> ListAsync(Caller caller, ReferralQuery query, CancellationToken ct)
    {
        var v = new Validation();
        RequestShape.Check(query, v);
        var take = Paging.Take(query.Limit);
        var parsed = QueryEnums.Parse<ReferralStatus>(v, "status", query.Status);
        if (!v.IsValid) return new Invalid(v);
        var rows = caller.Role == Role.Shelter
            ? await referrals.ListAsync(null, caller.OrganizationId, parsed, query.ProgramId, query.After, take, ct)
            : await referrals.ListAsync(caller.OrganizationId, null, parsed, query.ProgramId, query.After, take, ct);
        return Paging.From(rows.Select(r => View(r, caller, catalog)).ToList(), take, r => r.Id);
    }

    public Task<Outcome<ReferralView>> DeclineAsync(Caller caller, Guid id, DeclineRequest request, CancellationToken ct)
    {
        var v = new Validation();
        RequestShape.Check(request, v);
        var text = v.Text("text", request.Text);
        if (!v.IsValid) return Task.FromResult<Outcome<ReferralView>>(new Invalid(v));
        return DecideAsync(caller, id, ReferralAction.Decline, request with { Text = text }, ct);
    }

    /// <summary>Accept, placed, no-show or cancel; a decline goes through <see cref="DeclineAsync"/>, which checks its reason first.</summary>
    public Task<Outcome<ReferralView>> DecideAsync(Caller caller, Guid id, ReferralAction action, CancellationToken ct) =>
        action == ReferralAction.Decline
            ? throw new ArgumentException("A decline needs its reason.", nameof(action))
            : DecideAsync(caller, id, action, null, ct);

    private async Task<Outcome<ReferralView>> DecideAsync(Caller caller, Guid id, ReferralAction action, DeclineRequest? decline, CancellationToken ct)
    {
        // Whoever may see the referral gets an answer about it; a shelter decides only its own
        // program's current step (one whose hold expired, or that declined, is told it moved on).
        bool MayDecide(Referral r) => caller.Role != Role.Shelter || OwnedBy(r.Current.ProgramId, caller, catalog);
        var (outcome, referral) = await referrals.DecideAsync(id, action, r => Visible(r, caller, catalog), caller.KeyId,
            HousingJson.Text(caller.Role), decline, clock.GetUtcNow(), ct, MayDecide);
        return outcome switch
        {
            DecideOutcome.NotFound => Refusal.NotFound("referral"),
            DecideOutcome.HoldExpired => Refusal.Conflict("hold-expired", ProblemText.Problem_HoldExpired_Title,
                ProblemText.Problem_HoldExpired_Detail),
            DecideOutcome.Illegal => Refusal.Conflict("illegal-transition", ProblemText.Problem_Illegal_Title,
                MayDecide(referral!)
                    ? Say.Format(ProblemText.Problem_Illegal_Detail, HousingJson.Text(referral!.Status), HousingJson.Text(ReferralTransitions.StepAfter(action)))
                    : ProblemText.Problem_Illegal_MovedOn),
            _ => View(referral!, caller, catalog),
        };
    }

    /// <summary>The accepted program's address and intake contact, for the referring agency only; the read is audited.</summary>
    public async Task<Outcome<PlacementView>> PlacementAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var referral = await referrals.GetAsync(id, ct);
        if (referral is null || referral.AgencyId != caller.OrganizationId) return Refusal.NotFound("referral");
        if (referral.Status is not (ReferralStatus.Accepted or ReferralStatus.Placed))
            return Refusal.Conflict("not-accepted", ProblemText.Problem_NotAccepted_Title, ProblemText.Problem_NotAccepted_Detail);
        var program = catalog.Get(referral.Current.ProgramId)!.Program;
        await referrals.AuditAsync(clock.GetUtcNow(), caller.KeyId, HousingJson.Text(caller.Role), "placement.read", id, ct);
        var d = program.Definition;
        return new PlacementView(id, program.Id, d.Name, d.Address, d.Location, d.IntakeContact);
    }
}

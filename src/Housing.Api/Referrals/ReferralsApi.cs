using System.ComponentModel;
using System.Text.RegularExpressions;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Referrals;

public static partial class ReferralsApi
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
                ([Description("The referral's id.")] Guid id, Caller caller, ReferralStore referrals, ProgramCatalog catalog, TimeProvider clock, CancellationToken ct) =>
                    Decide(id, action, null, caller, referrals, catalog, clock, ct))
            .WithName(action + "Referral").WithSummary(summary)
            .RequireRoles(role)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    public static Task<Results<Created<ReferralView>, Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateReferralRequest request, Caller caller, ReferralStore referrals, ProgramCatalog catalog, TimeProvider clock, CancellationToken ct,
        [FromHeader(Name = "Idempotency-Key"), Description("Your agency's key for this request, at most 100 characters and no control characters: a retry with the same key and body returns the same referral instead of holding more beds; the same key with another body gets 422.")]
        string? idempotencyKey = null) =>
        Refer(request, idempotencyKey is { Length: > 0 } key ? key : null, caller, referrals, catalog, clock, ct);

    /// <summary>The same rules for the console, whose form carries the idempotency key as a field, not a header.</summary>
    public static async Task<Results<Created<ReferralView>, Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Refer(
        CreateReferralRequest request, string? idempotencyKey, Caller caller, ReferralStore referrals, ProgramCatalog catalog, TimeProvider clock,
        CancellationToken ct)
    {
        var v = new Validation();
        if (idempotencyKey is { Length: > 100 }) v.Add("Idempotency-Key", "At most 100 characters.");
        v.NoControlCharacters("Idempotency-Key", idempotencyKey);
        var reference = v.Text("clientReference", request.ClientReference, 40, required: true);
        CheckClientReference(v, reference);
        var household = MatchRequestRules.ValidateHousehold(request.Household, v);
        var programIds = request.ProgramIds ?? [];
        if (programIds.Count is < 1 or > 10) v.Add("programIds", "List 1 to 10 programs, best first.");
        if (programIds.Distinct().Count() != programIds.Count) v.Add("programIds", "Each program at most once.");
        for (var i = 0; i < programIds.Count; i++)
        {
            if (catalog.Get(programIds[i]) is null) v.Add($"programIds[{i}]", "No such program.");
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var (outcome, referral, skipped) = await referrals.CreateAsync(caller.OrganizationId!.Value, caller.KeyId, HousingJson.Text(caller.Role),
            idempotencyKey, reference!, request.Household!, household!, programIds, clock.GetUtcNow(), ct);
        return outcome switch
        {
            CreateOutcome.Created => TypedResults.Created($"/v1/referrals/{referral!.Id}", View(referral, caller, catalog)),
            CreateOutcome.Replayed => TypedResults.Ok(View(referral!, caller, catalog)),
            CreateOutcome.KeyReused => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused", type: Problems.TypeUri("idempotency-key-reused"),
                detail: "This Idempotency-Key was already used by your agency for a different request; use a new key for a new referral."),
            CreateOutcome.NotAPartner => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Not a partner agency", type: Problems.TypeUri("not-a-partner"),
                detail: "These programs take referrals only from their partner agencies, and your agency is not one of them: "
                    + string.Join("; ", skipped.Select(id => catalog.Get(Guid.Parse(id)) is { } e ? $"{id} ({e.Program.Definition.Name})" : id))
                    + ". Nothing was held; leave them out, or ask the shelter to list your agency as a partner."),
            CreateOutcome.HoldLimit => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Hold limit reached",
                type: Problems.TypeUri("hold-limit"), detail: skipped[0] + " Cancel or finish a referral first."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No bed could be held",
                type: Problems.TypeUri("no-capacity"),
                detail: "None of the programs listed can take the whole household now: " + string.Join("; ", skipped) + "."),
        };
    }

    public static async Task<Results<Ok<ReferralView>, ProblemHttpResult>> Get(
        [Description("The referral's id.")] Guid id, Caller caller, ReferralStore referrals, ProgramCatalog catalog, CancellationToken ct)
    {
        var referral = await referrals.GetAsync(id, ct);
        return referral is not null && Visible(referral, caller, catalog)
            ? TypedResults.Ok(View(referral, caller, catalog))
            : Problems.NotFound("referral");
    }

    public static async Task<Results<Ok<Page<ReferralView>>, ValidationProblem>> List(
        Caller caller, ReferralStore referrals, ProgramCatalog catalog, CancellationToken ct,
        [Description("Only referrals in this status: pending, accepted, placed, declined, expired, cancelled or no_show.")] string? status = null,
        [Description("Only referrals that reached this program (for a shelter key, one of its own programs).")] Guid? programId = null,
        [Description("Return referrals after this id (the previous page's `next`).")] Guid? after = null,
        [Description("Page size, 1 to 200 (default 50).")] int? limit = null)
    {
        var v = new Validation();
        var take = Paging.Limit(v, limit);
        var parsed = QueryEnums.Parse<ReferralStatus>(v, "status", status);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = caller.Role == Role.Shelter
            ? await referrals.ListAsync(null, caller.OrganizationId, parsed, programId, after, take, ct)
            : await referrals.ListAsync(caller.OrganizationId, null, parsed, programId, after, take, ct);
        return TypedResults.Ok(Paging.From(rows.Select(r => View(r, caller, catalog)).ToList(), take, r => r.Id));
    }

    public static Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Decline(
        [Description("The referral's id.")] Guid id, DeclineRequest request, Caller caller, ReferralStore referrals, ProgramCatalog catalog,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("declinedBy", request.DeclinedBy);
        v.Required("reason", request.Reason);
        var text = v.Text("text", request.Text, 500);
        if (!v.IsValid) return Task.FromResult<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>>(TypedResults.ValidationProblem(v.Errors));
        return Decide(id, ReferralAction.Decline, request with { Text = text }, caller, referrals, catalog, clock, ct);
    }

    public static async Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Decide(
        Guid id, ReferralAction action, DeclineRequest? decline, Caller caller, ReferralStore referrals, ProgramCatalog catalog,
        TimeProvider clock, CancellationToken ct)
    {
        // Whoever may see the referral gets an answer about it; a shelter decides only its own
        // program's current step (one whose hold expired, or that declined, is told it moved on).
        bool MayDecide(Referral r) => caller.Role != Role.Shelter || OwnedBy(r.Current.ProgramId, caller, catalog);
        var (outcome, referral) = await referrals.DecideAsync(id, action, r => Visible(r, caller, catalog), caller.KeyId,
            HousingJson.Text(caller.Role), decline, clock.GetUtcNow(), ct, MayDecide);
        return outcome switch
        {
            DecideOutcome.NotFound => Problems.NotFound("referral"),
            DecideOutcome.HoldExpired => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The hold has expired",
                type: Problems.TypeUri("hold-expired"),
                detail: "The time to decide on this referral ran out; the bed goes back and the referral moves on at the next sweep."),
            DecideOutcome.Illegal => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed now",
                type: Problems.TypeUri("illegal-transition"),
                detail: MayDecide(referral!)
                    ? $"A referral that is {HousingJson.Text(referral!.Status)} cannot be {HousingJson.Text(ReferralTransitions.StepAfter(action))}."
                    : "This referral has moved on from your program; its step here is closed."),
            _ => TypedResults.Ok(View(referral!, caller, catalog)),
        };
    }

    public static async Task<Results<Ok<PlacementView>, ProblemHttpResult>> Placement(
        [Description("The referral's id.")] Guid id, Caller caller, ReferralStore referrals, ProgramCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var referral = await referrals.GetAsync(id, ct);
        if (referral is null || referral.AgencyId != caller.OrganizationId) return Problems.NotFound("referral");
        if (referral.Status is not (ReferralStatus.Accepted or ReferralStatus.Placed))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not accepted yet", type: Problems.TypeUri("not-accepted"),
                detail: "Placement details are released only after the shelter accepts.");
        var program = catalog.Get(referral.Current.ProgramId)!.Program;
        await referrals.AuditAsync(clock.GetUtcNow(), caller.KeyId, HousingJson.Text(caller.Role), "placement.read", id, ct);
        var d = program.Definition;
        return TypedResults.Ok(new PlacementView(id, program.Id, d.Name, d.Address, d.Location, d.IntakeContact));
    }

    private static bool Visible(Referral r, Caller caller, ProgramCatalog catalog) => caller.Role switch
    {
        Role.CaseManager => r.AgencyId == caller.OrganizationId,
        Role.Shelter => r.Steps.Any(s => Reached(s) && OwnedBy(s.ProgramId, caller, catalog)),
        _ => false,
    };

    /// <summary>A step the referral actually offered to the program: not one still waiting, nor one skipped because it was full or did not fit.</summary>
    private static bool Reached(ReferralStep s) => s.Status is not (StepStatus.Waiting or StepStatus.Skipped);

    private static bool OwnedBy(Guid programId, Caller caller, ProgramCatalog catalog) =>
        catalog.Get(programId)?.Program.Definition.OrganizationId == caller.OrganizationId;

    /// <summary>The agency sees the whole trail; a shelter sees only the steps at its own programs that reached it.</summary>
    private static ReferralView View(Referral r, Caller caller, ProgramCatalog catalog)
    {
        var steps = r.Steps
            .Where(s => caller.Role != Role.Shelter || (Reached(s) && OwnedBy(s.ProgramId, caller, catalog)))
            .Select(s => new StepView(s.Position, s.ProgramId, catalog.Get(s.ProgramId)?.Program.Definition.Name, s.Status,
                s.OfferedAt, s.ExpiresAt, s.DecidedAt, s.DeclinedBy, s.ReasonCode, s.ReasonText))
            .ToList();
        if (caller.Role != Role.Shelter)
            return new ReferralView(r.Id, r.AgencyId, r.ClientReference, r.Status, r.HouseholdType, r.HouseholdSize, r.Household, steps, r.CreatedAt, r.UpdatedAt);

        // A shelter sees the referral as it stands at its own programs: whether the household was
        // later accepted or placed by another partner is that partner's data.
        var own = steps.LastOrDefault();
        var status = own?.Status switch
        {
            StepStatus.Accepted => ReferralStatus.Accepted,
            StepStatus.Placed => ReferralStatus.Placed,
            StepStatus.Declined => ReferralStatus.Declined,
            StepStatus.Expired => ReferralStatus.Expired,
            StepStatus.Cancelled => ReferralStatus.Cancelled,
            StepStatus.NoShow => ReferralStatus.NoShow,
            _ => ReferralStatus.Pending,
        };
        var updated = own?.DecidedAt ?? own?.OfferedAt ?? r.CreatedAt;
        return new ReferralView(r.Id, r.AgencyId, r.ClientReference, status, r.HouseholdType, r.HouseholdSize, r.Household, steps, r.CreatedAt, updated);
    }

    /// <summary>A referral's, a watch's or an ask's client reference: pseudonymous, never a name.</summary>
    public static void CheckClientReference(Validation v, string? reference)
    {
        if (reference is not null && !ClientReferencePattern().IsMatch(reference))
            v.Add("clientReference", "A pseudonymous reference of letters, digits, '.', '_' or '-' (no spaces): never the client's name.");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    internal static partial Regex ClientReferencePattern();
}

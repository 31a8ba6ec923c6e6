using System.ComponentModel;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.Organizations;
using Housing.Api.Referrals;
using Housing.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Housing.Api.Watches;

public static class WatchesApi
{
    public static RouteGroupBuilder MapWatches(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/watches").WithTags("Watches");
        group.MapPost("/", Create).WithName("CreateWatch")
            .WithSummary("Keep looking for a household: hold (or only report) the first fitting bed that opens, until the watch ends")
            .RequireRoles(Role.CaseManager)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithName("ListWatches")
            .WithSummary("Your agency's watches (an admin reads every agency's, without their safety constraints)")
            .RequireRoles(Role.CaseManager, Role.Admin);
        group.MapGet("/{id:guid}", Get).WithName("GetWatch")
            .WithSummary("Read a watch, its status and its trail")
            .RequireRoles(Role.CaseManager, Role.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelWatch")
            .WithSummary("Stop watching; the watch's safety constraints are destroyed. A referral it already made is left as it is")
            .RequireRoles(Role.CaseManager)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<Created<WatchView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateWatchRequest request, Caller caller, WatchStore watches, MatchIndexCache indexes, OrganizationStore organizations,
        ProgramCatalog catalog, Sealers sealers, WatchSignal signal, TimeProvider clock, IOptions<MatchingOptions> matching,
        IOptions<WatchOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var o = options.Value;
        var v = new Validation();
        var reference = v.Text("clientReference", request.ClientReference, 40, required: true);
        ReferralsApi.CheckClientReference(v, reference);
        var query = MatchRequestRules.Validate(new MatchRequest(request.Household, request.Wants, request.Safety), today, v);
        var endsAt = request.EndsAt ?? now.AddDays(o.DefaultDays);
        if (endsAt <= now.AddMinutes(1)) v.Add("endsAt", "Must be in the future: the watch ends then.");
        else if (endsAt > now.AddDays(o.MaxDays)) v.Add("endsAt", $"At most {o.MaxDays} days from now; make a new watch after that if it is still needed.");
        if (!v.IsValid || query is null) return TypedResults.ValidationProblem(v.Errors);

        // The same refusals as a search: a safety input that would protect nothing is an error, not a quiet no-op.
        var index = indexes.Get(today);
        var existing = await organizations.ExistingAsync(SafetyInputRules.OrganizationsToLookUp(query.Safety, index.Area), ct);
        SafetyInputRules.Check(query.Safety, index.Area, matching.Value.UnsafePlaceMarginKm, existing, v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var watch = new Watch(Guid.CreateVersion7(now), caller.OrganizationId!.Value, caller.KeyId, reference!, request.Mode ?? WatchMode.Hold,
            request.ResumeOnDecline ?? false, WatchStatus.Active, request.Household!, query.Household.Type, query.Household.Size, query.Wants,
            sealers.WatchSafety.Seal(HousingJson.Serialize(query.Safety)), [], null, 1, now, endsAt, now, null);
        if (await watches.CreateAsync(watch, HousingJson.Text(caller.Role), o.MaxLivePerCaseManager, ct) == CreateWatchOutcome.LimitReached)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Watch limit reached", type: Problems.TypeUri("watch-limit"),
                detail: $"This key already has {o.MaxLivePerCaseManager} live watches. Cancel one you no longer need, then try again.");
        signal.Raise();
        var created = await watches.GetAsync(watch.Id, ct);
        return TypedResults.Created($"/v1/watches/{watch.Id}", View(created!.Value.Watch, created.Value.Trail, caller, catalog, sealers));
    }

    public static async Task<Results<Ok<Page<WatchView>>, ValidationProblem>> List(
        Caller caller, WatchStore watches, ProgramCatalog catalog, Sealers sealers, CancellationToken ct,
        [Description("Only watches in this status: active, holding, fulfilled, declined, cancelled or expired.")] string? status = null,
        [Description("Return watches after this id (the previous page's `next`).")] Guid? after = null,
        [Description("Page size, 1 to 200 (default 50).")] int? limit = null)
    {
        var v = new Validation();
        var take = Paging.Limit(v, limit);
        var parsed = QueryEnums.Parse<WatchStatus>(v, "status", status);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = await watches.ListAsync(caller.Role == Role.Admin ? null : caller.OrganizationId, parsed, after, take, ct);
        return TypedResults.Ok(Paging.From(rows.Select(w => View(w, [], caller, catalog, sealers)).ToList(), take, w => w.Id));
    }

    public static async Task<Results<Ok<WatchView>, ProblemHttpResult>> Get(
        [Description("The watch's id.")] Guid id, Caller caller, WatchStore watches, ProgramCatalog catalog, Sealers sealers, CancellationToken ct)
    {
        var found = await watches.GetAsync(id, ct);
        return found is { } f && Visible(f.Watch, caller)
            ? TypedResults.Ok(View(f.Watch, f.Trail, caller, catalog, sealers))
            : Problems.NotFound("watch");
    }

    public static async Task<Results<Ok<WatchView>, ProblemHttpResult>> Cancel(
        [Description("The watch's id.")] Guid id, Caller caller, WatchStore watches, ProgramCatalog catalog, Sealers sealers, WatchSignal signal,
        TimeProvider clock, CancellationToken ct)
    {
        var (outcome, _) = await watches.CancelAsync(id, w => Visible(w, caller), caller.KeyId, HousingJson.Text(caller.Role), clock.GetUtcNow(), ct);
        switch (outcome)
        {
            case CancelWatchOutcome.NotFound:
                return Problems.NotFound("watch");
            case CancelWatchOutcome.Ended:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The watch has ended", type: Problems.TypeUri("watch-ended"),
                    detail: "This watch already ended; nothing changed. Make a new watch to keep looking.");
        }
        signal.Raise();
        var found = await watches.GetAsync(id, ct);
        return TypedResults.Ok(View(found!.Value.Watch, found.Value.Trail, caller, catalog, sealers));
    }

    /// <summary>A case manager sees their own agency's watches; an admin, everyone's.</summary>
    private static bool Visible(Watch w, Caller caller) => caller.Role == Role.Admin || w.AgencyId == caller.OrganizationId;

    /// <summary>The safety constraints go to the agency that made the watch, while it is live, and to no one else.</summary>
    private static WatchView View(Watch w, IReadOnlyList<WatchStore.TrailRow> trail, Caller caller, ProgramCatalog catalog, Sealers sealers)
    {
        var safety = caller.OrganizationId == w.AgencyId && w.Live && w.SealedSafety is { } sealedSafety
            ? ToRequest(HousingJson.Deserialize<Safety>(sealers.WatchSafety.Open(sealedSafety)!))
            : null;
        var wants = new WantsRequest(w.Wants.Kinds, w.Wants.EarliestStart, w.Wants.ExpectedStayDays, w.Wants.Services);
        var events = trail.Select(t => new WatchEvent(t.At, t.Event, t.ProgramId,
            t.ProgramId is { } p ? catalog.Get(p)?.Program.Definition.Name : null, t.ReferralId)).ToList();
        return new WatchView(w.Id, w.AgencyId, w.ClientReference, w.Mode, w.ResumeOnDecline, w.Status, w.HouseholdType, w.HouseholdSize, w.Household,
            wants, safety, w.PassedOver, w.ReferralId, w.CreatedAt, w.EndsAt, w.UpdatedAt, w.EndedAt, events);
    }

    private static SafetyRequest ToRequest(Safety s) => new(
        s.UnsafePlaces?.Select(p => new UnsafePlaceRequest(p.Latitude, p.Longitude, p.RadiusKm)).ToList(),
        s.UnsafeRegions, s.UnsafeOrganizationIds, s.UnsafeProgramIds, s.ConfidentialRequired);
}

public static class WatchServices
{
    public static IServiceCollection AddWatches(this IServiceCollection services)
    {
        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.DefaultDays <= o.MaxDays, "Watches:DefaultDays must not be more than Watches:MaxDays.").ValidateOnStart();
        services.AddSingleton<WatchSignal>();
        services.AddSingleton<WatchStore>();
        services.AddSingleton<WatchWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchWorker>());
        return services;
    }
}

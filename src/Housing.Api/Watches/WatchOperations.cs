using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Places;
using Housing.Api.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Watches;

/// <summary>Which watches to list, as the client wrote them: the operation judges them.</summary>
public sealed record WatchQuery
{
    [FromQuery(Name = "status"), Description("Only watches in this status: active, holding, fulfilled, declined, cancelled or expired.")]
    public string? Status { get; init; }

    [FromQuery(Name = "after"), Description("Return watches after this id (the previous page's `next`).")]
    public Guid? After { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1 to 200 (default 50).")]
    [Range(1, Paging.MaxLimit)]
    public int? Limit { get; init; }
}

/// <summary>Making, reading and cancelling watches, for the API's endpoints and the console's pages alike.</summary>
public sealed class WatchOperations(
    Gazetteer places, WatchStore watches, MatchIndexCache indexes, MatchOperations matching, ProgramCatalog catalog, Sealers sealers, WatchSignal signal,
    TimeProvider clock, IOptions<WatchOptions> options)
{
    public async Task<Outcome<WatchView>> CreateAsync(Caller caller, CreateWatchRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var o = options.Value;
        var v = new Validation();
        RequestShape.Check(request, v);
        var reference = request.ClientReference;
        var query = MatchRequestRules.Validate(new MatchRequest(request.Household, request.Wants, request.Safety), today, places, v);
        var endsAt = request.EndsAt ?? now.AddDays(o.DefaultDays);
        if (endsAt <= now.AddMinutes(1)) v.Add("endsAt", ProblemText.Problem_Watch_EndsInFuture);
        else if (endsAt > now.AddDays(o.MaxDays)) v.Add("endsAt", Say.Format(ProblemText.Problem_Watch_MaxDays, o.MaxDays));
        if (!v.IsValid || query is null) return new Invalid(v);

        // The same refusals as a search: a safety input that would protect nothing is an error, not a quiet no-op.
        await matching.CheckInputsAsync(query, indexes.Get(today), v, ct);
        if (!v.IsValid) return new Invalid(v);

        var watch = new Watch(Guid.CreateVersion7(now), caller.OrganizationId!.Value, caller.KeyId, reference!, request.Mode ?? WatchMode.Hold,
            request.ResumeOnDecline ?? false, WatchStatus.Active, request.Household!, query.Household.Type, query.Household.Size, query.Wants,
            sealers.WatchSafety.Seal(HousingJson.Serialize(query.Safety)), [], null, 1, now, endsAt, now, null);
        if (await watches.CreateAsync(watch, HousingJson.Text(caller.Role), o.MaxLivePerCaseManager, ct) == CreateWatchOutcome.LimitReached)
            return Refusal.Conflict("watch-limit", ProblemText.Problem_WatchLimit_Title,
                Say.Format(ProblemText.Problem_WatchLimit_Detail, o.MaxLivePerCaseManager));
        signal.Raise();
        var created = await watches.GetAsync(watch.Id, ct);
        return View(created!.Value.Watch, created.Value.Trail, caller);
    }

    public async Task<Outcome<Page<WatchView>>> ListAsync(Caller caller, WatchQuery query, CancellationToken ct)
    {
        var v = new Validation();
        RequestShape.Check(query, v);
        var take = Paging.Take(query.Limit);
        var parsed = QueryEnums.Parse<WatchStatus>(v, "status", query.Status);
        if (!v.IsValid) return new Invalid(v);
        var rows = await watches.ListAsync(caller.Role == Role.Admin ? null : caller.OrganizationId, parsed, query.After, take, ct);
        return Paging.From(rows.Select(w => View(w, [], caller)).ToList(), take, w => w.Id);
    }

    /// <summary>The watch as the caller may see it; null when it does not exist or is not theirs to see.</summary>
    public async Task<WatchView?> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var found = await watches.GetAsync(id, ct);
        return found is { } f && Visible(f.Watch, caller) ? View(f.Watch, f.Trail, caller) : null;
    }

    public async Task<Outcome<WatchView>> CancelAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (outcome, _) = await watches.CancelAsync(id, w => Visible(w, caller), caller.KeyId, HousingJson.Text(caller.Role), clock.GetUtcNow(), ct);
        switch (outcome)
        {
            case CancelWatchOutcome.NotFound:
                return Refusal.NotFound("watch");
            case CancelWatchOutcome.Ended:
                return Refusal.Conflict("watch-ended", ProblemText.Problem_WatchEnded_Title, ProblemText.Problem_WatchEnded_Detail);
        }
        signal.Raise();
        var found = await watches.GetAsync(id, ct);
        return View(found!.Value.Watch, found.Value.Trail, caller);
    }

    /// <summary>A case manager sees their own agency's watches; an admin, everyone's.</summary>
    private static bool Visible(Watch w, Caller caller) => caller.Role == Role.Admin || w.AgencyId == caller.OrganizationId;

    /// <summary>The safety constraints go to the agency that made the watch, while it is live, and to no one else.</summary>
    private WatchView View(Watch w, IReadOnlyList<WatchStore.TrailRow> trail, Caller caller)
    {
        var safety = caller.OrganizationId == w.AgencyId && w.Live && w.SealedSafety is { } sealedSafety
            ? ToRequest(HousingJson.Deserialize<Safety>(sealers.WatchSafety.Open(sealedSafety)!))
            : null;
        var wants = new WantsRequest(w.Wants.Kinds, w.Wants.EarliestStart, w.Wants.ExpectedStayDays, w.Wants.Services, w.Wants.CocCodes);
        var events = trail.Select(t => new WatchEvent(t.At, t.Event, t.ProgramId,
            t.ProgramId is { } p ? catalog.Get(p)?.Program.Definition.Name : null, t.ReferralId)).ToList();
        return new WatchView(w.Id, w.AgencyId, w.ClientReference, w.Mode, w.ResumeOnDecline, w.Status, w.HouseholdType, w.HouseholdSize, w.Household,
            wants, safety, w.PassedOver, w.ReferralId, w.CreatedAt, w.EndsAt, w.UpdatedAt, w.EndedAt, events);
    }

    private static SafetyRequest ToRequest(Safety s) => new(
        // A place given by ZIP code reads back as its ZIP code, as the case manager gave it.
        s.UnsafePlaces?.Select(p => p.ZipCode is { } zip ? new UnsafePlaceRequest(RadiusKm: p.RadiusKm, ZipCode: zip) : new UnsafePlaceRequest(p.Latitude, p.Longitude, p.RadiusKm)).ToList(),
        s.UnsafeRegions, s.UnsafeOrganizationIds, s.UnsafeProgramIds, s.ConfidentialRequired);
}

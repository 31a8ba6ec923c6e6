using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Shelter;

/// <summary>
/// One of the shelter's own programs: another organisation's is a 404, as in the API (the
/// ownership is in the store's WHERE). Its +/− and confirm buttons post through the same
/// availability operation as the API, so each click is a validated, audited snapshot.
/// </summary>
[Authorize(Policy = ConsoleAuth.Shelter)]
public sealed class ProgramModel(
    ProgramStore programs, AvailabilityStore availability, AvailabilityOperations counts, ProgramCatalog catalog, ReferralOperations referrals,
    TimeProvider clock) : ConsolePage
{
    public ProgramView? Program { get; private set; }
    public CountsView? Counts { get; private set; }
    public IReadOnlyList<ReferralView> Referrals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        (Notice, Problem) = Notices.For(done);
        if (await programs.GetAsync(id, Caller.ProgramScope, ct) is not { } program || catalog.Get(id) is not { } entry) return NotFound();
        Program = ProgramView.Detail(program, Caller);
        Counts = CountsView.Of(entry, clock.GetUtcNow(), $"/shelter/programs/{id}");
        var page = (await referrals.ListAsync(Caller, new ReferralQuery { ProgramId = id, Limit = Paging.MaxLimit }, ct)).Value!;
        Referrals = page.Items.Reverse().ToList();
        return Page();
    }

    /// <summary>+ or − on one figure; refused (nothing written) when a colleague posted since the page was drawn.</summary>
    public async Task<IActionResult> OnPostAdjustAsync(Guid id, string? householdType, string? field, int delta, string? basedOn, string? returnUrl,
        CancellationToken ct)
    {
        if (!HousingJson.TryParse<HouseholdType>(householdType, out var type) || field is not ("beds" or "units" or "slots") || delta is not (1 or -1))
            return BadRequest();
        return await PostAsync(id, basedOn, returnUrl, "saved", (program, latest, today) => CountAdjustment.Apply(program, latest, today, type, field, delta), ct);
    }

    /// <summary>Posts the counts as they are, which makes them fresh again (a post without If-Match is always a new snapshot).</summary>
    public Task<IActionResult> OnPostConfirmAsync(Guid id, string? returnUrl, CancellationToken ct) =>
        PostAsync(id, null, returnUrl, "confirmed", CountAdjustment.Confirm, ct);

    private async Task<IActionResult> PostAsync(Guid id, string? basedOn, string? returnUrl, string done,
        Func<HousingProgram, Snapshot?, DateOnly, PostAvailabilityRequest> change, CancellationToken ct)
    {
        if (await programs.GetAsync(id, Caller.ProgramScope, ct) is not { } program) return NotFound();
        var latest = await availability.LatestAsync(id, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The page's snapshot guards the change: two people clicking + on the same count make one change, not two.
        var ifMatch = string.IsNullOrEmpty(basedOn) ? null : new IfMatch(false, [basedOn]);
        var request = change(program, latest, today);
        var (posted, _) = await counts.PostAsync(Caller, id, request, ifMatch, ct);
        var outcome = posted switch
        {
            { Value: not null } => done,
            { Refusal.Kind: RefusalKind.NotFound } => null,
            { Refusal.Kind: RefusalKind.Stale } => "stale",
            _ => "invalid",
        };
        if (outcome is null) return NotFound();
        var back = returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : $"/shelter/programs/{id}";
        return LocalRedirect($"{back}?done={outcome}#program-{id}");
    }
}

using Housing.Api.Catalog;
using Housing.Api.Http;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Shelter;

/// <summary>
/// One of the shelter's own programs: another organisation's is a 404, as in the API (the
/// ownership is in the store's WHERE). Its +/−, typed and confirm changes post through the same
/// availability operation as the API (<see cref="CountPosting"/>), so each is a validated, audited snapshot.
/// </summary>
[Authorize(Policy = ConsoleAuth.Shelter)]
public sealed class ProgramModel(
    ProgramStore programs, ProgramCatalog catalog, ReferralOperations referrals, ReferralStore holds, CountPosting posting,
    TimeProvider clock) : ConsolePage
{
    public ProgramView? Program { get; private set; }
    public CountsView? Counts { get; private set; }
    public IReadOnlyList<ReferralView> Referrals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, Guid? program, CancellationToken ct)
    {
        if (!Notices.OnCard(done) || program != id) (Notice, Problem) = Notices.For(done);
        if (!await LoadAsync(id, ct)) return NotFound();
        if (program == id) Counts = Counts! with { Message = Notices.Card(done) };
        return Page();
    }

    /// <summary>+ or − on one figure; refused (nothing written) when a colleague posted since the page was drawn.</summary>
    public async Task<IActionResult> OnPostAdjustAsync(Guid id, string? householdType, string? field, int delta, string? basedOn, string? returnUrl,
        CancellationToken ct)
    {
        if (!HousingJson.TryParse<HouseholdType>(householdType, out var type) || !CountPosting.IsField(field) || delta is not (1 or -1))
            return BadRequest();
        var (outcome, _) = await posting.AdjustAsync(Caller, id, type, field!, delta, basedOn, ct);
        return After(id, outcome, returnUrl);
    }

    /// <summary>The number typed for one figure; a number the inventory does not allow is shown back in its field with the reason.</summary>
    public async Task<IActionResult> OnPostSetAsync(Guid id, string? householdType, string? field, string? value, string? basedOn, CancellationToken ct)
    {
        if (!HousingJson.TryParse<HouseholdType>(householdType, out var type) || !CountPosting.IsField(field)) return BadRequest();
        var (outcome, error) = await posting.SetAsync(Caller, id, type, field!, value, basedOn, ct);
        if (outcome != CountOutcome.Invalid) return After(id, outcome, null);
        if (!await LoadAsync(id, ct)) return NotFound();
        Counts = Counts! with { Typed = new TypedCount(type, field!, value, error ?? CountWords.NotANumber(0)) };
        return Page();
    }

    /// <summary>Posts the counts as they are, which makes them fresh again (a post without If-Match is always a new snapshot).</summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid id, string? returnUrl, CancellationToken ct)
    {
        var (outcome, _) = await posting.ConfirmAsync(Caller, id, ct);
        return After(id, outcome, returnUrl, "confirmed");
    }

    private IActionResult After(Guid id, CountOutcome outcome, string? returnUrl, string saved = "saved")
    {
        if (outcome == CountOutcome.NotFound) return NotFound();
        var back = returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : $"/shelter/programs/{id}";
        return LocalRedirect(Notices.After(back, id, outcome == CountOutcome.Saved ? saved : Notices.Done(outcome)));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await programs.GetAsync(id, Caller.ProgramScope, ct) is not { } program || catalog.Get(id) is not { } entry) return false;
        Program = ProgramView.Detail(program, Caller);
        Counts = CountsView.Of(entry, clock.GetUtcNow(), $"/shelter/programs/{id}", await holds.HeldAtAsync([id], ct));
        var page = (await referrals.ListAsync(Caller, new ReferralQuery { ProgramId = id, Limit = Paging.MaxLimit }, ct)).Value!;
        Referrals = page.Items.Reverse().ToList();
        return true;
    }
}

using Housing.Api.Catalog;
using Housing.Api.Http;
using Housing.Api.Offline;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Shelter;

/// <summary>
/// One of the shelter's own programs: another organisation's is a 404, as in the API (the
/// ownership is in the store's WHERE). Its +/−, typed and confirm changes post through the same
/// availability operation as the API (<see cref="CountPosting"/>), so each is a validated, audited snapshot.
/// Beds out of service are taken offline and returned here through the API's operation (<see cref="OfflineOperations"/>).
/// </summary>
[Authorize(Policy = ConsoleAuth.Shelter)]
public sealed class ProgramModel(
    ProgramStore programs, ProgramCatalog catalog, ReferralOperations referrals, ReferralStore holds, CountPosting posting,
    OfflineOperations offline, TimeProvider clock) : ConsolePage
{
    public ProgramView? Program { get; private set; }
    public CountsView? Counts { get; private set; }
    public IReadOnlyList<ReferralView> Referrals { get; private set; } = [];

    /// <summary>The program's beds out of service now, then those returned lately.</summary>
    public IReadOnlyList<OfflineBedsView> Offline { get; private set; } = [];

    /// <summary>The household types the program has beds for today: those beds can be taken offline.</summary>
    public IReadOnlyList<HouseholdType> BedTypes { get; private set; } = [];

    public DateOnly Today => OfflineOperations.Today(clock.GetUtcNow());

    [BindProperty] public OfflineForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, Guid? program, CancellationToken ct)
    {
        if (!Notices.OnCard(done) || program != id) (Notice, Problem) = Notices.For(done);
        Form = new OfflineForm { ReturnsOn = Today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
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

    /// <summary>Beds of one household type out of service until returned; refused beside its fields like the API's 400.</summary>
    public async Task<IActionResult> OnPostOfflineAsync(Guid id, CancellationToken ct)
    {
        var request = new TakeBedsOfflineRequest(
            HousingJson.TryParse<HouseholdType>(Form.HouseholdType, out var type) ? type : null,
            int.TryParse(Form.Beds, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var beds) ? beds : null,
            HousingJson.TryParse<OfflineReason>(Form.Reason, out var reason) ? reason : null,
            DateOnly.TryParseExact(Form.ReturnsOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None,
                out var returnsOn) ? returnsOn : null,
            Form.Note);
        var outcome = await offline.TakeAsync(Caller, id, request, ct);
        if (outcome.IsNotFound) return NotFound();
        if (outcome.Value is not null) return LocalRedirect($"/shelter/programs/{id}?done=offline");
        Explain(outcome);
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    /// <summary>Offline beds back in service now.</summary>
    public async Task<IActionResult> OnPostReturnAsync(Guid id, Guid offlineId, CancellationToken ct)
    {
        var outcome = await offline.ReturnAsync(Caller, id, offlineId, ct);
        if (outcome.IsNotFound) return NotFound();
        if (outcome.Value is not null) return LocalRedirect($"/shelter/programs/{id}?done=returned");
        Explain(outcome);
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
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
        Offline = (await offline.ListAsync(Caller, id, ct)).Value?.Items ?? [];
        BedTypes = program.Definition.Kind == ProgramKind.RapidRehousing ? []
            : [.. Availability.AvailabilityRules.Capacity(program, Today, entry.OverflowOn(Today), entry.Offline).Keys.Order()];
        return true;
    }
}

/// <summary>The offline form as typed: checked by the API's rules, never trusted.</summary>
public sealed class OfflineForm
{
    public string? HouseholdType { get; set; }
    public string? Beds { get; set; }
    public string? Reason { get; set; }
    public string? ReturnsOn { get; set; }
    public string? Note { get; set; }
}

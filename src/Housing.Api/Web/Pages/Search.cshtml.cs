using System.Globalization;
using Housing.Api.Asks;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Organizations;
using Housing.Api.Places;
using Housing.Api.Referrals;
using Housing.Api.Watches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages;

/// <summary>
/// The household and safety form, its ranked matches with their reasons, and the referral.
/// Posted, never put in a URL: a household's description and its unsafe places do not belong
/// in browser history or a proxy's log. The search, the referral, the ask and the watch are the features' own operations.
/// </summary>
[Authorize(Policy = ConsoleAuth.Search)]
public sealed class SearchModel(
    MatchOperations matching, ReferralOperations referrals, AskOperations asks, WatchOperations watches,
    OrganizationStore organizations, ProgramCatalog catalog, Gazetteer gazetteer, RegionNames regionNames,
    TimeProvider clock, IOptions<WatchOptions> watching, IOptions<ConsoleOptions> console) : ConsolePage
{
    [BindProperty] public SearchForm Form { get; set; } = SearchForm.Blank();

    public MatchOutcome? Outcome { get; private set; }

    /// <summary>Programs' public locations and the regions, for the map beside the unsafe places.</summary>
    public MapData Map { get; private set; } = MapData.Empty;
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyList<string> Regions { get; private set; } = [];
    /// <summary>The Continuums of Care programs are in: the form offers a choice only when there are several.</summary>
    public IReadOnlyList<string> Cocs { get; private set; } = [];
    public bool CanRefer => Caller.Role == Role.CaseManager;

    /// <summary>The lengths a watch may run, in days, up to the deployment's maximum; the default is chosen.</summary>
    public IReadOnlyList<int> WatchDayChoices => new[] { 1, 2, 3, 7, 14, 30, watching.Value.DefaultDays }
        .Where(d => d <= watching.Value.MaxDays).Distinct().Order().ToList();

    public string WatchDays => Form.WatchDays is { Length: > 0 } days ? days : watching.Value.DefaultDays.ToString(CultureInfo.InvariantCulture);

    /// <param name="program">A program chosen on the open-beds page: ticked for the referral when the search finds it fits.</param>
    public async Task OnGetAsync(Guid? program, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (program is { } id && catalog.Get(id) is { } entry)
        {
            Form.Focus = id.ToString();
            Notice = Say.Format(ConsoleText.Search_Focus, entry.Program.Definition.Name);
        }
    }

    /// <summary>Where an unsafe place lies, in words, as it will be searched: shown beside each place after a search.</summary>
    public string? PlacePreview(int row) =>
        row < Form.Places.Count && !Errors.Has($"safety.unsafePlaces[{row}].place") ? Form.Places[row].Preview(gazetteer) : null;

    /// <summary>
    /// The same words while the case manager types, for the page's script, which posts the one
    /// place as the form's first. Posted, like the search: an unsafe place does not go into a URL.
    /// </summary>
    public IActionResult OnPostPlace()
    {
        var place = Form.Places.Count > 0 ? Form.Places[0] : new PlaceForm();
        var circle = place.Circle(gazetteer);
        return new JsonResult(new PlacePreview(place.Preview(gazetteer) ?? "", circle?.Latitude, circle?.Longitude, circle?.RadiusKm));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        await SearchAsync(ct);
        return Page();
    }

    /// <summary>Refers to the one program named, or to the ticked programs in their ranked order.</summary>
    public async Task<IActionResult> OnPostReferAsync(string? only, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (!CanRefer) return Forbid();
        var v = new Validation();
        var household = Form.Household(v, out var memberRows);
        var ids = (only is not null ? [only] : Form.Selected).Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).ToList();
        if (ids.Count == 0) v.Add("programIds", ConsoleText.Search_TickPrograms);
        if (!v.IsValid) return await ShowAgainAsync(v.Errors, null, ct);
        var referred = await referrals.ReferAsync(Caller, new CreateReferralRequest(ids, Form.ClientReference?.Trim(), household),
            Form.IdempotencyKey, ct);
        if (referred.Value is { } done) return Redirect($"/referrals/{done.Referral.Id}?done=made");
        if (referred.Refusal?.Type == "hold-limit") Holding = await referrals.HoldingAsync(Caller, ct);
        return await ShowAgainAsync(SearchForm.ToRows(referred.Errors, memberRows, []), referred.Refusal, ct);
    }

    /// <summary>
    /// When nothing (or too little) fits: asks at once every program that would take the
    /// household if it had room, with the search's own household, wants and safety.
    /// </summary>
    public async Task<IActionResult> OnPostAskAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (!CanRefer) return Forbid();
        var v = new Validation();
        var request = Form.ToMatchRequest(v, gazetteer, out var memberRows, out var placeRows);
        if (!v.IsValid) return await ShowAgainAsync(v.Errors, null, ct);
        var asked = await asks.CreateAsync(Caller, new CreateAskRequest(request.Household, request.Wants, request.Safety, Form.ClientReference?.Trim()), ct);
        if (asked.Value is { } ask) return Redirect($"/asks/{ask.Id}?done=made");
        return await ShowAgainAsync(SearchForm.ToRows(asked.Errors, memberRows, placeRows), asked.Refusal, ct);
    }

    /// <summary>Leaves a watch with the search's own household, wants and safety: hold (or only report) the first fitting bed that opens.</summary>
    public async Task<IActionResult> OnPostWatchAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (!CanRefer) return Forbid();
        var v = new Validation();
        var request = Form.ToMatchRequest(v, gazetteer, out var memberRows, out var placeRows);
        WatchMode? mode = HousingJson.TryParse<WatchMode>(Form.WatchMode, out var m) ? m : null;
        if (mode is null) v.Add("mode", ConsoleText.Search_ChooseMode);
        if (!int.TryParse(WatchDays, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1 || days > watching.Value.MaxDays)
            v.Add("endsAt", ConsoleText.Search_ChooseDays);
        if (!v.IsValid) return await ShowAgainAsync(v.Errors, null, ct);
        var create = new CreateWatchRequest(Form.ClientReference?.Trim(), request.Household, request.Wants, request.Safety, mode,
            Form.ResumeOnDecline, clock.GetUtcNow().AddDays(days));
        var made = await watches.CreateAsync(Caller, create, ct);
        if (made.Value is { } watch) return Redirect($"/watches/{watch.Id}?done=made");
        return await ShowAgainAsync(SearchForm.ToRows(made.Errors, memberRows, placeRows), made.Refusal, ct);
    }

    /// <summary>
    /// The search again with its results, and what stopped the form: the form's own messages
    /// and the operation's (keyed to the form's rows), beside the search's; or the refusal.
    /// </summary>
    private async Task<IActionResult> ShowAgainAsync(IDictionary<string, string[]>? errors, Refusal? refusal, CancellationToken ct)
    {
        await SearchAsync(ct);
        if (errors is not null)
            ShowErrors(errors.Concat(Errors.ByField).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First().Value));
        else if (refusal is not null) (Errors, Problem) = (FormErrors.None, refusal.Detail);
        return Page();
    }

    private async Task SearchAsync(CancellationToken ct)
    {
        var v = new Validation();
        var request = Form.ToMatchRequest(v, gazetteer, out var memberRows, out var placeRows);
        Form.Padded();
        if (!v.IsValid)
        {
            ShowErrors(v.Errors);
            return;
        }
        var searched = await matching.SearchAsync(Caller, request, explain: true, ct);
        if (searched.Errors is { } errors) ShowErrors(SearchForm.ToRows(errors, memberRows, placeRows));
        Outcome = searched.Value;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Form.Padded();
        Organizations = await organizations.ListAsync(null, null, null, Paging.MaxLimit, ct);
        Regions = regionNames.Ordered(catalog.Entries.Select(e => e.Program.Definition.Region));
        Cocs = [.. catalog.Entries.Select(e => e.Program.Definition.CocCode).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
        Map = MapData.For(catalog.Entries.Select(e => e.Program), regionNames, console.Value);
    }
}

/// <summary>An unsafe place in words and, once known, its circle, for the page's script.</summary>
public sealed record PlacePreview(string Text, double? Latitude, double? Longitude, double? RadiusKm);

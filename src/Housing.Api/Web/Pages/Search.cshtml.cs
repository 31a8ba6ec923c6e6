using Housing.Api.Asks;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.Organizations;
using Housing.Api.Referrals;
using Housing.Api.Security;
using Housing.Api.Watches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages;

/// <summary>
/// The household and safety form, its ranked matches with their reasons, and the referral.
/// Posted, never put in a URL: a household's description and its unsafe places do not belong
/// in browser history or a proxy's log. The search and the referral are the API's own handlers.
/// </summary>
[Authorize(Policy = ConsoleAuth.Search)]
public sealed class SearchModel(
    MatchIndexCache indexes, SearchLog searches, TimeProvider clock, IOptions<MatchingOptions> matching, IOptions<FallbackOptions> fallbacks, IOptions<AskOptions> asks,
    IOptions<WatchOptions> watching,
    OrganizationStore organizations, ReferralStore referrals, ProgramCatalog catalog) : ConsolePage
{
    [BindProperty] public SearchForm Form { get; set; } = SearchForm.Blank();

    public MatchOutcome? Outcome { get; private set; }
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyList<string> Regions { get; private set; } = [];
    public bool CanRefer => Caller.Role == Role.CaseManager;

    /// <summary>The lengths a watch may run, in days, up to the deployment's maximum; the default is chosen.</summary>
    public IReadOnlyList<int> WatchDayChoices => new[] { 1, 2, 3, 7, 14, 30, watching.Value.DefaultDays }
        .Where(d => d <= watching.Value.MaxDays).Distinct().Order().ToList();

    public string WatchDays => Form.WatchDays is { Length: > 0 } days ? days : watching.Value.DefaultDays.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

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
        var household = Form.Household(v, out _);
        var ids = (only is not null ? [only] : Form.Selected).Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).ToList();
        if (ids.Count == 0) v.Add("programIds", "Tick the programs to refer to, or use a program's own Refer button.");
        if (!v.IsValid)
        {
            await SearchAsync(ct);
            Errors = new FormErrors(v.Errors.Concat(Errors.ByField).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First().Value));
            Problem = "Please check the fields marked below.";
            return Page();
        }
        var result = await ReferralsApi.Refer(new CreateReferralRequest(ids, Form.ClientReference?.Trim(), household),
            Form.IdempotencyKey, Caller, referrals, catalog, clock, ct);
        if (Take<ReferralView>(result.Result) is { } referral) return Redirect($"/referrals/{referral.Id}?done=made");

        var errors = Errors;
        var problem = Problem;
        await SearchAsync(ct);
        (Errors, Problem) = (errors, problem);
        return Page();
    }

    /// <summary>
    /// When nothing (or too little) fits: asks at once every program that would take the
    /// household if it had room, with the search's own household, wants and safety.
    /// </summary>
    public async Task<IActionResult> OnPostAskAsync([FromServices] AskStore askStore, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (!CanRefer) return Forbid();
        var v = new Validation();
        var request = Form.ToMatchRequest(v, out var memberRows, out var placeRows);
        if (v.IsValid)
        {
            var result = await AsksApi.Create(new CreateAskRequest(request.Household, request.Wants, request.Safety, Form.ClientReference?.Trim()),
                Caller, askStore, indexes, organizations, catalog, clock, matching, asks, ct);
            if (Take<AskView>(result.Result) is { } ask) return Redirect($"/asks/{ask.Id}?done=made");
        }
        return await ShowAgainAsync(v, memberRows, placeRows, ct);
    }

    /// <summary>Leaves a watch with the search's own household, wants and safety: hold (or only report) the first fitting bed that opens.</summary>
    public async Task<IActionResult> OnPostWatchAsync([FromServices] WatchStore watches, [FromServices] Sealers sealers, [FromServices] WatchSignal signal,
        CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (!CanRefer) return Forbid();
        var v = new Validation();
        var request = Form.ToMatchRequest(v, out var memberRows, out var placeRows);
        WatchMode? mode = HousingJson.TryParse<WatchMode>(Form.WatchMode, out var m) ? m : null;
        if (mode is null) v.Add("mode", "Choose whether to hold the bed or only be told.");
        if (!int.TryParse(WatchDays, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days)
            || days < 1 || days > watching.Value.MaxDays)
            v.Add("endsAt", "Choose how long to watch.");
        if (v.IsValid)
        {
            var create = new CreateWatchRequest(Form.ClientReference?.Trim(), request.Household, request.Wants, request.Safety, mode,
                Form.ResumeOnDecline, clock.GetUtcNow().AddDays(days));
            var result = await WatchesApi.Create(create, Caller, watches, indexes, organizations, catalog, sealers, signal, clock, matching, watching, ct);
            if (Take<WatchView>(result.Result) is { } watch) return Redirect($"/watches/{watch.Id}?done=made");
        }
        return await ShowAgainAsync(v, memberRows, placeRows, ct);
    }

    /// <summary>The search again with its results, and the form's or the API's messages keyed to the form's rows.</summary>
    private async Task<IActionResult> ShowAgainAsync(Validation v, List<int> memberRows, List<int> placeRows, CancellationToken ct)
    {
        var errors = SearchForm.ToRows(v.Errors.Concat(Errors.ByField).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First().Value),
            memberRows, placeRows);
        var problem = errors.Count > 0 ? "Please check the fields marked below." : Problem;
        await SearchAsync(ct);
        if (errors.Count > 0 || problem is not null) (Errors, Problem) = (new FormErrors(errors), problem);
        return Page();
    }

    private async Task SearchAsync(CancellationToken ct)
    {
        var v = new Validation();
        var request = Form.ToMatchRequest(v, out var memberRows, out var placeRows);
        Form.Padded();
        if (!v.IsValid)
        {
            Errors = new FormErrors(v.Errors);
            Problem = "Please check the fields marked below.";
            return;
        }
        var result = await MatchesApi.Search(request, Caller, indexes, searches, organizations, clock, matching, fallbacks, asks, ct, explain: true);
        switch (result.Result)
        {
            case JsonOk<MatchOutcome> ok:
                Outcome = ok.Value;
                break;
            case Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem:
                Errors = new FormErrors(SearchForm.ToRows(problem.ProblemDetails.Errors, memberRows, placeRows));
                Problem = "Please check the fields marked below.";
                break;
        }
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Form.Padded();
        Organizations = await organizations.ListAsync(null, null, null, Paging.MaxLimit, ct);
        Regions = catalog.Entries.Select(e => e.Program.Definition.Region).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}

using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.Organizations;
using Housing.Api.Referrals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Console.Pages;

/// <summary>
/// The household and safety form, its ranked matches with their reasons, and the referral.
/// Posted, never put in a URL: a household's description and its unsafe places do not belong
/// in browser history or a proxy's log. The search and the referral are the API's own handlers.
/// </summary>
[Authorize(Policy = ConsoleAuth.Search)]
public sealed class SearchModel(
    MatchIndexCache indexes, SearchLog searches, TimeProvider clock, IOptions<MatchingOptions> matching, IOptions<FallbackOptions> fallbacks, IOptions<Housing.Api.Asks.AskOptions> asks,
    OrganizationStore organizations, ReferralStore referrals, ProgramCatalog catalog) : ConsolePage
{
    [BindProperty] public SearchForm Form { get; set; } = SearchForm.Blank();

    public MatchOutcome? Outcome { get; private set; }
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyList<string> Regions { get; private set; } = [];
    public bool CanRefer => Caller.Role == Role.CaseManager;

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

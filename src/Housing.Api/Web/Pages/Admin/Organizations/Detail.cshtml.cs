using Housing.Api.Audit;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Organizations;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Admin.Organizations;

/// <summary>
/// One organisation: its details, its programs, and the agencies its referral-only programs take
/// referrals from, replaced as the API's <c>PUT /v1/organizations/{id}/partners</c> does
/// (<see cref="PartnerStore.SetAsync"/>), conditional on the list the page showed.
/// </summary>
[Authorize(Policy = ConsoleAuth.Admin)]
public sealed class DetailModel(OrganizationStore organizations, OrganizationDirectory directory, PartnerStore partners, ProgramStore programs,
    TimeProvider clock) : ConsolePage
{
    public Organization? Organization { get; private set; }

    public IReadOnlyList<HousingProgram> Programs { get; private set; } = [];

    /// <summary>Every organisation that may be a partner (an agency, or a provider that is one too).</summary>
    public IReadOnlyList<Organization> Agencies { get; private set; } = [];

    public Partners? Partners { get; private set; }

    /// <summary>The agencies ticked: the stored list, or what was posted when it was refused.</summary>
    public IReadOnlySet<Guid> Ticked { get; private set; } = new HashSet<Guid>();

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Notice = done switch
        {
            "created" => AdminText.Organization_Created,
            "partners" => AdminText.Partners_Saved,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostPartnersAsync(Guid id, List<string> agencyIds, string? basedOn, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var v = new Validation();
        var ids = agencyIds.Select(a => Guid.TryParse(a, out var g) ? g : (Guid?)null).ToList();
        if (ids.Any(i => i is null)) v.Add("agencyIds", ConsoleText.Form_ChooseFromList);
        var request = new SetPartnersRequest(ids.OfType<Guid>().Distinct().ToList());
        RequestShape.Check(request, v);
        if (!v.IsValid)
        {
            ShowErrors(v.Errors);
            Ticked = request.AgencyIds!.ToHashSet();
            return Page();
        }

        var (outcome, current, notAgencies) = await partners.SetAsync(id, request.AgencyIds!, null, new IfMatch(false, [basedOn ?? ""]),
            Actor.Of(Caller), clock.GetUtcNow(), ct);
        switch (outcome)
        {
            case SetPartnersOutcome.NotFound:
                return NotFound();
            case SetPartnersOutcome.Stale:
                Partners = current;
                Ticked = current!.AgencyIds.ToHashSet();
                Problem = AdminText.Partners_Stale;
                return Page();
            case SetPartnersOutcome.NotAgencies:
                ShowErrors(new Dictionary<string, string[]> { ["agencyIds"] = [AdminText.Rule_NotAgency] });
                Ticked = request.AgencyIds!.ToHashSet();
                return Page();
            default:
                return LocalRedirect($"/admin/organizations/{id}?done=partners#partners-heading");
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await organizations.GetAsync(id, ct) is not { } organization) return false;
        Organization = organization;
        Partners = await partners.GetAsync(id, null, ct);
        Ticked = Partners?.AgencyIds.ToHashSet() ?? [];
        Agencies = (await directory.AllAsync(ct)).Where(o => o.Type is OrganizationType.Agency or OrganizationType.ProviderAndAgency).ToList();
        Programs = (await programs.ListAsync(new ProgramFilter(null, null, id), Caller.ProgramScope, null, Paging.MaxLimit, ct))
            .OrderBy(p => p.Definition.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return true;
    }
}

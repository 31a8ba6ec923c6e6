using Housing.Api.Audit;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Organizations;
using Housing.Api.Places;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Admin.Organizations;

/// <summary>Every organisation with its number of programs, and a new one onboarded by the API's own rules (<see cref="OrganizationRules"/>).</summary>
[Authorize(Policy = ConsoleAuth.Admin)]
public sealed class IndexModel(OrganizationDirectory directory, OrganizationStore store, ProgramCatalog catalog, IOptions<RegionOptions> regions,
    RegionNames names, TimeProvider clock) : ConsolePage
{
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public IReadOnlyDictionary<Guid, int> ProgramCounts { get; private set; } = new Dictionary<Guid, int>();

    public IReadOnlyList<string> NamedRegions => names.Ordered(regions.Value.Names.Keys);

    [BindProperty]
    public OrganizationForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var found = new Validation();
        var type = ProgramForm.One<OrganizationType>(found, "type", Form.Type);
        var request = new CreateOrganizationRequest(ProgramForm.Blank(Form.Name), type, Form.RegionCode,
            ProgramForm.Blank(Form.Phone), ProgramForm.Blank(Form.Email));
        var rules = OrganizationRules.Validate(request);
        if (found.IsValid && rules.IsValid)
        {
            var created = await store.CreateAsync(request, Actor.Of(Caller), clock.GetUtcNow(), ct);
            return LocalRedirect($"/admin/organizations/{created.Id}?done=created");
        }
        ShowErrors(ProgramForm.Mistakes(found.Errors, rules.Errors, []));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Organizations = await directory.AllAsync(ct);
        ProgramCounts = catalog.Entries.GroupBy(e => e.Program.Definition.OrganizationId).ToDictionary(g => g.Key, g => g.Count());
    }
}

/// <summary>A new organisation as the form posts it.</summary>
public sealed class OrganizationForm
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Region { get; set; }
    public string? RegionTyped { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    public string? RegionCode => !string.IsNullOrWhiteSpace(RegionTyped) ? RegionTyped.Trim() : string.IsNullOrWhiteSpace(Region) ? null : Region;
}

using Housing.Api.Places;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Admin.Programs;

/// <summary>A new program for any organisation, through the API's create (<see cref="ProgramOperations.CreateAsync"/>).</summary>
[Authorize(Policy = ConsoleAuth.Admin)]
public sealed class NewModel(ProgramOperations operations, OrganizationDirectory directory, IOptions<RegionOptions> regions, RegionNames names)
    : ProgramEditorPage(operations, regions, names)
{
    public override bool Creating => true;

    public async Task OnGetAsync(Guid? organizationId, CancellationToken ct)
    {
        Form = ProgramForm.Blank(organizationId);
        Organizations = await directory.AllAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(string? add, int? remove, CancellationToken ct)
    {
        Organizations = await directory.AllAsync(ct);
        if (ChangeRows(add, remove)) return Page();
        if (await SaveAsync(null, null, ct) is { } saved) return LocalRedirect($"/admin/programs/{saved.Id}?done={saved.Done}");
        return Page();
    }
}

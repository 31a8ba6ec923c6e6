using Housing.Api.Programs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Admin.Organizations;

/// <summary>An organisation's default eligibility, as an admin edits it.</summary>
[Authorize(Policy = ConsoleAuth.Admin)]
public sealed class EligibilityModel(DefaultEligibilityStore defaults, Api.Organizations.OrganizationStore organizations, ProgramStore programs, TimeProvider clock)
    : DefaultEligibilityPage(defaults, organizations, programs, clock)
{
    protected override string PathOf(Guid id) => $"/admin/organizations/{id}/eligibility";

    public Task<IActionResult> OnGetAsync(Guid id, string? done, int? changed, CancellationToken ct) => GetAsync(id, done, changed, ct);

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => PostAsync(id, ct);
}

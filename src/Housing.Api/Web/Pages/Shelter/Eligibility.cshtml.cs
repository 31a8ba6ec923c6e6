using Housing.Api.Organizations;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Shelter;

/// <summary>The shelter's own organisation's default eligibility: the rules its programs inherit.</summary>
[Authorize(Policy = ConsoleAuth.Shelter)]
public sealed class EligibilityModel(DefaultEligibilityStore defaults, OrganizationStore organizations, ProgramStore programs, TimeProvider clock)
    : DefaultEligibilityPage(defaults, organizations, programs, clock)
{
    protected override string PathOf(Guid id) => "/shelter/eligibility";

    public Task<IActionResult> OnGetAsync(string? done, int? changed, CancellationToken ct) => GetAsync(Own, done, changed, ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PostAsync(Own, ct);

    private Guid Own => Caller.OrganizationId ?? Guid.Empty;
}

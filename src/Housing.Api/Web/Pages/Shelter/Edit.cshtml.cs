using Housing.Api.Organizations;
using Housing.Api.Places;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Shelter;

/// <summary>
/// A shelter keeps its own program: the same editor and the same update as an admin's, in the
/// shelter key's scope (<see cref="Auth.Caller.ProgramScope"/>), so another organisation's program is a 404.
/// </summary>
[Authorize(Policy = ConsoleAuth.Shelter)]
public sealed class EditModel(ProgramOperations operations, ProgramStore programs, OrganizationStore organizations, DefaultEligibilityStore defaults,
    IOptions<RegionOptions> regions, RegionNames names) : ProgramEditPage(operations, programs, organizations, defaults, regions, names)
{
    protected override string PathOf(Guid id) => $"/shelter/programs/{id}/edit";
}

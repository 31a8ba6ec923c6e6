using Housing.Api.Organizations;
using Housing.Api.Places;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Admin.Programs;

/// <summary>Any program's whole definition, replaced through the API's update with the version the form was drawn from as If-Match.</summary>
[Authorize(Policy = ConsoleAuth.Admin)]
public sealed class EditModel(ProgramOperations operations, ProgramStore programs, OrganizationStore organizations, DefaultEligibilityStore defaults,
    IOptions<RegionOptions> regions, RegionNames names) : ProgramEditPage(operations, programs, organizations, defaults, regions, names)
{
    protected override string PathOf(Guid id) => $"/admin/programs/{id}";
}

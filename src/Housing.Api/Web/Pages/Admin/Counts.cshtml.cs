using Housing.Api.Availability;
using Housing.Api.Organizations;

namespace Housing.Api.Web.Pages.Admin;

/// <summary>The programs whose counts went stale, oldest first: their organisations were reminded; an admin may phone them.</summary>
[AdminOnly]
public sealed class CountsModel(StaleCounts stale, OrganizationStore organizations) : ConsolePage
{
    public IReadOnlyList<StaleCount> Stale { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> OrganizationNames { get; private set; } = new Dictionary<Guid, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Stale = stale.Now();
        OrganizationNames = (await organizations.ListAsync(null, null, null, 5000, ct)).ToDictionary(o => o.Id, o => o.Name);
    }
}

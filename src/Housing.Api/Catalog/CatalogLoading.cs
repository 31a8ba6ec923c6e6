using Housing.Api.Availability;
using Housing.Api.Programs;
using Housing.Api.Referrals;

namespace Housing.Api.Catalog;

public static class CatalogLoading
{
    /// <summary>Fills the catalog from the database; run once at start, after migrations.</summary>
    public static async Task LoadCatalogAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var programs = await services.GetRequiredService<ProgramStore>().AllAsync(ct);
        var latest = await services.GetRequiredService<AvailabilityStore>().LatestForAllAsync(ct);
        var holds = await services.GetRequiredService<ReferralStore>().ActiveHoldsAsync(ct);
        services.GetRequiredService<ProgramCatalog>().Load(programs, latest, holds);
    }
}

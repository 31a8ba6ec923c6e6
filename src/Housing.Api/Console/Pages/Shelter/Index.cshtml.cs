using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Referrals;
using Microsoft.AspNetCore.Authorization;

namespace Housing.Api.Console.Pages.Shelter;

/// <summary>A shelter's own programs with their open counts, and the referrals waiting for its answer.</summary>
[Authorize(Policy = ConsoleAuth.Shelter)]
public sealed class IndexModel(ProgramCatalog catalog, ReferralStore referrals, TimeProvider clock) : ConsolePage
{
    public const string Home = "/shelter";

    public IReadOnlyList<CountsView> Programs { get; private set; } = [];
    public IReadOnlyList<ReferralView> Waiting { get; private set; } = [];
    public IReadOnlyList<ReferralView> Arriving { get; private set; } = [];

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        (Notice, Problem) = Notices.For(done);
        var now = clock.GetUtcNow();
        // Only the shelter's own organisation: the API's scope for a shelter key.
        Programs = catalog.Entries
            .Where(e => e.Program.Definition.OrganizationId == Caller.OrganizationScope)
            .OrderBy(e => e.Program.Definition.Name, StringComparer.CurrentCulture)
            .Select(e => CountsView.Of(e, now, Home))
            .ToList();
        Waiting = await ListAsync("pending", ReferralStatus.Pending, ct);
        Arriving = await ListAsync("accepted", ReferralStatus.Accepted, ct);
    }

    private async Task<IReadOnlyList<ReferralView>> ListAsync(string status, ReferralStatus atOurs, CancellationToken ct)
    {
        var result = await ReferralsApi.List(Caller, referrals, catalog, ct, status: status, limit: Paging.MaxLimit);
        return Take<Page<ReferralView>>(result.Result)!.Items.Where(r => r.Status == atOurs).ToList();
    }
}

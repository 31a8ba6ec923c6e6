using Housing.Api.Http;
using Housing.Api.Referrals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Referrals;

/// <summary>A case manager's referrals, or those that reached a shelter's programs, newest first, with live status.</summary>
[Authorize(Policy = ConsoleAuth.Referrals)]
public sealed class IndexModel(ReferralOperations referrals, IOptions<ConsoleOptions> options) : ConsolePage
{
    /// <summary>How many referrals the page lists; older ones are read through the API.</summary>
    public const int Shown = 100;

    public IReadOnlyList<ReferralView> Referrals { get; private set; } = [];
    public int PollSeconds => options.Value.StatusPollSeconds;

    public async Task OnGetAsync(CancellationToken ct) => Referrals = await NewestAsync(ct);

    /// <summary>The list alone, for the page's script to refresh in place.</summary>
    public async Task<IActionResult> OnGetStatusAsync(CancellationToken ct)
    {
        Referrals = await NewestAsync(ct);
        return Partial("_List", this);
    }

    private async Task<IReadOnlyList<ReferralView>> NewestAsync(CancellationToken ct)
    {
        // The API pages oldest first; read on to the end and keep the newest.
        var all = new List<ReferralView>();
        Guid? after = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var page = (await referrals.ListAsync(Caller, new ReferralQuery { After = after, Limit = Paging.MaxLimit }, ct)).Value!;
            all.AddRange(page.Items);
            if (page.Next is not { } next) break;
            after = next;
        }
        return all.AsEnumerable().Reverse().Take(Shown).ToList();
    }
}

using Housing.Api.Asks;
using Housing.Api.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Asks;

/// <summary>The case manager's agency's asks, newest first, with live status.</summary>
[Authorize(Policy = ConsoleAuth.Agency)]
public sealed class IndexModel(AskOperations asks, IOptions<ConsoleOptions> options) : ConsolePage
{
    /// <summary>How many asks the page lists; older ones are read through the API.</summary>
    public const int Shown = 100;

    public IReadOnlyList<AskView> Asks { get; private set; } = [];
    public int PollSeconds => options.Value.StatusPollSeconds;

    public async Task OnGetAsync(CancellationToken ct) => Asks = await NewestAsync(ct);

    /// <summary>The list alone, for the page's script to refresh in place.</summary>
    public async Task<IActionResult> OnGetStatusAsync(CancellationToken ct)
    {
        Asks = await NewestAsync(ct);
        return Partial("_List", this);
    }

    private async Task<IReadOnlyList<AskView>> NewestAsync(CancellationToken ct)
    {
        // The API pages oldest first; read on to the end and keep the newest.
        var all = new List<AskView>();
        Guid? after = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var page = (await asks.ListAsync(Caller, new AskQuery { After = after, Limit = Paging.MaxLimit }, ct)).Value!;
            all.AddRange(page.Items);
            if (page.Next is not { } next) break;
            after = next;
        }
        return all.AsEnumerable().Reverse().Take(Shown).ToList();
    }
}

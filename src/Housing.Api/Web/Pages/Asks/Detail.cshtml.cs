using Housing.Api.Asks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Asks;

/// <summary>
/// One of the agency's asks with every program's line as it is answered, the referral a yes made,
/// and cancel. Another agency's ask is a 404, as in the API.
/// </summary>
[Authorize(Policy = ConsoleAuth.Agency)]
public sealed class DetailModel(AskOperations asks, IOptions<ConsoleOptions> options) : ConsolePage
{
    public AskView? Ask { get; private set; }
    public int PollSeconds => options.Value.StatusPollSeconds;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "made" => ConsoleText.Ask_Done_Made,
            "cancelled" => ConsoleText.Ask_Done_Cancelled,
            _ => null,
        };
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Partial("_Status", this) : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var cancelled = await asks.CancelAsync(Caller, id, ct);
        if (cancelled.IsNotFound) return NotFound();
        if (cancelled.Value is not null) return Redirect($"/asks/{id}?done=cancelled");
        Explain(cancelled);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Ask = await asks.GetAsync(Caller, id, ct);
        return Ask is not null;
    }
}

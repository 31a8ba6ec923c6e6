using Housing.Api.Watches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Watches;

/// <summary>
/// One of the agency's watches: its status, end, mode and trail, the referral it made, and
/// cancel (which destroys its safety constraints, so it asks first). Another agency's watch is
/// a 404, as in the API.
/// </summary>
[Authorize(Policy = ConsoleAuth.Agency)]
public sealed class DetailModel(WatchOperations watches, IOptions<ConsoleOptions> options) : ConsolePage
{
    public WatchView? Watch { get; private set; }
    public int PollSeconds => options.Value.StatusPollSeconds;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "made" => ConsoleText.Watch_Done_Made,
            "cancelled" => ConsoleText.Watch_Done_Cancelled,
            _ => null,
        };
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Partial("_Status", this) : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var cancelled = await watches.CancelAsync(Caller, id, ct);
        if (cancelled.IsNotFound) return NotFound();
        if (cancelled.Value is not null) return Redirect($"/watches/{id}?done=cancelled");
        Explain(cancelled);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Watch = await watches.GetAsync(Caller, id, ct);
        return Watch is not null;
    }
}

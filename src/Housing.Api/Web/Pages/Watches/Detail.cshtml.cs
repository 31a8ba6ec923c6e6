using Housing.Api.Catalog;
using Housing.Api.Security;
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
public sealed class DetailModel(WatchStore watches, ProgramCatalog catalog, Sealers sealers, WatchSignal signal, TimeProvider clock,
    IOptions<ConsoleOptions> options) : ConsolePage
{
    public WatchView? Watch { get; private set; }
    public int PollSeconds => options.Value.StatusPollSeconds;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "made" => "Watching: the first fitting bed that opens is acted on at once, oldest watch first.",
            "cancelled" => "Cancelled: the watch has stopped and its safety constraints are destroyed. A referral it made is left as it is.",
            _ => null,
        };
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Partial("_Status", this) : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var done = Take<WatchView>((await WatchesApi.Cancel(id, Caller, watches, catalog, sealers, signal, clock, ct)).Result);
        if (WasNotFound) return NotFound();
        if (done is not null) return Redirect($"/watches/{id}?done=cancelled");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var (problem, errors) = (Problem, Errors);
        Watch = Take<WatchView>((await WatchesApi.Get(id, Caller, watches, catalog, sealers, ct)).Result);
        (Problem, Errors) = (problem, errors);
        return Watch is not null;
    }
}

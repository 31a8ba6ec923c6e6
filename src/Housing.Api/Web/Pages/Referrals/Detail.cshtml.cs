using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Referrals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Referrals;

/// <summary>
/// One referral as its caller may see it (the API's view: a shelter sees only its own steps),
/// with the moves the caller's role may make. Placement details are read on request, only by
/// the referring agency and only after acceptance; each read is audited by the operation.
/// </summary>
[Authorize(Policy = ConsoleAuth.Referrals)]
public sealed class DetailModel(ReferralOperations referrals, IOptions<ConsoleOptions> options) : ConsolePage
{
    public ReferralView? Referral { get; private set; }
    public PlacementView? Placement { get; private set; }
    public int PollSeconds => options.Value.StatusPollSeconds;

    [BindProperty] public DeclineForm Decline { get; set; } = new();

    /// <summary>What the last change on this page was (made, accepted, cancelled, …), for its notice while it still holds.</summary>
    public string? Done { get; private set; }

    /// <summary>A move posted without its confirmation: the page asks for it instead of acting.</summary>
    public ReferralAction? Confirming { get; private set; }

    /// <summary>Where a confirmed move goes back to (the shelter's dashboard, or this page).</summary>
    public string? ReturnUrl { get; private set; }

    /// <summary>
    /// Set when the poll asks for the status of a page that already shows the placement details:
    /// the poll never reads them (each reading is audited), so the fragment leaves a slot the page keeps.
    /// </summary>
    public bool PlacementShown { get; private set; }

    /// <summary>
    /// The last change's notice, only while the referral still stands where that change left it:
    /// "held while the shelter decides" must not outlive the shelter's answer.
    /// </summary>
    public string? DoneNotice => (Done, Referral?.Status) switch
    {
        ("made", ReferralStatus.Pending) => ConsoleText.Done_Made,
        ("accepted", ReferralStatus.Accepted) => ConsoleText.Done_Accepted,
        ("declined", ReferralStatus.Declined) => ConsoleText.Done_Declined,
        ("placed", ReferralStatus.Placed) => ConsoleText.Done_Placed,
        ("no_show", ReferralStatus.NoShow) => ConsoleText.Done_NoShow,
        ("cancelled", ReferralStatus.Cancelled) => ConsoleText.Done_Cancelled,
        _ => null,
    };

    /// <summary>Changes whenever the referral does, so the page's script swaps the section only then.</summary>
    public string State => $"{HousingJson.Text(Referral!.Status)}-{Referral.UpdatedAt.ToUnixTimeMilliseconds()}-"
        + string.Join(".", Referral.Steps.Select(s => (int)s.Status));

    /// <summary>The status section's own URL, which the page's script asks every <see cref="PollSeconds"/>.</summary>
    public string PollUrl => $"/referrals/{Referral!.Id}?handler=Status"
        + (DoneNotice is not null ? "&done=" + Uri.EscapeDataString(Done!) : "")
        + (Placement is not null ? "&placement=shown" : "");

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>
    /// The status section alone (status, each program's step, the placement button once accepted,
    /// and the moves still open), for the page's script to swap in. It never holds the placement
    /// details: reading them is a post, audited.
    /// </summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id, string? done, string? placement, CancellationToken ct)
    {
        Done = done;
        PlacementShown = placement == "shown";
        return await LoadAsync(id, ct) ? Partial("_Status", this) : NotFound();
    }

    public async Task<IActionResult> OnPostPlacementAsync(Guid id, CancellationToken ct)
    {
        if (Caller.Role != Role.CaseManager) return Forbid();
        var placement = await referrals.PlacementAsync(Caller, id, ct);
        if (placement.IsNotFound) return NotFound();
        Placement = placement.Value;
        Explain(placement);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, string? returnUrl, CancellationToken ct) => DecideAsync(id, ReferralAction.Accept, returnUrl, null, ct);
    public Task<IActionResult> OnPostPlacedAsync(Guid id, string? returnUrl, string? confirm, CancellationToken ct) =>
        DecideAsync(id, ReferralAction.Place, returnUrl, confirm, ct);
    public Task<IActionResult> OnPostNoShowAsync(Guid id, string? returnUrl, string? confirm, CancellationToken ct) =>
        DecideAsync(id, ReferralAction.NoShow, returnUrl, confirm, ct);
    public Task<IActionResult> OnPostCancelAsync(Guid id, string? returnUrl, string? confirm, CancellationToken ct) =>
        DecideAsync(id, ReferralAction.Cancel, returnUrl, confirm, ct);

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, string? returnUrl, CancellationToken ct)
    {
        if (!MayMake(ReferralAction.Decline)) return Forbid();
        var request = new DeclineRequest(
            HousingJson.TryParse<DeclinedBy>(Decline.DeclinedBy, out var by) ? by : null,
            HousingJson.TryParse<DeclineReason>(Decline.Reason, out var reason) ? reason : null,
            string.IsNullOrWhiteSpace(Decline.Text) ? null : Decline.Text.Trim());
        return await AfterAsync(id, await referrals.DeclineAsync(Caller, id, request, ct), "declined", returnUrl, ct);
    }

    /// <summary>The roles the API lets make each move (accept, decline, placed, no-show: shelter; cancel: case manager).</summary>
    public bool MayMake(ReferralAction action) =>
        action == ReferralAction.Cancel ? Caller.Role == Role.CaseManager : Caller.Role == Role.Shelter;

    private async Task<IActionResult> DecideAsync(Guid id, ReferralAction action, string? returnUrl, string? confirm, CancellationToken ct)
    {
        if (!MayMake(action)) return Forbid();
        if (Confirmation.Needed(action) && confirm != Confirmation.Yes)
        {
            // Never on one click: ask, and change nothing (a page without JavaScript gets here by design).
            if (!await LoadAsync(id, ct)) return NotFound();
            var possible = ReferralTransitions.Allowed(Referral!.Status, action);
            (Confirming, ReturnUrl, Problem) = (possible ? action : null, returnUrl, possible ? null : Confirmation.MovedOn);
            return Page();
        }
        return await AfterAsync(id, await referrals.DecideAsync(Caller, id, action, ct), HousingJson.Text(ReferralTransitions.StepAfter(action)), returnUrl, ct);
    }

    private async Task<IActionResult> AfterAsync(Guid id, Outcome<ReferralView> outcome, string what, string? returnUrl, CancellationToken ct)
    {
        if (outcome.IsNotFound) return NotFound();
        if (outcome.Value is not null)
        {
            var fallback = $"/referrals/{id}";
            var back = returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : fallback;
            return LocalRedirect(back + (back.Contains('?') ? "&" : "?") + "done=" + what);
        }
        Explain(outcome);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Referral = await referrals.GetAsync(Caller, id, ct);
        return Referral is not null;
    }
}

public sealed class DeclineForm
{
    public string? DeclinedBy { get; set; } = "provider";
    public string? Reason { get; set; }
    public string? Text { get; set; }
}

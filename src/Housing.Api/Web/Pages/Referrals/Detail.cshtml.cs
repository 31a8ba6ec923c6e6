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

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "made" => "Referral made: the beds are held while the shelter decides.",
            "accepted" => "Accepted: the beds stay held for the household.",
            "declined" => "Declined: the beds are released, and a cascade moves on by itself.",
            "placed" => "Placed: the household has arrived.",
            "no_show" => "Recorded as a no-show: the beds are released.",
            "cancelled" => "Cancelled: the beds are released.",
            _ => null,
        };
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Partial("_Status", this) : NotFound();

    public async Task<IActionResult> OnPostPlacementAsync(Guid id, CancellationToken ct)
    {
        if (Caller.Role != Role.CaseManager) return Forbid();
        var placement = await referrals.PlacementAsync(Caller, id, ct);
        if (placement.IsNotFound) return NotFound();
        Placement = placement.Value;
        Explain(placement);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, string? returnUrl, CancellationToken ct) => DecideAsync(id, ReferralAction.Accept, returnUrl, ct);
    public Task<IActionResult> OnPostPlacedAsync(Guid id, string? returnUrl, CancellationToken ct) => DecideAsync(id, ReferralAction.Place, returnUrl, ct);
    public Task<IActionResult> OnPostNoShowAsync(Guid id, string? returnUrl, CancellationToken ct) => DecideAsync(id, ReferralAction.NoShow, returnUrl, ct);
    public Task<IActionResult> OnPostCancelAsync(Guid id, string? returnUrl, CancellationToken ct) => DecideAsync(id, ReferralAction.Cancel, returnUrl, ct);

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

    private async Task<IActionResult> DecideAsync(Guid id, ReferralAction action, string? returnUrl, CancellationToken ct)
    {
        if (!MayMake(action)) return Forbid();
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

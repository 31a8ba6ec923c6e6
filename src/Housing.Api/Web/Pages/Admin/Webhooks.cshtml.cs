using Housing.Api.Http;
using Housing.Api.Organizations;
using Housing.Api.Web.Pages.Referrals;
using Housing.Api.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Admin;

/// <summary>
/// Each organisation's webhook: which have one, and for the one chosen its URL, setting or
/// replacing it (the API's operation, with the version the page showed as If-Match), removing it
/// after a confirmation, and its recent deliveries with a retry for a failed one. The signing
/// secret is typed here, as the API takes it, and never shown again, as the API never shows it.
/// </summary>
[AdminOnly]
public sealed class WebhooksModel(
    OrganizationStore organizations, WebhookStore webhooks, DeliveryStore deliveries, EndpointGuard guard,
    IOptions<WebhookOptions> options, TimeProvider clock) : AdminToolsPage
{
    public const int DeliveriesShown = 20;

    [BindProperty(SupportsGet = true, Name = "organizationId")] public Guid? OrganizationId { get; set; }
    [BindProperty(Name = "Url")] public string? TargetUrl { get; set; }
    [BindProperty] public string? Secret { get; set; }
    /// <summary>The version of the webhook the form was made from ("" when there was none): sent as If-Match.</summary>
    [BindProperty] public string? Version { get; set; }

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyDictionary<Guid, Webhook> ByOrganization { get; private set; } = new Dictionary<Guid, Webhook>();
    public Organization? Chosen { get; private set; }
    public Webhook? Current { get; private set; }
    public IReadOnlyList<DeliveryView> Deliveries { get; private set; } = [];
    public bool MoreDeliveries { get; private set; }

    /// <summary>A removal posted without its confirmation: the page asks instead.</summary>
    public bool ConfirmingDelete { get; private set; }

    public override string FieldLabel(string field) => field switch
    {
        "url" => AdminToolsText.Webhooks_Field_Url,
        "secret" => AdminToolsText.Webhooks_Field_Secret,
        _ => base.FieldLabel(field),
    };

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        TargetUrl = Current?.Url;
        Notice = done switch
        {
            "set" => AdminToolsText.Webhooks_Done_Set,
            "deleted" => AdminToolsText.Webhooks_Done_Deleted,
            "retried" => AdminToolsText.Webhooks_Done_Retried,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSetAsync(CancellationToken ct)
    {
        if (OrganizationId is not { } id) return NotFound();
        var ifMatch = string.IsNullOrEmpty(Version) ? null : new IfMatch(false, [Version]);
        // A form made when there was no webhook must not replace one set since: that is stale too.
        if (ifMatch is null && await webhooks.GetAsync(id, ct) is not null)
            return await RefusedAsync(AdminToolsText.Webhooks_Stale, ct);
        var (outcome, _) = await WebhooksApi.SetAsync(id, new SetWebhookRequest(TargetUrl, Secret), ifMatch, Caller, webhooks, guard, options.Value, clock, ct);
        Secret = null; // never echoed back into the page
        if (outcome.IsNotFound) return NotFound();
        if (outcome.Errors is { } errors)
        {
            ShowErrors(errors);
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        if (outcome.Refusal is not null) return await RefusedAsync(AdminToolsText.Webhooks_Stale, ct);
        return LocalRedirect($"/admin/webhooks?organizationId={id}&done=set");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? confirm, CancellationToken ct)
    {
        if (OrganizationId is not { } id) return NotFound();
        if (confirm != Confirmation.Yes)
        {
            // Never on one click: ask, and change nothing (a page without JavaScript gets here by design).
            if (!await LoadAsync(ct)) return NotFound();
            TargetUrl = Current?.Url;
            if (Current is null) Problem = AdminToolsText.Webhooks_AlreadyNone;
            else ConfirmingDelete = true;
            return Page();
        }
        if (!await webhooks.DeleteAsync(id, Api.Audit.Actor.Of(Caller), clock.GetUtcNow(), ct))
            return await RefusedAsync(AdminToolsText.Webhooks_AlreadyNone, ct);
        return LocalRedirect($"/admin/webhooks?organizationId={id}&done=deleted");
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid eventId, CancellationToken ct)
    {
        if (OrganizationId is not { } id) return NotFound();
        var (outcome, delivery) = await deliveries.RetryAsync(id, eventId, Api.Audit.Actor.Of(Caller), clock.GetUtcNow(), ct);
        return outcome switch
        {
            RetryOutcome.Requeued => LocalRedirect($"/admin/webhooks?organizationId={id}&done=retried"),
            RetryOutcome.NotFound => NotFound(),
            RetryOutcome.NoWebhook => await RefusedAsync(ProblemText.Problem_Webhook_NoWebhook_Detail, ct),
            _ => await RefusedAsync(Say.Format(AdminToolsText.Webhooks_NotFailed, Terms.Of(delivery!.Status)), ct),
        };
    }

    /// <summary>A delivery's event in words; a type without words yet is shown as it is.</summary>
    public static string EventWords(string type) => AdminWords.Words("Webhooks_Event_", type) ?? type;

    private async Task<IActionResult> RefusedAsync(string why, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        TargetUrl = Current?.Url;
        Problem = why;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Organizations = (await organizations.ListAsync(null, null, null, 5000, ct)).OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList();
        ByOrganization = await webhooks.GetManyAsync(Organizations.Select(o => o.Id), ct);
        if (OrganizationId is not { } id) return true;
        Chosen = Organizations.FirstOrDefault(o => o.Id == id);
        if (Chosen is null) return false;
        Current = ByOrganization.GetValueOrDefault(id);
        Version = Current?.ETag ?? "";
        var rows = await deliveries.ListAsync(id, null, null, DeliveriesShown, ct);
        (Deliveries, MoreDeliveries) = (rows.Take(DeliveriesShown).ToList(), rows.Count > DeliveriesShown);
        return true;
    }
}

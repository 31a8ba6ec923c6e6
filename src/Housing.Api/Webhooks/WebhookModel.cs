using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Webhooks;

/// <summary>
/// Where an organisation's events go. The secret signs them and is never shown again; it is
/// visible ASCII, so every language signs the same bytes.
/// </summary>
public sealed record SetWebhookRequest(
    [property: Required, StringLength(WebhookRules.MaxUrlLength)] string? Url = null,
    [property: Required]
    [property: StringLength(WebhookRules.MaxSecretLength, MinimumLength = WebhookRules.MinSecretLength, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Webhook_SecretLength))]
    [property: RegularExpression("^[!-~]*$", ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Webhook_SecretCharacters))]
    string? Secret = null);

/// <summary>A registered webhook as its organisation sees it: never the secret.</summary>
public sealed record WebhookView(Guid OrganizationId, string Url, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A stored webhook, secret included, for signing.</summary>
public sealed record Webhook(Guid OrganizationId, string Url, string Secret, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public string ETag => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public WebhookView View() => new(OrganizationId, Url, CreatedAt, UpdatedAt);
}

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>One event sent (or being sent) to an organisation's webhook, and how it went.</summary>
public sealed record DeliveryView(
    Guid EventId, string Type, DeliveryStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? DeliveredAt);

/// <summary>
/// The body of every webhook call: <c>id</c> is the event id (the same on every retry, for
/// de-duplication), <c>type</c> such as <c>referral.offered</c>, and <c>data</c> the event's facts.
/// </summary>
public sealed record WebhookEvent<TData>(Guid Id, string Type, DateTimeOffset OccurredAt, TData Data);

/// <summary>An outbox row claimed for delivery; <c>CreatedAt</c> is when its event happened, for the delivery lag.</summary>
public sealed record OutboxMessage(long Id, Guid EventId, Guid OrganizationId, string Type, string PayloadJson, int Attempts, DateTimeOffset CreatedAt);

public enum DeliveryOutcome
{
    Delivered,
    /// <summary>A real attempt that failed: it counts towards the limit.</summary>
    Failed,
    /// <summary>The endpoint's circuit is open: nothing was sent, and no attempt is counted.</summary>
    CircuitOpen,
    /// <summary>The organisation has no webhook any more.</summary>
    NoWebhook,
}

public sealed record DeliveryResult(DeliveryOutcome Outcome, int? StatusCode = null, string? Error = null, TimeSpan? RetryAfter = null);

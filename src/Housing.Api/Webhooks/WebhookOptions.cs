using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How often the outbox is read for events that are due.</summary>
    [Range(1, 3600)] public int PollSeconds { get; set; } = 5;

    /// <summary>How long one call to a receiver may take.</summary>
    [Range(1, 120)] public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Calls made for one event (each after a backoff) before it is marked failed.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 12;

    /// <summary>The first backoff; each failed attempt doubles it, up to <see cref="MaxBackoffSeconds"/>, with jitter.</summary>
    [Range(1, 86400)] public int BaseBackoffSeconds { get; set; } = 60;

    [Range(1, 7 * 86400)] public int MaxBackoffSeconds { get; set; } = 6 * 3600;

    /// <summary>Quick retries inside one attempt for a transient failure (network error, 408, 429, 5xx); 0 for none.</summary>
    [Range(0, 5)] public int QuickRetries { get; set; } = 2;

    /// <summary>The first quick retry's pause; it doubles, with jitter.</summary>
    [Range(0, 10000)] public int QuickRetryDelayMilliseconds { get; set; } = 500;

    /// <summary>How long an endpoint that keeps failing is left alone (its circuit is open) before one trial call.</summary>
    [Range(1, 3600)] public int BreakSeconds { get; set; } = 60;

    /// <summary>Events read from the outbox per pass.</summary>
    [Range(1, 1000)] public int BatchSize { get; set; } = 100;

    /// <summary>Delivered and failed events are kept this long for the deliveries list, then deleted.</summary>
    [Range(1, 3650)] public int RetainDays { get; set; } = 30;

    /// <summary>Accept http:// URLs. Defaults to true only in the Development environment.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Accept and call addresses in loopback, private and link-local ranges. For tests and local
    /// development only: in production it lets a key holder aim the service at its own network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>
    /// How long a claimed event is reserved for the pass that claimed it: a process that dies
    /// mid-call leaves it to be sent again after this, never lost.
    /// </summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(TimeoutSeconds * (QuickRetries + 1) + 60);
}

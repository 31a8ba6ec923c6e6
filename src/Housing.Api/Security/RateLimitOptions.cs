using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Security;

/// <summary>
/// Requests per API key (or console session, which is a key), and per client address for
/// requests without a valid key: a token bucket each, so short bursts pass and a steady flood
/// gets 429 with Retry-After. Health checks are never limited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sustained requests per second one key may make.</summary>
    [Range(1, 1_000_000)]
    public int PerKeyPerSecond { get; set; } = 20;

    /// <summary>Requests one key may make at once before the sustained rate applies.</summary>
    [Range(1, 1_000_000)]
    public int PerKeyBurst { get; set; } = 200;

    /// <summary>Sustained requests per second from one address without a valid key (sign-in, wrong keys).</summary>
    [Range(1, 1_000_000)]
    public int AnonymousPerSecond { get; set; } = 5;

    [Range(1, 1_000_000)]
    public int AnonymousBurst { get; set; } = 30;
}

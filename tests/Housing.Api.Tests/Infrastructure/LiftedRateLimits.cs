using Housing.Api.Security;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// Rate limits no test reaches: tests make requests as fast as they can with a few keys, and the
/// limits themselves are tested in RateLimitTests, which set low ones on top. Used by every app a
/// test starts: in memory (<see cref="HousingApp"/>), as a child process (the crash test) and on
/// Kestrel for a browser (linked into the browser tests). bench/lib.sh lifts the same settings
/// for its load.
/// </summary>
public static class LiftedRateLimits
{
    /// <summary>The most each setting accepts (its <c>[Range]</c> on <see cref="RateLimitOptions"/>).</summary>
    private const string Most = "1000000";

    /// <summary>Configuration keys as appsettings.json spells them, such as <c>RateLimits:PerKeyBurst</c>.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        [Key(nameof(RateLimitOptions.PerKeyPerSecond))] = Most,
        [Key(nameof(RateLimitOptions.PerKeyBurst))] = Most,
        [Key(nameof(RateLimitOptions.AnonymousPerSecond))] = Most,
        [Key(nameof(RateLimitOptions.AnonymousBurst))] = Most,
    };

    private static string Key(string option) => $"{RateLimitOptions.Section}:{option}";
}

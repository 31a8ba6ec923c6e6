using System.Text.Json.Serialization;
using Housing.Api.Http;

namespace Housing.Api.Availability;

/// <summary>How far to trust a posted count, graded as existing bed registries do.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<Freshness>))]
public enum Freshness { Fresh, Aging, Stale, Unknown }

public static class FreshnessGrade
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromHours(2);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(8);

    /// <summary>Fresh under 2 hours, aging 2 to 8 hours, stale over 8 hours, unknown if never posted.</summary>
    public static Freshness Of(DateTimeOffset? postedAt, DateTimeOffset now)
    {
        if (postedAt is not { } posted) return Freshness.Unknown;
        var age = now - posted;
        if (age < FreshFor) return Freshness.Fresh;
        return age <= StaleAfter ? Freshness.Aging : Freshness.Stale;
    }

    /// <summary>Whole seconds since the post, never negative (clocks of several instances can disagree slightly).</summary>
    public static long? AgeSeconds(DateTimeOffset? postedAt, DateTimeOffset now) =>
        postedAt is { } posted ? Math.Max(0, (long)(now - posted).TotalSeconds) : null;
}

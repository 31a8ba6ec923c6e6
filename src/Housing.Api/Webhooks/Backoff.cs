namespace Housing.Api.Webhooks;

/// <summary>When to try a failed event again: exponential, capped, with jitter so receivers that come back are not hit all at once.</summary>
public static class Backoff
{
    /// <summary>
    /// The wait after <paramref name="failures"/> failed attempts: <paramref name="first"/> doubled per
    /// failure up to <paramref name="max"/>, of which half is fixed and half scaled by
    /// <paramref name="random"/> (0 to 1), so it is never under half the nominal wait.
    /// </summary>
    public static TimeSpan After(int failures, TimeSpan first, TimeSpan max, double random)
    {
        var nominal = Math.Min(first.TotalSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 40)), max.TotalSeconds);
        return TimeSpan.FromSeconds(nominal / 2 + nominal / 2 * Math.Clamp(random, 0, 1));
    }
}

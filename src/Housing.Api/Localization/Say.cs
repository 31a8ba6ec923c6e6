using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Housing.Api.Localization;

/// <summary>Fills a text's numbered holes ("{0} open beds") in the current request's language.</summary>
public static class Say
{
    /// <summary>
    /// Each text's holes, found once: the texts come from the resources (<see cref="TextCache"/>
    /// hands out the same string each time), so they are looked up by reference, and a search,
    /// which says a dozen sentences per match, parses none of them again. Bounded, in case a
    /// caller ever passes text made on the fly.
    /// </summary>
    private static readonly ConcurrentDictionary<string, CompositeFormat> Parsed = new(ReferenceEqualityComparer.Instance);
    private const int MaxParsed = 4096;

    public static string Format(string template, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Holes(template), args);

    private static CompositeFormat Holes(string template)
    {
        if (Parsed.TryGetValue(template, out var format)) return format;
        format = CompositeFormat.Parse(template);
        if (Parsed.Count < MaxParsed) Parsed.TryAdd(template, format);
        return format;
    }
}

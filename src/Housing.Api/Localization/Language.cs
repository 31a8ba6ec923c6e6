using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Housing.Api.Localization;

/// <summary>
/// The languages people read the service in: English, and Spanish, which most of the people an
/// agency serves, and many of its staff and partners, work in. Codes, field names and problem
/// types stay as they are in both; only the words change.
/// </summary>
public static class Language
{
    public const string English = "en";
    public const string Spanish = "es";

    /// <summary>English first: what a request that asks for neither gets.</summary>
    public static readonly IReadOnlyList<string> Supported = [English, Spanish];

    /// <summary>
    /// The cultures are invariant in how they write numbers and dates (the service runs with
    /// invariant globalization, so "1.5 km" reads the same everywhere); their name picks the text.
    /// </summary>
    public static readonly IReadOnlyList<CultureInfo> Cultures = [.. Supported.Select(CultureInfo.GetCultureInfo)];

    /// <summary>The language of the text being written now: the request's, or English outside one.</summary>
    public static string Current => CultureInfo.CurrentUICulture.Name switch
    {
        // The cultures the service sets (Cultures), asked for in every sentence it writes: no parsing.
        English => English,
        Spanish => Spanish,
        var name => Of(name) ?? English,
    };

    /// <summary>Position of <see cref="Current"/> in <see cref="Supported"/>, for text kept per language.</summary>
    public static int CurrentIndex => Current == Spanish ? 1 : 0;

    /// <summary>"es", "es-MX", "ES_us" are Spanish; "en-GB" is English; anything else is neither.</summary>
    public static string? Of(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var primary = tag.Trim().Split('-', '_')[0];
        return Supported.FirstOrDefault(l => string.Equals(l, primary, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The language an Accept-Language header prefers among those the service has, by quality and
    /// then order; null when it names none of them. Parsed by hand rather than through culture
    /// parents, which invariant globalization does not know ("es-MX" has no parent "es" there).
    /// </summary>
    public static string? Preferred(IEnumerable<string?> acceptLanguage)
    {
        if (!StringWithQualityHeaderValue.TryParseList([.. acceptLanguage.OfType<string>()], out var ranges)) return null;
        return ranges
            .Select((r, i) => (Language: Of(r.Value.Value), Quality: r.Quality ?? 1, Order: i))
            .Where(r => r.Language is not null && r.Quality > 0)
            .OrderByDescending(r => r.Quality).ThenBy(r => r.Order)
            .Select(r => r.Language)
            .FirstOrDefault();
    }
}

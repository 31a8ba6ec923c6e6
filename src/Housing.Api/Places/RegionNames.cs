using Microsoft.Extensions.Options;

namespace Housing.Api.Places;

public sealed class RegionOptions
{
    public const string Section = "Regions";

    /// <summary>What people call each region code, such as <c>spa-4</c> → "Metro Los Angeles (SPA 4)".</summary>
    public Dictionary<string, string> Names { get; set; } = [];

    /// <summary>
    /// Which region each ZIP code is in, for programs imported from HMIS (which gives a ZIP code,
    /// not a region): region code → ZIP codes or their leading digits (<c>"spa-1": ["935"]</c>).
    /// The longest match wins.
    /// </summary>
    public Dictionary<string, List<string>> Zips { get; set; } = [];
}

/// <summary>
/// Regions by the names people use for them: a program stores a short code (<c>spa-4</c>), the
/// deployment names it once (<c>Regions:Names</c>), and every page shows the name. A code
/// without a name shows as itself.
/// </summary>
public sealed class RegionNames(IOptions<RegionOptions> options)
{
    public string Name(string code) => options.Value.Names.TryGetValue(code, out var name) && !string.IsNullOrWhiteSpace(name) ? name.Trim() : code;

    /// <summary>The region whose ZIP codes (<c>Regions:Zips</c>) hold this one, by the longest match; null when none does.</summary>
    public string? ForZip(string zip) => options.Value.Zips
        .SelectMany(r => r.Value.Where(prefix => zip.StartsWith(prefix.Trim(), StringComparison.Ordinal)).Select(prefix => (Region: r.Key, Length: prefix.Trim().Length)))
        .OrderByDescending(m => m.Length).ThenBy(m => m.Region, StringComparer.Ordinal)
        .Select(m => m.Region).FirstOrDefault();

    /// <summary>The codes given, ordered by their names as people read them.</summary>
    public IReadOnlyList<string> Ordered(IEnumerable<string> codes) => [.. codes.Distinct().OrderBy(Name, StringComparer.CurrentCultureIgnoreCase)];
}

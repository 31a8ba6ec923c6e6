using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Web;

public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>A session unused this long ends; each request within it extends it.</summary>
    [Range(1, 1440)] public int SessionIdleMinutes { get; set; } = 60;

    /// <summary>A session ends this long after sign-in, however busy: a shared computer is not signed in forever.</summary>
    [Range(1, 72)] public int SessionMaxHours { get; set; } = 12;

    /// <summary>How often an open referral page asks for the referral's status (0: never; the page has a refresh link).</summary>
    [Range(0, 3600)] public int StatusPollSeconds { get; set; } = 15;

    /// <summary>
    /// Where the console's maps take their base tiles, as a URL template such as
    /// <c>https://tile.openstreetmap.org/{z}/{x}/{y}.png</c>. Empty (the default): no tiles, so
    /// nothing about where a case manager is looking leaves the service; the maps still show
    /// regions, programs' public locations and the unsafe places' circles.
    /// </summary>
    [RegularExpression(@"^(https://[^/\s]+/\S*\{z\}\S*)?$", ErrorMessage = "Console:MapTiles is an https:// URL template with {{z}}, {{x}} and {{y}}, or empty.")]
    public string MapTiles { get; set; } = "";

    /// <summary>The credit the tile server asks for, shown on the map (HTML is not taken).</summary>
    [StringLength(200)] public string MapAttribution { get; set; } = "";

    /// <summary>The tile server's origin (<c>https://tile.example.org</c>, or <c>https://*.tile.example.org</c> for a <c>{s}</c> subdomain), for the pages' content security policy; null without tiles.</summary>
    public string? MapTilesSource
    {
        get
        {
            if (MapTiles.Length == 0) return null;
            var host = new Uri(MapTiles.Replace("{s}", "s", StringComparison.Ordinal)).Authority;
            // Servers that spread tiles over subdomains ({s}.tile.example.org) are allowed as a wildcard.
            return "https://" + (MapTiles.Contains("//{s}.", StringComparison.Ordinal) ? "*." + host[2..] : host);
        }
    }
}

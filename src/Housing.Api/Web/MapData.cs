using System.Text.Json;
using Housing.Api.Places;
using Housing.Api.Programs;

namespace Housing.Api.Web;

/// <summary>A named point on a console map: a program's public location, or a region's label.</summary>
public sealed record MapPoint(string Name, double Latitude, double Longitude);

/// <summary>
/// What a console map shows, written into the page for its script: the base tiles the
/// deployment chose (none by default), programs' public locations, and each region's name at the
/// middle of its programs. A confidential program is never a point: it is in its region's name only.
/// </summary>
public sealed record MapData(string Tiles, string Attribution, IReadOnlyList<MapPoint> Programs, IReadOnlyList<MapPoint> Regions)
{
    public static readonly MapData Empty = new("", "", [], []);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static MapData For(IEnumerable<HousingProgram> programs, RegionNames names, ConsoleOptions console)
    {
        var definitions = programs.Select(p => p.Definition).ToList();
        var shown = definitions.Where(d => !d.Confidential).ToList();
        var points = shown.Select(d => new MapPoint(d.Name, d.Location.Latitude, d.Location.Longitude)).ToList();
        var regions = shown.GroupBy(d => d.Region)
            .Select(g => new MapPoint(names.Name(g.Key), g.Average(d => d.Location.Latitude), g.Average(d => d.Location.Longitude)))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new MapData(console.MapTiles, console.MapAttribution, points, regions);
    }

    /// <summary>
    /// As JSON for a <c>script type="application/json"</c> block: the default encoder escapes
    /// <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so a program named <c>&lt;/script&gt;</c> cannot end the block.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

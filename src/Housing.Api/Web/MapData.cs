using System.Text.Json;
using Housing.Api.Places;
using Housing.Api.Programs;

namespace Housing.Api.Web;

/// <summary>A program as a map needs it: its location is null when it is confidential.</summary>
public sealed record Located(string Name, string Region, GeoPoint? Location);

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

    public static MapData For(IEnumerable<HousingProgram> programs, RegionNames names, ConsoleOptions console) =>
        For(programs.Select(p => p.Definition).Select(d => new Located(d.Name, d.Region, d.Confidential ? null : d.Location)), names, console);

    /// <summary>
    /// The map of these programs: each with a location is a point; a region's name stands at the
    /// middle of its points and counts its confidential programs, which have no point.
    /// </summary>
    public static MapData For(IEnumerable<Located> programs, RegionNames names, ConsoleOptions console)
    {
        var all = programs.ToList();
        var points = all.Where(p => p.Location is not null).Select(p => new MapPoint(p.Name, p.Location!.Latitude, p.Location.Longitude)).ToList();
        var regions = all.GroupBy(p => p.Region)
            .Where(g => g.Any(p => p.Location is not null))
            .Select(g =>
            {
                var located = g.Where(p => p.Location is not null).ToList();
                var hidden = g.Count() - located.Count;
                var name = hidden > 0 ? Say.Format(ConsoleText.Map_RegionConfidential, names.Name(g.Key), hidden) : names.Name(g.Key);
                return new MapPoint(name, located.Average(p => p.Location!.Latitude), located.Average(p => p.Location!.Longitude));
            })
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new MapData(console.MapTiles, console.MapAttribution, points, regions);
    }

    /// <summary>
    /// As JSON for a <c>script type="application/json"</c> block: the default encoder escapes
    /// <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so a program named <c>&lt;/script&gt;</c> cannot end the block.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

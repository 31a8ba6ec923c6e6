using System.Globalization;
using System.Text.RegularExpressions;
using Housing.Api.Matching;
using Microsoft.Extensions.Options;

namespace Housing.Api.Places;

/// <summary>What a place is: a ZIP code's area, a city (the centre of its ZIP codes), or a place the deployment named.</summary>
public enum PlaceKind { Zip, City, Named }

/// <summary>A place a case manager can name instead of coordinates: its centre, and how far it reaches from there.</summary>
/// <param name="ReachKm">How far the place's own ZIP codes lie from its centre (0 for one ZIP code or a named point): a radius smaller than this leaves part of a city out.</param>
public sealed record Place(string Name, PlaceKind Kind, string State, double Latitude, double Longitude, double ReachKm);

/// <summary>
/// ZIP codes and places, looked up offline: the trafficker's ZIP code or neighbourhood never
/// leaves the service for an outside geocoder. Built once from the ZIP centroids shipped with
/// the service (<c>us-zip-centroids.csv</c>, see THIRD-PARTY-NOTICES.md), kept to the
/// deployment's states, plus the places it names in configuration.
/// </summary>
public sealed partial class Gazetteer
{
    private readonly Dictionary<string, Place> _zips;
    private readonly Dictionary<string, Place> _byName;

    public Gazetteer(IOptions<PlacesOptions> options) : this(options.Value) { }

    public Gazetteer(PlacesOptions options)
    {
        var states = options.States.Select(s => s.Trim().ToUpperInvariant()).ToHashSet();
        States = [.. states.Order(StringComparer.Ordinal)];
        var rows = ReadZips().Where(z => states.Count == 0 || states.Contains(z.State)).ToList();
        _zips = rows.ToDictionary(z => z.Name, z => new Place(z.Name, PlaceKind.Zip, z.State, z.Latitude, z.Longitude, 0), StringComparer.Ordinal);
        var cities = rows.GroupBy(z => (z.City, z.State)).Select(g => City(g.Key.City, g.Key.State, [.. g])).ToList();
        var named = options.Named.Select(n => new Place(n.Name.Trim(), PlaceKind.Named, "", n.Latitude, n.Longitude, 0));
        // A place the deployment named wins over a city of the same name; a city's name alone
        // finds it when the deployment's states have one city of that name.
        _byName = new Dictionary<string, Place>(StringComparer.OrdinalIgnoreCase);
        foreach (var city in cities) _byName[$"{city.Name}, {city.State}"] = city;
        foreach (var group in cities.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1))
            _byName[group.Key] = group.Single();
        foreach (var place in named) _byName[place.Name] = place;
        Names = [.. cities.Concat(named).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Cities and named places, by name: what the console offers as a pick list.</summary>
    public IReadOnlyList<Place> Names { get; }

    public int ZipCount => _zips.Count;

    /// <summary>The states whose ZIP codes and cities are known (<c>Places:States</c>); empty for the whole country.</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>Where this gazetteer knows ZIP codes, for an error that says why one was not found: "CA", or "the United States".</summary>
    public string Covers => States.Count == 0 ? "the United States" : string.Join(", ", States);

    public Place? Zip(string code) => _zips.GetValueOrDefault(code.Trim());

    /// <summary>A ZIP code (<c>90011</c>, <c>90011-1234</c>), a named place or a city (<c>Compton</c>, <c>Compton, CA</c>), or null.</summary>
    public Place? Find(string text)
    {
        var t = Squash(text);
        if (ZipCode().Match(t) is { Success: true } m) return Zip(m.Groups[1].Value);
        return _byName.GetValueOrDefault(t);
    }

    public static bool LooksLikeZipCode(string text) => ZipCode().IsMatch(Squash(text));

    /// <summary>The named place or city nearest a point, among <paramref name="near"/> (the whole list when null), and how far it is.</summary>
    public (Place Place, double Km)? Nearest(double latitude, double longitude, IEnumerable<Place>? near = null)
    {
        Place? best = null;
        var bestKm = double.MaxValue;
        foreach (var p in near ?? Names)
        {
            var km = Geo.DistanceKm(latitude, longitude, p.Latitude, p.Longitude);
            if (km < bestKm) (best, bestKm) = (p, km);
        }
        return best is null ? null : (best, bestKm);
    }

    /// <summary>
    /// Where a point lies, in words a case manager can check against what they were told:
    /// "12 km north-east of Compton". The nearest named place or city among
    /// <paramref name="near"/> (the whole list when null).
    /// </summary>
    public string? Describe(double latitude, double longitude, IEnumerable<Place>? near = null) =>
        Nearest(latitude, longitude, near) is { } nearest ? Describe(nearest, latitude, longitude) : null;

    /// <summary>The point in words from its nearest place, already found (<see cref="Nearest"/>).</summary>
    public static string Describe((Place Place, double Km) nearest, double latitude, double longitude)
    {
        var (best, km) = nearest;
        if (km < 1) return Say.Format(ConsoleText.Place_In, best.Name);
        return Say.Format(ConsoleText.Place_From, km.ToString("0", CultureInfo.InvariantCulture), Bearing(best.Latitude, best.Longitude, latitude, longitude), best.Name);
    }

    /// <summary>Why a ZIP code was not found, the same for the API and the console.</summary>
    public string UnknownZip(string zipCode) => States.Count == 0
        ? Say.Format(ProblemText.Problem_Zip_Unknown_Country, zipCode)
        : Say.Format(ProblemText.Problem_Zip_Unknown, zipCode, string.Join(", ", States));

    private static string Bearing(double fromLat, double fromLon, double toLat, double toLon)
    {
        var dy = toLat - fromLat;
        var dx = (toLon - fromLon) * Math.Cos(fromLat * Math.PI / 180);
        var degrees = (Math.Atan2(dx, dy) * 180 / Math.PI + 360) % 360;
        string[] names = [ConsoleText.Bearing_N, ConsoleText.Bearing_NE, ConsoleText.Bearing_E, ConsoleText.Bearing_SE,
            ConsoleText.Bearing_S, ConsoleText.Bearing_SW, ConsoleText.Bearing_W, ConsoleText.Bearing_NW];
        return names[(int)Math.Round(degrees / 45) % 8];
    }

    private static Place City(string name, string state, IReadOnlyList<ZipRow> zips)
    {
        var lat = zips.Average(z => z.Latitude);
        var lon = zips.Average(z => z.Longitude);
        var reach = zips.Max(z => Geo.DistanceKm(lat, lon, z.Latitude, z.Longitude));
        return new Place(name, PlaceKind.City, state, Math.Round(lat, 5), Math.Round(lon, 5), Math.Round(reach, 1));
    }

    private static string Squash(string text) => Comma().Replace(Spaces().Replace(text.Trim(), " "), ", ");

    private sealed record ZipRow(string Name, string State, string City, double Latitude, double Longitude);

    private static IEnumerable<ZipRow> ReadZips()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream("places/us-zip-centroids.csv")
            ?? throw new InvalidOperationException("The ZIP gazetteer is missing from the build.");
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var f = line.Split(',');
            yield return new ZipRow(f[0], f[1], f[2], double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"^(\d{5})(-\d{4})?$")]
    private static partial Regex ZipCode();

    [GeneratedRegex(@"\s*,\s*")]
    private static partial Regex Comma();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

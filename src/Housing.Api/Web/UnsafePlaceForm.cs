using System.Globalization;
using Housing.Api.Errors;
using Housing.Api.Matching;
using Housing.Api.Places;

namespace Housing.Api.Web;

/// <summary>
/// One unsafe place as the form takes it: a ZIP code, a city or a named place typed the way
/// people know it, or a latitude and longitude for those who have them; and a radius, 5 km
/// when left blank (a city's own reach when that is more). A ZIP code goes to the operation as
/// a ZIP code; a city or named place as its centre. Looked up in the service's own gazetteer,
/// never an outside geocoder.
/// </summary>
public sealed class PlaceForm
{
    public const double DefaultRadiusKm = 5;

    /// <summary>What was typed as the place: "90011", "Compton", "Skid Row".</summary>
    public string? Where { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? RadiusKm { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Where) && string.IsNullOrWhiteSpace(Latitude)
        && string.IsNullOrWhiteSpace(Longitude) && string.IsNullOrWhiteSpace(RadiusKm);

    /// <summary>The place for the operation, with the form's own mistakes under <paramref name="at"/> (<c>safety.unsafePlaces[0]</c>).</summary>
    public UnsafePlaceRequest? ToRequest(Gazetteer gazetteer, Validation v, string at)
    {
        var radius = Radius(v, at);
        if (string.IsNullOrWhiteSpace(Where))
        {
            return new UnsafePlaceRequest(
                SearchForm.Number(v, at + ".latitude", Latitude, ConsoleText.Form_What_Latitude),
                SearchForm.Number(v, at + ".longitude", Longitude, ConsoleText.Form_What_Longitude),
                radius ?? DefaultRadiusKm);
        }
        if (!string.IsNullOrWhiteSpace(Latitude) || !string.IsNullOrWhiteSpace(Longitude))
        {
            v.Add(at + ".place", ConsoleText.Form_NotBoth);
            return null;
        }
        switch (Resolve(gazetteer))
        {
            case { Kind: PlaceKind.Zip } zip:
                return new UnsafePlaceRequest(RadiusKm: radius ?? DefaultRadiusKm, ZipCode: zip.Name);
            case { } place:
                return new UnsafePlaceRequest(place.Latitude, place.Longitude, radius ?? DefaultFor(place));
            default:
                v.Add(at + ".place", NotFound(gazetteer));
                return null;
        }
    }

    /// <summary>
    /// Where the place lies and how far the circle reaches, in words to check against what the
    /// household said: the page shows it after a search, and as the case manager types.
    /// </summary>
    public string? Preview(Gazetteer gazetteer)
    {
        var radius = GivenRadius;
        if (!string.IsNullOrWhiteSpace(Where))
        {
            return Resolve(gazetteer) switch
            {
                { Kind: PlaceKind.Zip } zip => Say.Format(ConsoleText.Place_Zip, zip.Name, Km(radius ?? DefaultRadiusKm), Near(gazetteer, zip)),
                { Kind: PlaceKind.City } city => radius is { } given && given < city.ReachKm
                    ? Say.Format(ConsoleText.Place_CityPart, city.Name, city.State, Km(given), Km(city.ReachKm))
                    : Say.Format(ConsoleText.Place_City, city.Name, city.State, Km(radius ?? DefaultFor(city))),
                { } named => Say.Format(ConsoleText.Place_Named, named.Name, Km(radius ?? DefaultFor(named))),
                null => NotFound(gazetteer),
            };
        }
        if (GivenPoint is not var (lat, lon)) return null;
        if (gazetteer.Nearest(lat, lon) is not { Km: <= FarKm } nearest)
            return ConsoleText.Place_Far;
        return Say.Format(ConsoleText.Place_Point, Km(radius ?? DefaultRadiusKm), Gazetteer.Describe(nearest, lat, lon));
    }

    /// <summary>The circle as it will be searched, for the map; null while the place is incomplete or unknown.</summary>
    public (double Latitude, double Longitude, double RadiusKm)? Circle(Gazetteer gazetteer)
    {
        if (!string.IsNullOrWhiteSpace(Where))
            return Resolve(gazetteer) is { } place ? (place.Latitude, place.Longitude, GivenRadius ?? DefaultFor(place)) : null;
        return GivenPoint is var (lat, lon) ? (lat, lon, GivenRadius ?? DefaultRadiusKm) : null;
    }

    private double? GivenRadius =>
        double.TryParse(RadiusKm?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 && r <= MatchRequestRules.MaxRadiusKm ? r : null;

    private (double, double)? GivenPoint =>
        double.TryParse(Latitude?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
        && double.TryParse(Longitude?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
        && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180 ? (lat, lon) : null;

    /// <summary>A point farther than this from every known place is almost surely a typing mistake.</summary>
    private const double FarKm = 200;

    private Place? Resolve(Gazetteer gazetteer) => gazetteer.Find(Where!);

    private double? Radius(Validation v, string at) =>
        string.IsNullOrWhiteSpace(RadiusKm) ? null : SearchForm.Number(v, at + ".radiusKm", RadiusKm, ConsoleText.Form_What_Radius);

    /// <summary>A city is taken whole: its centre's circle reaches its farthest ZIP code's centre, and a little more.</summary>
    private static double DefaultFor(Place place) => place.Kind == PlaceKind.City ? Math.Max(DefaultRadiusKm, Math.Ceiling(place.ReachKm + 1)) : DefaultRadiusKm;

    private string NotFound(Gazetteer gazetteer) => Gazetteer.LooksLikeZipCode(Where!)
        ? gazetteer.UnknownZip(Where!.Trim())
        : Say.Format(ConsoleText.Place_Unknown, Where!.Trim());

    private static string Near(Gazetteer gazetteer, Place zip) => gazetteer.Describe(zip.Latitude, zip.Longitude) ?? Say.Format(ConsoleText.Place_InState, zip.State);

    private static string Km(double km) => Say.Format(ConsoleText.Place_Circle, km.ToString("0.#", CultureInfo.InvariantCulture));
}

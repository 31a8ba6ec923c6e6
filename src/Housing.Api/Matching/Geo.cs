namespace Housing.Api.Matching;

/// <summary>Great-circle distances on a spherical Earth: ample for kilometres around a city.</summary>
public static class Geo
{
    public const double EarthRadiusKm = 6371.0088;
    public const double KmPerDegreeLatitude = Math.PI * EarthRadiusKm / 180;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = DegreesToRadians(lat2 - lat1);
        var dLon = DegreesToRadians(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
              + Math.Cos(DegreesToRadians(lat1)) * Math.Cos(DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>
    /// A lower bound on the distance from latitude alone: when it already exceeds a radius,
    /// the point is outside the circle and the trigonometry can be skipped.
    /// </summary>
    public static double LatitudeGapKm(double lat1, double lat2) => Math.Abs(lat2 - lat1) * KmPerDegreeLatitude;

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;
}

public readonly record struct GeoCircle(double Latitude, double Longitude, double RadiusKm)
{
    public bool Contains(double latitude, double longitude) =>
        Geo.LatitudeGapKm(Latitude, latitude) <= RadiusKm
        && Geo.DistanceKm(Latitude, Longitude, latitude, longitude) <= RadiusKm;

    /// <summary>How far beyond the radius a point is (negative inside).</summary>
    public double MarginKm(double latitude, double longitude) =>
        Geo.DistanceKm(Latitude, Longitude, latitude, longitude) - RadiusKm;
}

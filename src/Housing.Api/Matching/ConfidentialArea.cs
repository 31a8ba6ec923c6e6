namespace Housing.Api.Matching;

/// <summary>
/// Where the matching engine takes a confidential program to be: the centre of its cell in a
/// fixed grid of <see cref="CellDegrees"/>, never the exact location. A search's unsafe places
/// are circles the caller chooses, and whether a program is inside one shows in the answer; tested
/// against the exact location, a few dozen searches with shrinking circles around three centres
/// would find the shelter to the metre (VAWA, FVPSA). Against the cell's centre, with every
/// circle widened by <see cref="ReachKm"/> (no point of a cell is farther from its centre), the
/// answer is the same wherever in its cell the program is, and a program inside an unsafe place
/// is always excluded: at worst one a few kilometres outside is excluded too.
/// </summary>
public static class ConfidentialArea
{
    private const int CellsPerDegree = 20;

    /// <summary>The side of a cell in degrees of latitude and of longitude (about 5.6 km by 4.6 km in Los Angeles).</summary>
    public const double CellDegrees = 1.0 / CellsPerDegree;

    /// <summary>
    /// Kilometres from a cell's centre within which all of the cell lies: the half-diagonal of a
    /// cell on the equator, the widest, is 3.93 km.
    /// </summary>
    public const double ReachKm = 4;

    public static (double Latitude, double Longitude) Centre(double latitude, double longitude)
    {
        var row = Math.Clamp(Math.Floor(latitude * CellsPerDegree), -90 * CellsPerDegree, 90 * CellsPerDegree - 1);
        var column = Math.Clamp(Math.Floor(longitude * CellsPerDegree), -180 * CellsPerDegree, 180 * CellsPerDegree - 1);
        return ((row + 0.5) / CellsPerDegree, (column + 0.5) / CellsPerDegree);
    }

    /// <summary>An unsafe place as a confidential program's cell centre is tested against: wider by <see cref="ReachKm"/>.</summary>
    public static GeoCircle Widened(GeoCircle place) => place with { RadiusKm = place.RadiusKm + ReachKm };
}

namespace Housing.Api.Matching;

/// <summary>
/// What the service knows of the ground it covers: the regions its programs are in, who runs
/// them, and where they are. A safety input outside it would protect nothing, so
/// <see cref="SafetyInputRules"/> refuses it rather than answering as if it protected the household.
/// Built with the match index (it changes only when programs do); pure, no I/O.
/// </summary>
public sealed class ServiceArea
{
    /// <summary>Programs are grouped in cells this many degrees on a side; no point of a cell is farther than <see cref="CellReachKm"/> from its centre.</summary>
    private const double CellDegrees = 0.1;
    private const double CellReachKm = 8;

    private readonly HashSet<string> _regions;
    private readonly HashSet<string> _cocs;
    private readonly HashSet<Guid> _organizations;
    private readonly HashSet<Guid> _programs;
    private readonly (double Latitude, double Longitude)[] _cells;
    private readonly (double Latitude, double Longitude)[] _points;

    /// <param name="programs">Each program where the rules take it to be (a confidential one at its area's centre).</param>
    public ServiceArea(IReadOnlyCollection<ProgramPlace> programs)
    {
        _regions = [.. programs.Select(p => p.Region)];
        _cocs = [.. programs.Select(p => p.CocCode).OfType<string>()];
        Cocs = [.. _cocs.Order(StringComparer.Ordinal)];
        _organizations = [.. programs.Select(p => p.OrganizationId)];
        _programs = [.. programs.Select(p => p.Id)];
        _points = [.. programs.Select(p => (p.Latitude, p.Longitude))];
        _cells = [.. _points.Select(p => (Cell(p.Latitude), Cell(p.Longitude))).Distinct()];
        Regions = [.. _regions.Order(StringComparer.Ordinal)];
    }

    /// <summary>The regions programs are in, in order.</summary>
    public IReadOnlyList<string> Regions { get; }

    public bool HasRegion(string region) => _regions.Contains(region);

    /// <summary>The Continuums of Care programs are in, in order.</summary>
    public IReadOnlyList<string> Cocs { get; }

    public bool HasCoc(string code) => _cocs.Contains(code);

    public bool HasProgram(Guid id) => _programs.Contains(id);

    /// <summary>Whether some program belongs to the organisation (one with none is not known here).</summary>
    public bool RunsPrograms(Guid organizationId) => _organizations.Contains(organizationId);

    /// <summary>
    /// How far the circle's edge is from the nearest program, or null when one is within
    /// <paramref name="marginKm"/> (or inside) or there are no programs at all. Cells settle the
    /// usual case, a place among programs, in a few steps; only a place near the margin or beyond
    /// it looks at every program.
    /// </summary>
    public double? FartherThan(GeoCircle place, double marginKm)
    {
        if (_points.Length == 0) return null;
        foreach (var (latitude, longitude) in _cells)
        {
            if (place.MarginKm(latitude, longitude) + CellReachKm <= marginKm) return null;
        }
        var nearest = double.PositiveInfinity;
        foreach (var (latitude, longitude) in _points)
            nearest = Math.Min(nearest, place.MarginKm(latitude, longitude));
        return nearest > marginKm ? nearest : null;
    }

    private static double Cell(double degrees) => (Math.Floor(degrees / CellDegrees) + 0.5) * CellDegrees;
}

public readonly record struct ProgramPlace(Guid Id, Guid OrganizationId, string Region, double Latitude, double Longitude, string? CocCode = null);

using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>A query reduced, once per search, to what the rules compare with <see cref="ProgramFacts"/>.</summary>
public sealed class CompiledQuery
{
    public required MatchQuery Query { get; init; }
    public required HouseholdType HouseholdType { get; init; }
    public required int HouseholdTypeBit { get; init; }
    public required int Size { get; init; }
    /// <summary>Members under 2 (<see cref="Household.Infants"/>), who may use a crib.</summary>
    public required int Infants { get; init; }
    public required int[] AdultGenderMasks { get; init; }
    public required int YoungestAdult { get; init; }
    public required int OldestAdult { get; init; }
    /// <summary>-1 when there is no child (or no boy).</summary>
    public required int OldestChild { get; init; }
    public required int OldestBoy { get; init; }
    public required int TraffickingMask { get; init; }
    public required int HomelessBit { get; init; }
    public required int KindMask { get; init; }
    /// <summary>Whether the search is limited to some Continuums of Care (<see cref="Wants.CocCodes"/>).</summary>
    public required bool CocsWanted { get; init; }
    /// <summary>Those of the wanted Continuums of Care some program is in, interned; empty when none is, and then no program passes.</summary>
    public required int[] WantedCocs { get; init; }
    public required Guid[] UnsafePrograms { get; init; }
    public required Guid[] UnsafeOrganizations { get; init; }
    public required int[] UnsafeRegions { get; init; }
    public required GeoCircle[] UnsafePlaces
    {
        get;
        init
        {
            field = value;
            UnsafePlaceFilters = Array.ConvertAll(value, UnsafePlaceFilter.For);
            ConfidentialUnsafePlaces = Array.ConvertAll(value, ConfidentialArea.Widened);
            ConfidentialUnsafePlaceFilters = Array.ConvertAll(ConfidentialUnsafePlaces, UnsafePlaceFilter.For);
        }
    }

    /// <summary>Per unsafe place, the cheap tests that settle most programs before <see cref="GeoCircle.Contains"/>.</summary>
    public UnsafePlaceFilter[] UnsafePlaceFilters { get; private init; } = [];

    /// <summary>
    /// The unsafe places as a confidential program is tested against them: each wider by
    /// <see cref="ConfidentialArea.ReachKm"/>, around the same centre, because the program's
    /// location in the index is only its area's centre.
    /// </summary>
    public GeoCircle[] ConfidentialUnsafePlaces { get; private init; } = [];

    public UnsafePlaceFilter[] ConfidentialUnsafePlaceFilters { get; private init; } = [];

    /// <summary>The unsafe places a program is tested against: widened for a confidential one.</summary>
    public (GeoCircle[] Places, UnsafePlaceFilter[] Filters) UnsafePlacesFor(bool confidential) =>
        confidential ? (ConfidentialUnsafePlaces, ConfidentialUnsafePlaceFilters) : (UnsafePlaces, UnsafePlaceFilters);
    public required int StartDay { get; init; }
    /// <summary>The searching agency (<see cref="MatchQuery.AgencyId"/>); null for a key of no agency.</summary>
    public Guid? Agency { get; init; }
    public required ulong LanguageMask { get; init; }
    public required int ServiceMask { get; init; }

    /// <summary>Each intake schedule's state when the household arrives, by <see cref="ProgramFacts.Intake"/>; empty without an arrival.</summary>
    public IntakeMoment[] Intake { get; private init; } = [];

    /// <summary>The schedules closed on arrival: the programs the intake rule leaves out.</summary>
    public ushort[] ClosedIntakes { get; private init; } = [];

    /// <summary>Whether the program's intake is closed when the household arrives.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IntakeClosed(int intake) => (uint)intake < (uint)Intake.Length && !Intake[intake].Open;

    public Household Household => Query.Household;

    public static CompiledQuery Compile(MatchQuery query, Interning interning, DateOnly today)
    {
        var h = query.Household;
        var adults = h.Members.Where(m => m.Role == MemberRole.Adult).ToList();
        var children = h.Members.Where(m => m.Role == MemberRole.Child).ToList();
        var kinds = query.Wants.Kinds is { Count: > 0 } k ? k : Enum.GetValues<ProgramKind>();
        var intake = query.ArriveAt is { } arrival ? interning.IntakeAt(arrival) : [];
        // An arrival on a later day wants inventory still in force that day, as an earliest start does.
        var arrivalDay = query.ArriveAt is { } a ? DateOnly.FromDateTime(a.UtcDateTime).DayNumber : 0;
        return new CompiledQuery
        {
            Query = query,
            HouseholdType = h.Type,
            HouseholdTypeBit = ProgramFacts.Bit(h.Type),
            Size = h.Size,
            Infants = h.Infants,
            // Gender rules apply to the adults; for unaccompanied minors, to the children themselves.
            AdultGenderMasks = (adults.Count > 0 ? adults : children).Select(a => ProgramFacts.Mask(a.Genders)).ToArray(),
            YoungestAdult = adults.Count > 0 ? adults.Min(a => a.Age) : int.MaxValue,
            OldestAdult = adults.Count > 0 ? adults.Max(a => a.Age) : -1,
            OldestChild = children.Count > 0 ? children.Max(c => c.Age) : -1,
            OldestBoy = children.Where(c => c.Genders.Contains(Gender.Man)).Select(c => c.Age).DefaultIfEmpty(-1).Max(),
            TraffickingMask = h.Trafficking switch
            {
                TraffickingExperience.Sex => 1,
                TraffickingExperience.Labor => 2,
                TraffickingExperience.Both => 3,
                _ => 0,
            },
            HomelessBit = h.HomelessCategory is { } c ? 1 << c : 0,
            KindMask = kinds.Aggregate(0, (m, kind) => m | (1 << (int)kind)),
            CocsWanted = query.Wants.CocCodes is { Count: > 0 },
            // A CoC no program is in can let no program through, so it need not be interned.
            WantedCocs = (query.Wants.CocCodes ?? []).Select(interning.KnownCoc).OfType<int>().ToArray(),
            UnsafePrograms = query.Safety.UnsafeProgramIds?.ToArray() ?? [],
            UnsafeOrganizations = query.Safety.UnsafeOrganizationIds?.ToArray() ?? [],
            // A region no program is in cannot exclude anything, so it need not be interned.
            UnsafeRegions = (query.Safety.UnsafeRegions ?? []).Select(interning.KnownRegion).OfType<int>().ToArray(),
            UnsafePlaces = (query.Safety.UnsafePlaces ?? []).Select(p => new GeoCircle(p.Latitude, p.Longitude, p.RadiusKm)).ToArray(),
            Agency = query.AgencyId,
            StartDay = Math.Max(Math.Max(today.DayNumber, query.Wants.EarliestStart?.DayNumber ?? 0), arrivalDay),
            LanguageMask = interning.KnownLanguages(h.Languages ?? []),
            ServiceMask = ProgramFacts.Mask(query.Wants.Services ?? []),
            Intake = intake,
            ClosedIntakes = [.. Enumerable.Range(0, intake.Length).Where(i => !intake[i].Open).Select(i => (ushort)i)],
        };
    }
}

/// <summary>
/// Cheap tests for one unsafe place that settle most programs without trigonometry, and are
/// conservative: each answers only when the answer is certain with a margin (a millionth of the
/// radius, or of the longitude reach) many orders of magnitude wider than the rounding in
/// <see cref="Geo.DistanceKm"/> and here. Whatever they leave open goes to <see cref="GeoCircle.Contains"/>,
/// so a program is inside exactly when <c>Contains</c> says so.
/// </summary>
/// <param name="LongitudeReach">Degrees: no point of the circle is farther east or west of its centre (infinity near a pole).</param>
/// <param name="X">The centre as a unit vector (see <see cref="ProgramFacts.UnitVector"/>).</param>
/// <param name="InsideBelow">A half-chord squared below this is inside for certain (-1: never decided here).</param>
/// <param name="OutsideAbove">A half-chord squared above this is outside for certain.</param>
public readonly record struct UnsafePlaceFilter(double LongitudeReach, double X, double Y, double Z, double InsideBelow, double OutsideAbove)
{
    public const double Margin = 1e-6;

    /// <summary>Below this radius rounding in the chord is no longer negligible: only the longitude reach is used.</summary>
    public const double MinChordRadiusKm = 0.1;

    public static UnsafePlaceFilter For(GeoCircle place)
    {
        var (x, y, z) = ProgramFacts.UnitVector(place.Latitude, place.Longitude);
        var angularRadius = place.RadiusKm / Geo.EarthRadiusKm;
        // The haversine of the angle: sin²(θ/2), which is also (chord / 2)² between unit vectors.
        var sine = Math.Sin(angularRadius / 2);
        var haversine = sine * sine;
        var chord = place.RadiusKm >= MinChordRadiusKm && angularRadius < 1;
        return new UnsafePlaceFilter(LongitudeReachOf(place), x, y, z,
            chord ? haversine * (1 - Margin) : -1,
            chord ? haversine * (1 + Margin) : double.PositiveInfinity);
    }

    /// <summary>
    /// The widest longitude difference a point within the circle can have from its centre,
    /// asin(sin ρ / cos φ) for a cap of angular radius ρ centred at latitude φ, with the margin
    /// (relative, and 1e-6° absolute, about 10 cm).
    /// </summary>
    public static double LongitudeReachOf(GeoCircle place)
    {
        var angularRadius = place.RadiusKm / Geo.EarthRadiusKm;
        var radiusDegrees = angularRadius * 180 / Math.PI;
        if (!(Math.Abs(place.Latitude) + radiusDegrees < 80)) return double.PositiveInfinity;
        var reach = Math.Asin(Math.Sin(angularRadius) / Math.Cos(place.Latitude * Math.PI / 180)) * 180 / Math.PI;
        return double.IsFinite(reach) ? reach * (1 + Margin) + Margin : double.PositiveInfinity;
    }

    /// <summary>(chord / 2)² between the centre and a point given as a unit vector: sin²(θ/2) for the angle θ between them.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double HalfChordSquared(double x, double y, double z)
    {
        double dx = x - X, dy = y - Y, dz = z - Z;
        return (dx * dx + dy * dy + dz * dz) / 4;
    }
}

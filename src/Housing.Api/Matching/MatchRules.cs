using System.Runtime.CompilerServices;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// The hard rules (<see cref="HardRules"/>) applied to one program at a time: the reference the
/// column scan (<see cref="RuleScan"/>) must agree with, and the path for explanations, watches
/// and searches the columns cannot hold.
/// </summary>
public static class MatchRules
{
    /// <summary>
    /// Writes the reasons the program fails, in <see cref="ExclusionReason"/> order, and returns
    /// how many: with room for one, only the first (the scan's answer); with room for more, all.
    /// </summary>
    public static int Check(in ProgramFacts p, CompiledQuery q, Span<ExclusionReason> failures)
    {
        var check = new OneProgram(in p, q, failures);
        HardRules.Visit(ref check);
        return check.Failed;
    }

    private ref struct OneProgram(ref readonly ProgramFacts p, CompiledQuery q, Span<ExclusionReason> failures) : IRuleVisitor
    {
        private readonly ref readonly ProgramFacts _p = ref p;
        private readonly Span<ExclusionReason> _failures = failures;
        private readonly bool _all = failures.Length > 1;

        public int Failed { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Visit<TRule>() where TRule : struct, IHardRule
        {
            if (TRule.Passes(in _p, q)) return true;
            _failures[Failed++] = TRule.Reason;
            return _all;
        }
    }

    /// <summary>Whether a program is outside every unsafe place (<see cref="HardRules.OutsideUnsafePlaces"/>).</summary>
    public static bool OutsideUnsafePlaces(in ProgramFacts p, CompiledQuery q) => HardRules.OutsideUnsafePlaces.Passes(in p, q);

    /// <summary>Whether a program at this latitude and longitude (and this unit vector, see <see cref="ProgramFacts.UnitVector"/>) is inside one unsafe place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool InsideUnsafePlace(in GeoCircle place, in UnsafePlaceFilter filter, double latitude, double longitude, double x, double y, double z)
    {
        if (Geo.LatitudeGapKm(place.Latitude, latitude) > place.RadiusKm) return false;
        if (LongitudeGap(place.Longitude, longitude) > filter.LongitudeReach) return false;
        var half = filter.HalfChordSquared(x, y, z);
        if (half > filter.OutsideAbove) return false;
        if (half < filter.InsideBelow) return true;
        return place.Contains(latitude, longitude);
    }

    /// <summary>Degrees of longitude between two points the short way round, 0 to 180.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LongitudeGap(double lon1, double lon2)
    {
        var gap = Math.Abs(lon2 - lon1);
        return gap > 180 ? 360 - gap : gap;
    }

    /// <summary>Beds (or slots) the household needs: a bed each, or one rapid-rehousing slot for the household.</summary>
    public static int Needed(ProgramKind kind, int householdSize) => kind == ProgramKind.RapidRehousing ? 1 : householdSize;
}

using CsCheck;
using Housing.Api.Matching;
using Housing.Api.Programs;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// The unsafe-place rule against an independent great-circle distance, for programs placed
/// just inside and just outside the circle, anywhere on Earth: near the poles, across the
/// antimeridian, for radii from 50 m to the 500 km a search may give. Any shortcut the engine
/// takes to skip the trigonometry must never let a program inside the circle through.
/// </summary>
public sealed class UnsafePlaceBoundaryTests
{
    /// <summary>The point <paramref name="km"/> from a start on an initial bearing (spherical destination formula).</summary>
    private static (double Latitude, double Longitude) Destination(double latitude, double longitude, double bearingDegrees, double km)
    {
        const double R = 6371.0088;
        static double Rad(double d) => d * Math.PI / 180;
        static double Deg(double r) => r * 180 / Math.PI;
        var δ = km / R;
        var φ1 = Rad(latitude);
        var θ = Rad(bearingDegrees);
        var φ2 = Math.Asin(Math.Clamp(Math.Sin(φ1) * Math.Cos(δ) + Math.Cos(φ1) * Math.Sin(δ) * Math.Cos(θ), -1, 1));
        var λ2 = Rad(longitude) + Math.Atan2(Math.Sin(θ) * Math.Sin(δ) * Math.Cos(φ1), Math.Cos(δ) - Math.Sin(φ1) * Math.Sin(φ2));
        var lon = (Deg(λ2) + 540) % 360 - 180;
        return (Math.Clamp(Deg(φ2), -90, 90), Math.Clamp(lon, -180, 180));
    }

    private static readonly Gen<(UnsafePlace Place, double Latitude, double Longitude)> NearTheEdge =
        from centre in Gen.Select(
            Gen.OneOf(Gen.Double[-90, 90], Gen.Double[80, 90], Gen.Double[-90, -80], Gen.Double[33, 35]),
            Gen.OneOf(Gen.Double[-180, 180], Gen.Double[179, 180], Gen.Double[-180, -179]))
        from radius in Gen.OneOf(Gen.Double[0.05, 5], Gen.Double[5, 50], Gen.Double[50, 500])
        from bearing in Gen.Double[0, 360]
        from factor in Gen.OneOf(Gen.Double[0.9999, 1.0001], Gen.Double[0.99, 1.01], Gen.Double[0, 3])
        let point = Destination(centre.Item1, centre.Item2, bearing, radius * factor)
        select (new UnsafePlace(centre.Item1, centre.Item2, radius), point.Latitude, point.Longitude);

    [Test]
    public void AProgramIsExcludedExactlyWhenItIsWithinTheRadius()
    {
        NearTheEdge.Sample(t =>
        {
            var km = MatchKit.DistanceKm(t.Place.Latitude, t.Place.Longitude, t.Latitude, t.Longitude);
            if (Math.Abs(km - t.Place.RadiusKm) < 1e-6) return; // a millimetre from the edge: either answer will do
            var query = new MatchQuery(new Household([new HouseholdMember(MemberRole.Adult, 30, [Gender.Woman])]), new Wants(), new Safety([t.Place]));

            var outcome = MatchEngine.Run(MatchIndex.Build([ProgramAt(t.Latitude, t.Longitude)], Today), query, Now, new ScoringWeights(), 20, explain: true);

            var inside = km <= t.Place.RadiusKm;
            if (inside != (outcome.Matched == 0))
                throw new InvalidOperationException($"{km} km from a place of radius {t.Place.RadiusKm} km, but {(inside ? "matched" : "excluded")}");
            if (inside && outcome.ExcludedPrograms!.Single().Reasons.Single().Code != ExclusionReason.InsideUnsafePlace)
                throw new InvalidOperationException("excluded for another reason");
        }, iter: 20_000, print: t => $"{t}");
    }
}

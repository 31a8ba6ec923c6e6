using CsCheck;
using Housing.Api.Catalog;
using Housing.Api.Matching;
using Housing.Api.Programs;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// A search's unsafe places are circles the caller chooses, and whether a program is inside one
/// shows in the answer (matched or not, its exclusion reason, the counts, its score). Tested
/// against a confidential program's exact location, a case manager could shrink or move a
/// circle until the answer flips and, from three centres, find the shelter to the metre. So a
/// confidential program is tested by its approximate area only: probing tells nobody more than
/// that area, and a program whose area an unsafe place reaches is excluded, never offered.
/// </summary>
public sealed class ConfidentialLocationProbeTests
{
    // Two spots about 4.5 km apart in one approximate area.
    private const double ALatitude = 34.0123, ALongitude = -118.1056;
    private const double BLatitude = 34.0431, BLongitude = -118.1389;

    private static MatchOutcome Probe(CatalogEntry program, IReadOnlyList<UnsafePlace> places) =>
        MatchEngine.Run(MatchIndex.Build([program], Today),
            new MatchQuery(new Household([new HouseholdMember(MemberRole.Adult, 30, [Gender.Woman])]), new Wants(), new Safety(places)),
            Now, new ScoringWeights(), 20, explain: true);

    /// <summary>Everything a caller reads about the one program: matched or not, why, and its score.</summary>
    private static string Answer(MatchOutcome o) =>
        $"{o.Matched} {string.Join(",", o.ExcludedPrograms!.SelectMany(p => p.Reasons).Select(r => r.Code))} "
        + string.Join(",", o.Matches.Select(m => $"{m.Score.Total}:{string.Join("|", m.Score.Components.Select(c => c.Value))}:{string.Join("|", m.Reasons)}"));

    private static readonly Gen<List<UnsafePlace>> Probes =
        Gen.Select(Gen.Double[33.8, 34.25], Gen.Double[-118.35, -117.9], Gen.OneOf(Gen.Double[0.01, 1], Gen.Double[1, 10], Gen.Double[10, 40]))
            .Select(t => new UnsafePlace(t.Item1, t.Item2, t.Item3)).List[1, 3];

    [Test]
    public void UnsafePlacesCannotTellTwoSpotsInAConfidentialProgramsAreaApart()
    {
        var a = ProgramAt(ALatitude, ALongitude, confidential: true);
        var b = ProgramAt(BLatitude, BLongitude, confidential: true);

        Probes.Sample(places => Answer(Probe(a, places)) == Answer(Probe(b, places)), iter: 5_000,
            print: places => string.Join("; ", places));
    }

    [Test]
    public void ShrinkingAnUnsafePlaceAroundAConfidentialProgramDoesNotFindItsDistance()
    {
        var program = ProgramAt(ALatitude, ALongitude, confidential: true);
        var place = (Latitude: 34.0, Longitude: -118.3);
        var truth = MatchKit.DistanceKm(place.Latitude, place.Longitude, ALatitude, ALongitude);
        double outside = 0.001, inside = 100;
        for (var step = 0; step < 40; step++)
        {
            var radius = (outside + inside) / 2;
            if (Probe(program, [new UnsafePlace(place.Latitude, place.Longitude, radius)]).Matched == 0) inside = radius;
            else outside = radius;
        }

        Assert.That(Math.Abs(inside - truth), Is.GreaterThan(0.5), $"a binary search on the radius found the distance, {truth:0.000} km, as {inside:0.000} km");
        Assert.That(inside, Is.LessThan(truth), "and the area is excluded before the program itself is reached");
    }

    private static readonly Gen<(UnsafePlace Place, double Latitude, double Longitude)> Inside =
        from centre in Gen.Select(
            Gen.OneOf(Gen.Double[-90, 90], Gen.Double[80, 90], Gen.Double[-90, -80], Gen.Double[33, 35]),
            Gen.OneOf(Gen.Double[-180, 180], Gen.Double[179, 180], Gen.Double[-180, -179]))
        from radius in Gen.OneOf(Gen.Double[0.01, 1], Gen.Double[1, 50], Gen.Double[50, 500])
        from latitude in Gen.Double[-0.2, 0.2]
        from longitude in Gen.Double[-0.2, 0.2]
        let point = (Math.Clamp(centre.Item1 + latitude * Math.Min(1, radius / 20), -90, 90), (centre.Item2 + longitude * Math.Min(1, radius / 20) + 540) % 360 - 180)
        where MatchKit.DistanceKm(centre.Item1, centre.Item2, point.Item1, point.Item2) <= radius * (1 - 1e-9)
        select (new UnsafePlace(centre.Item1, centre.Item2, radius), point.Item1, point.Item2);

    [Test]
    public void AConfidentialProgramInsideAnUnsafePlaceIsNeverOffered()
    {
        Inside.Sample(t => Probe(ProgramAt(t.Latitude, t.Longitude, confidential: true), [t.Place]) is { Matched: 0 } o
                && o.ExcludedPrograms!.Single().Reasons[0].Code == ExclusionReason.InsideUnsafePlace,
            iter: 20_000, print: t => $"{t}");
    }

    [Test]
    public void AConfidentialProgramsAreaHoldsItsLocation()
    {
        Gen.Select(Gen.Double[-90, 90], Gen.Double[-180, 180]).Sample(t =>
        {
            var (latitude, longitude) = ConfidentialArea.Centre(t.Item1, t.Item2);
            return latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180
                && MatchKit.DistanceKm(latitude, longitude, t.Item1, t.Item2) <= ConfidentialArea.ReachKm;
        }, iter: 100_000);
    }
}

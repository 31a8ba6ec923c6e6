using Housing.Api.Matching;

namespace Housing.Api.Tests.Matching;

/// <summary>The cells that settle most places quickly must give the same answer as measuring every program.</summary>
public sealed class ServiceAreaTests
{
    [Test]
    public void APlaceIsRefusedExactlyWhenEveryProgramIsFartherThanTheMarginFromItsEdge([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        var programs = Enumerable.Range(0, 300)
            .Select(_ => new ProgramPlace(Guid.NewGuid(), Guid.NewGuid(), "r", 33.5 + random.NextDouble(), -118.8 + random.NextDouble()))
            .ToList();
        var area = new ServiceArea(programs);
        var near = 0;
        for (var i = 0; i < 2000; i++)
        {
            // Most places around the county, some a few hundred km out, where the margin is decided.
            var place = new GeoCircle(30 + random.NextDouble() * 8, -122 + random.NextDouble() * 8, 0.5 + random.NextDouble() * 20);
            var margin = 20 + random.NextDouble() * 100;
            var nearest = programs.Min(p => place.MarginKm(p.Latitude, p.Longitude));

            var farther = area.FartherThan(place, margin);

            if (nearest <= margin)
            {
                near++;
                Assert.That(farther, Is.Null, $"{place} has a program {nearest:F1} km from its edge, within {margin:F1} km");
            }
            else
            {
                Assert.That(farther, Is.EqualTo(nearest).Within(1e-9), $"{place}: nearest {nearest:F1} km, margin {margin:F1} km");
            }
        }
        Assert.That(near, Is.InRange(100, 1900), "both answers were tested");
    }

    [Test]
    public void WithNoProgramsNoPlaceCanBeMeasuredSoNoneIsRefused()
    {
        Assert.That(new ServiceArea([]).FartherThan(new GeoCircle(0, 0, 1), 100), Is.Null);
    }
}

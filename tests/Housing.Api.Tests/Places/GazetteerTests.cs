using Housing.Api.Matching;
using Housing.Api.Places;

namespace Housing.Api.Tests.Places;

/// <summary>Finding the places people name (a ZIP code, a city, a neighbourhood) offline.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class GazetteerTests
{
    private static readonly Gazetteer California = new(new PlacesOptions
    {
        States = ["ca"],
        Named = [new NamedPlace { Name = "Skid Row", Latitude = 34.0442, Longitude = -118.2439 }],
    });

    private static readonly Lazy<Gazetteer> Everywhere = new(() => new Gazetteer(new PlacesOptions()));

    [TestCase("90011")]
    [TestCase(" 90011 ")]
    [TestCase("90011-1234")]
    public void AZipCodeIsFoundAtTheCentreOfItsArea(string text)
    {
        var place = California.Find(text);
        Assert.That(place, Is.Not.Null);
        Assert.That(place!.Kind, Is.EqualTo(PlaceKind.Zip));
        Assert.That(place.Name, Is.EqualTo("90011"));
        Assert.That(Geo.DistanceKm(place.Latitude, place.Longitude, 34.007, -118.259), Is.LessThan(1));
    }

    [Test]
    public void OnlyTheDeploymentsStatesAreKnown() => Assert.Multiple(() =>
    {
        Assert.That(California.ZipCount, Is.InRange(1_700, 1_900));
        Assert.That(California.Find("10001"), Is.Null, "a New York ZIP code in a California deployment");
        Assert.That(Everywhere.Value.Find("10001")?.State, Is.EqualTo("NY"));
    });

    [TestCase("Compton")]
    [TestCase("compton, ca")]
    [TestCase("  Compton ,  CA")]
    public void ACityIsFoundByItsNameAtTheCentreOfItsZipCodes(string text)
    {
        var place = California.Find(text);
        Assert.That(place, Is.Not.Null, text);
        Assert.That(place!.Kind, Is.EqualTo(PlaceKind.City));
        Assert.That(Geo.DistanceKm(place.Latitude, place.Longitude, 33.89, -118.22), Is.LessThan(5));
        Assert.That(place.ReachKm, Is.GreaterThan(0), "Compton has several ZIP codes, and a radius should cover them");
    }

    [Test]
    public void ACityNameSeveralStatesShareNeedsItsState() => Assert.Multiple(() =>
    {
        Assert.That(Everywhere.Value.Find("Springfield"), Is.Null);
        Assert.That(Everywhere.Value.Find("Springfield, IL")?.State, Is.EqualTo("IL"));
    });

    [Test]
    public void APlaceTheDeploymentNamedIsFound()
    {
        var place = California.Find("skid row");
        Assert.That(place?.Kind, Is.EqualTo(PlaceKind.Named));
        Assert.That(California.Names, Has.Some.Matches<Place>(p => p.Name == "Skid Row"));
    }

    [TestCase("Atlantis")]
    [TestCase("99999")]
    [TestCase("9001")]
    [TestCase("")]
    public void WhatIsNotAKnownPlaceIsNotFound(string text) => Assert.That(California.Find(text), Is.Null);

    [Test]
    public void APointIsDescribedFromTheNearestPlace()
    {
        var skidRow = California.Find("Skid Row")!;
        // About 12 km north-east: 8.5 km north and 8.5 km east.
        var lat = skidRow.Latitude + 8.5 / Geo.KmPerDegreeLatitude;
        var lon = skidRow.Longitude + 8.5 / (Geo.KmPerDegreeLatitude * Math.Cos(skidRow.Latitude * Math.PI / 180));
        Assert.That(California.Describe(lat, lon, [skidRow]), Is.EqualTo("12 km north-east of Skid Row"));
        Assert.That(California.Describe(skidRow.Latitude, skidRow.Longitude - 0.2, [skidRow]), Does.EndWith("km west of Skid Row"));
        Assert.That(California.Describe(skidRow.Latitude, skidRow.Longitude), Is.EqualTo("in Skid Row"));
    }
}

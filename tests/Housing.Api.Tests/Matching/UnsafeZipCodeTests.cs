using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// An unsafe place can be the ZIP code a case manager was told, looked up offline in the
/// service's own gazetteer: a circle around the ZIP code's centre, exactly as if its
/// coordinates had been typed, and refused when the service does not know the ZIP code.
/// </summary>
public sealed class UnsafeZipCodeTests(DatabaseEngine engine) : HousingTest(engine)
{
    // ZIP code 90057 (Westlake): its centre, from the shipped ZIP Code Tabulation Area centroids.
    private const double WestlakeLatitude = 34.06173, WestlakeLongitude = -118.27676;

    private HttpClient _caseManager = null!;
    private Guid _metro, _south;

    [SetUp]
    public async Task TwoShelters()
    {
        _caseManager = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency"));
        var shelter = await App.NewShelterAsync();
        // Metro LA (34.0612, -118.2801), under 1 km from Westlake's centre; South LA about 11 km south.
        _metro = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Metro Shelter", "spa-4"));
        _south = await shelter.Client.CreateProgramIdAsync(Bodies.Transitional(shelter.OrganizationId, "South Bridge", "spa-6"));
    }

    private static JsonObject Zip(string zipCode, double radiusKm) => new() { ["zipCode"] = zipCode, ["radiusKm"] = radiusKm };

    private static JsonObject Searching(params JsonObject[] places) =>
        Search(Household(Adult(30, "woman")), safety: new JsonObject { ["unsafePlaces"] = new JsonArray(places) });

    [TestCase(3)]
    [TestCase(15)]
    public async Task AZipCodeExcludesExactlyWhatItsCentreWouldAtTheSameRadius(double radiusKm)
    {
        var byZip = await _caseManager.MatchAsync(Searching(Zip("90057", radiusKm)), explain: true);
        var byPoint = await _caseManager.MatchAsync(Searching(Place(WestlakeLatitude, WestlakeLongitude, radiusKm)), explain: true);

        foreach (var program in new[] { _metro, _south })
            Assert.That(byZip.ExclusionCodes(program), Is.EqualTo(byPoint.ExclusionCodes(program)), $"program {program}");
        Assert.That(byZip.ExclusionCodes(_metro), Does.Contain("inside_unsafe_place"));
        Assert.That(byZip.ExclusionCodes(_south), radiusKm > 12 ? Does.Contain("inside_unsafe_place") : Is.Null.Or.Not.Contain("inside_unsafe_place"));
    }

    [Test]
    public async Task AZipCodeTheServiceDoesNotKnowIsRefusedSayingWhereItLooked()
    {
        // A real ZIP code (New York), outside the states the service covers (Places:States, CA).
        var response = await _caseManager.PostJsonAsync("/v1/matches", Searching(Zip("10001", 5)));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "safety.unsafePlaces[0].zipCode");
        Assert.That((string?)problem["errors"]!["safety.unsafePlaces[0].zipCode"]![0], Does.Contain("10001").And.Contain("covers CA"));
    }

    [TestCase("9005")]
    [TestCase("90057-1234")]
    [TestCase(" 90057")]
    public async Task AZipCodeIsFiveDigits(string zipCode)
    {
        var response = await _caseManager.PostJsonAsync("/v1/matches", Searching(Zip(zipCode, 5)));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "safety.unsafePlaces[0].zipCode");
    }

    [Test]
    public async Task APlaceIsAZipCodeOrCoordinatesNotBothNorNeither()
    {
        var both = Zip("90057", 5);
        both["latitude"] = WestlakeLatitude;
        both["longitude"] = WestlakeLongitude;
        await (await _caseManager.PostJsonAsync("/v1/matches", Searching(both))).ExpectProblemAsync(HttpStatusCode.BadRequest, "safety.unsafePlaces[0]");

        var neither = new JsonObject { ["radiusKm"] = 5 };
        var response = await _caseManager.PostJsonAsync("/v1/matches", Searching(neither));
        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "safety.unsafePlaces[0].latitude");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain("safety.unsafePlaces[0].longitude"));

        var halfPoint = new JsonObject { ["latitude"] = WestlakeLatitude, ["radiusKm"] = 5 };
        await (await _caseManager.PostJsonAsync("/v1/matches", Searching(halfPoint))).ExpectProblemAsync(HttpStatusCode.BadRequest, "safety.unsafePlaces[0].longitude");
    }

    [Test]
    public async Task AZipCodeFarFromEveryProgramProtectsNothingAndIsRefusedLikeAFarPoint()
    {
        // Crescent City, on the Oregon border: in California, about 1,000 km from these programs.
        var response = await _caseManager.PostJsonAsync("/v1/matches", Searching(Zip("95531", 5)));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "safety.unsafePlaces[0]");
        Assert.That((string?)problem["errors"]!["safety.unsafePlaces[0]"]![0], Does.Contain("km from the nearest program"));
    }

    [Test]
    public async Task AWatchKeepsTheZipCodeItWasGivenAndReadsItBack()
    {
        var body = new JsonObject
        {
            ["clientReference"] = "CM-ZIP-1",
            ["household"] = Household(Adult(30, "woman")),
            ["mode"] = "notify",
            ["safety"] = new JsonObject { ["unsafePlaces"] = new JsonArray(Zip("90057", 4)) },
        };
        var created = await (await _caseManager.PostJsonAsync("/v1/watches", body)).ExpectAsync(HttpStatusCode.Created);

        var read = await _caseManager.GetJsonAsync($"/v1/watches/{created.Id()}");
        var place = read["safety"]!["unsafePlaces"]![0]!;
        Assert.That((string?)place["zipCode"], Is.EqualTo("90057"));
        Assert.That(place["latitude"], Is.Null, "read back as given, so it can be sent again unchanged");
        Assert.That((double)place["radiusKm"]!, Is.EqualTo(4));
    }
}

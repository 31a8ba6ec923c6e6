using System.Globalization;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// Search results never carry a confidential program's address or exact location (VAWA,
/// FVPSA): only its region and its front-gate contact.
/// </summary>
public sealed class MatchConfidentialityTests(DatabaseEngine engine) : SeededCountyTest(engine)
{
    private const string HiddenAddress = "41 Quiet Court, Montebello, CA 90640";

    private static JsonObject SingleWoman(bool confidentialRequired = false) => Search(
        Household(Adult(27, "woman")).With("trafficking", "sex").With("hasId", false),
        safety: new JsonObject { ["confidentialRequired"] = confidentialRequired });

    private async Task<Guid> HiddenSafeHouseAsync()
    {
        var body = AdultShelter("Quiet Court Safe House", "spa-7", 34.0123, -118.1056);
        body["confidential"] = true;
        body["address"] = HiddenAddress;
        return await CreateOpenProgramAsync(body, OpenAdultBeds(2));
    }

    [Test]
    public async Task NoResultShowsAConfidentialAddressOrLocation()
    {
        var hidden = await HiddenSafeHouseAsync();
        var county = await AllProgramsAsync();
        var secrets = new List<(string Address, double Latitude, double Longitude)>();
        foreach (var program in county.Values.Where(p => (bool)p["confidential"]!))
        {
            var detail = await Admin.GetJsonAsync($"/v1/programs/{program.Id()}");
            secrets.Add(((string)detail["address"]!, (double)detail["location"]!["latitude"]!, (double)detail["location"]!["longitude"]!));
        }
        Assert.That(secrets, Has.Count.GreaterThan(5), "the county has confidential programs");

        var (outcome, text) = await CaseManager.MatchWithTextAsync(SingleWoman(), explain: true);

        var confidential = outcome.Matches().Where(m => (bool)m["program"]!["confidential"]!).ToList();
        Assert.That(confidential.Select(m => m.ProgramId()), Does.Contain(hidden));
        foreach (var match in confidential)
        {
            var program = match["program"]!.AsObject();
            Assert.That(program.ContainsKey("location"), Is.False, (string?)program["name"]);
            Assert.That((string?)program["region"], Is.Not.Null, "the approximate area is shown");
            Assert.That(program["intakeContact"]!["phone"], Is.Not.Null, "and the front gate");
            Assert.That(Strings(match["reasons"]), Has.None.Contains(" km "), "no distance that would help locate it");
        }
        Assert.That(PropertyNames(outcome), Has.None.EqualTo("address"), "no address field anywhere in the answer");
        foreach (var (address, latitude, longitude) in secrets)
        {
            Assert.That(text, Does.Not.Contain(address));
            Assert.That(text, Does.Not.Contain(Coordinates(latitude, longitude)));
        }
    }

    [Test]
    public async Task RequiringAConfidentialLocationOffersOnlyConfidentialPrograms()
    {
        var hidden = await HiddenSafeHouseAsync();
        var open = await CreateOpenProgramAsync(AdultShelter("Open Door Women's Shelter", "spa-7", 34.0123, -118.1056), OpenAdultBeds(2));

        var outcome = await CaseManager.MatchAsync(SingleWoman(confidentialRequired: true), explain: true);

        Assert.That(outcome.MatchFor(hidden), Is.Not.Null);
        Assert.That(outcome.Matches(), Has.All.Matches<JsonNode>(m => (bool)m["program"]!["confidential"]!));
        Assert.That(outcome.ExclusionCodes(open), Is.EqualTo(new[] { "not_confidential" }));
    }

    [Test]
    public async Task ATinyUnsafePlaceCannotPinpointAConfidentialProgram()
    {
        // Two confidential programs about 4.5 km apart in one approximate area, and two with a
        // public address at the same two spots.
        var hidden = await HiddenSafeHouseAsync();
        var hillside = AdultShelter("Hillside Safe House", "spa-7", 34.0431, -118.1389);
        hillside["confidential"] = true;
        var nearby = await CreateOpenProgramAsync(hillside, OpenAdultBeds(2));
        var open = await CreateOpenProgramAsync(AdultShelter("Open Door Women's Shelter", "spa-7", 34.0123, -118.1056), OpenAdultBeds(2));
        var openNearby = await CreateOpenProgramAsync(AdultShelter("Hillside Women's Shelter", "spa-7", 34.0431, -118.1389), OpenAdultBeds(2));
        var search = SingleWoman();
        search["safety"] = new JsonObject { ["unsafePlaces"] = new JsonArray(Place(34.0123, -118.1056, 0.2)) };

        var outcome = await CaseManager.MatchAsync(search, explain: true);

        Assert.That(outcome.ExclusionCodes(hidden), Is.EqualTo(new[] { "inside_unsafe_place" }));
        Assert.That(outcome.ExclusionCodes(nearby), Is.EqualTo(new[] { "inside_unsafe_place" }),
            "a 200 m circle tells a confidential program's spot no better than its area");
        Assert.That(outcome.ExclusionCodes(open), Is.EqualTo(new[] { "inside_unsafe_place" }));
        Assert.That(outcome.MatchFor(openNearby), Is.Not.Null, "a program with a public address is tested at its address");
    }

    private static string Coordinates(double latitude, double longitude) =>
        string.Create(CultureInfo.InvariantCulture, $"\"latitude\":{latitude},\"longitude\":{longitude}");

    private static IEnumerable<string> PropertyNames(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => PropertyNames(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(PropertyNames),
        _ => [],
    };
}

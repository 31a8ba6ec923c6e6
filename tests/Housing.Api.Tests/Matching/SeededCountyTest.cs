using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Auth;
using Housing.Api.Data;
using Housing.Api.Demo;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// A test app holding the fixed-seed demo county (about 150 programs in Los Angeles County),
/// a case manager of the demo agency, and a partner shelter of the test's own through which
/// a test adds the exact programs its assertions are about, so nothing rests on the county's luck.
/// </summary>
public abstract class SeededCountyTest(DatabaseEngine engine) : HousingTest(engine)
{
    private HttpClient? _caseManager;
    private Shelter? _partner;

    protected HttpClient CaseManager => _caseManager ?? throw new InvalidOperationException("Seeded in SetUp.");

    /// <summary>A provider organisation of the test's own, with a shelter key.</summary>
    protected Shelter Partner => _partner ?? throw new InvalidOperationException("Seeded in SetUp.");

    [SetUp]
    public async Task SeedCounty()
    {
        var seeded = await App.Services.GetRequiredService<DemoSeeder>().SeedAsync(serving: false, CancellationToken.None);
        Assert.That(seeded.Seeded?.Programs, Is.GreaterThan(100), "the demo county was seeded");
        _caseManager = App.Client(seeded.Keys.Single(k => k.Role == Role.CaseManager).Key);
        _partner = await App.NewShelterAsync("Test Partner Housing");
    }

    /// <summary>
    /// Creates a program of the partner's and posts its open capacity. Minimal on purpose:
    /// no curfew, no barriers, every field the test does not name left permissive.
    /// </summary>
    protected async Task<Guid> CreateOpenProgramAsync(JsonObject program, JsonObject availability)
    {
        var id = await Partner.Client.CreateProgramIdAsync(program);
        await (await Partner.Client.PostAvailabilityAsync(id, availability)).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    protected JsonObject ProgramBody(
        string name, string kind, string region, double latitude, double longitude, JsonArray inventory,
        JsonObject? eligibility = null, bool hudFunded = false, int? maxStayDays = null) => new()
        {
            ["organizationId"] = Partner.OrganizationId.ToString(),
            ["name"] = name,
            ["kind"] = kind,
            ["region"] = region,
            ["location"] = Bodies.Location(latitude, longitude),
            ["address"] = "100 Test Ave, Los Angeles, CA 90012",
            ["intakeContact"] = new JsonObject { ["phone"] = "(213) 555-0142" },
            ["hudFunded"] = hudFunded,
            ["maxStayDays"] = maxStayDays ?? (kind == "rapid_rehousing" ? 365 : null),
            ["inventory"] = inventory,
            ["eligibility"] = eligibility ?? new JsonObject(),
        };

    /// <summary>A family-only emergency shelter: <paramref name="units"/> family units of four beds.</summary>
    protected JsonObject FamilyShelter(string name, string region, double latitude, double longitude, JsonObject? eligibility = null, bool hudFunded = false, int units = 5) =>
        ProgramBody(name, "emergency", region, latitude, longitude,
            new JsonArray(Bodies.Beds("adults_with_children", beds: units * 4, units: units)), eligibility, hudFunded);

    /// <summary>An emergency shelter for adults without children.</summary>
    protected JsonObject AdultShelter(string name, string region, double latitude, double longitude, JsonObject? eligibility = null) =>
        ProgramBody(name, "emergency", region, latitude, longitude,
            new JsonArray(Bodies.Beds("adults_only", beds: 20, units: 20)), eligibility);

    protected static JsonObject OpenFamilyBeds(int beds, int units) => Bodies.Availability(Bodies.OpenBeds("adults_with_children", beds, units));

    protected static JsonObject OpenAdultBeds(int beds) => Bodies.Availability(Bodies.OpenBeds("adults_only", beds, beds));

    /// <summary>Every program as an admin lists it (with eligibility, never a confidential location), by id.</summary>
    protected async Task<Dictionary<Guid, JsonNode>> AllProgramsAsync()
    {
        var programs = new Dictionary<Guid, JsonNode>();
        string? after = null;
        do
        {
            var page = await Admin.GetJsonAsync($"/v1/programs?limit=200{(after is null ? "" : $"&after={after}")}");
            foreach (var item in page.Items()) programs[item.Id()] = item;
            after = (string?)page["next"];
        } while (after is not null);
        return programs;
    }

    /// <summary>Where a program really is: for a confidential one, only an admin's detail view says.</summary>
    protected async Task<(double Latitude, double Longitude)> TrueLocationAsync(Guid programId)
    {
        var detail = await Admin.GetJsonAsync($"/v1/programs/{programId}");
        return ((double)detail["location"]!["latitude"]!, (double)detail["location"]!["longitude"]!);
    }

    protected static IEnumerable<string> Strings(JsonNode? array) => array?.AsArray().Select(x => (string)x!) ?? [];
}

using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// A safety input the service cannot apply is refused, never ignored: an unsafe region no
/// program is in, a place on the wrong side of the planet, an organisation or program that
/// does not exist. Each would exclude nothing, and the answer would look as if it protected
/// the household.
/// </summary>
public sealed class SafetyInputTests(DatabaseEngine engine) : HousingTest(engine)
{
    private HttpClient _caseManager = null!;
    private Shelter _shelter = null!;
    private Guid _programId;

    [SetUp]
    public async Task TwoRegions()
    {
        _caseManager = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency"));
        _shelter = await App.NewShelterAsync();
        // Metro LA (34.06, -118.28) and South LA.
        _programId = await _shelter.Client.CreateProgramIdAsync(Bodies.Emergency(_shelter.OrganizationId, "Metro Shelter", "spa-4"));
        await _shelter.Client.CreateProgramIdAsync(Bodies.Transitional(_shelter.OrganizationId, "South Bridge", "spa-6"));
    }

    private static JsonObject WithSafety(JsonObject safety) => Search(Household(Adult(30, "woman")), safety: safety);

    private async Task<JsonNode> RefusedAsync(JsonObject safety, string field)
    {
        var response = await _caseManager.PostJsonAsync("/v1/matches", WithSafety(safety));
        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        return problem["errors"]![field]![0]!;
    }

    [TestCase("spa6", "Did you mean 'spa-6'?")]
    [TestCase("90011", "A ZIP code is not a region: give it as an unsafe place")]
    [TestCase("spa-9", "not the region of any program")]
    public async Task AnUnsafeRegionTheServiceDoesNotKnowIsRefusedWithTheKnownRegions(string region, string says)
    {
        var message = (string)(await RefusedAsync(new JsonObject { ["unsafeRegions"] = Array("spa-4", region) }, "safety.unsafeRegions[1]"))!;

        Assert.That(message, Does.Contain(says));
        Assert.That(message, Does.Contain("Known regions: spa-4, spa-6."));
    }

    [Test]
    public async Task AKnownUnsafeRegionIsTakenAndExcludesItsPrograms()
    {
        var outcome = await _caseManager.MatchAsync(WithSafety(new JsonObject { ["unsafeRegions"] = Array("spa-4") }), explain: true);

        Assert.That(outcome.ExclusionCodes(_programId), Does.Contain("unsafe_region"));
    }

    [Test]
    public async Task AnUnsafePlaceWithItsLongitudeMissingTheMinusSignIsRefused()
    {
        // The trafficker's home in South LA typed as 118.28 instead of -118.28: about 10,440 km away.
        var message = (string)(await RefusedAsync(new JsonObject { ["unsafePlaces"] = new JsonArray(Place(33.96, 118.28, 8)) }, "safety.unsafePlaces[0]"))!;

        Assert.That(message, Does.Contain("10,4").And.Contain("km from the nearest program").And.Contain("signs"));
    }

    [Test]
    public async Task AnUnsafePlaceWithinTheMarginOfAProgramIsTaken()
    {
        // About 90 km east of Metro LA, near Riverside: no program inside it, but close enough to be a real place.
        var response = await _caseManager.PostJsonAsync("/v1/matches", WithSafety(new JsonObject { ["unsafePlaces"] = new JsonArray(Place(34.0, -117.3, 5)) }));

        await response.ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task AnUnsafePlaceJustBeyondTheConfiguredMarginIsRefused()
    {
        // 1 km of radius, centred 113 km north of the Metro LA shelter: 112 km from it at the edge.
        var response = await _caseManager.PostJsonAsync("/v1/matches",
            WithSafety(new JsonObject { ["unsafePlaces"] = new JsonArray(Place(34.0612 + 1.0164, -118.2801, 1)) }));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "safety.unsafePlaces[0]");
    }

    [Test]
    public async Task AnUnsafeOrganisationThatDoesNotExistIsRefused()
    {
        var message = await RefusedAsync(new JsonObject { ["unsafeOrganizationIds"] = Array(Guid.NewGuid().ToString()) }, "safety.unsafeOrganizationIds[0]");

        Assert.That((string?)message, Does.Contain("No organisation has this id"));
    }

    [Test]
    public async Task AnUnsafeOrganisationThatRunsNoProgramYetIsTaken()
    {
        var other = await Admin.CreateOrganizationAsync("New Provider");

        var response = await _caseManager.PostJsonAsync("/v1/matches",
            WithSafety(new JsonObject { ["unsafeOrganizationIds"] = Array(other.ToString(), _shelter.OrganizationId.ToString()) }));

        await response.ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task AnUnsafeProgramThatDoesNotExistIsRefused()
    {
        await RefusedAsync(new JsonObject { ["unsafeProgramIds"] = Array(_programId.ToString(), Guid.NewGuid().ToString()) }, "safety.unsafeProgramIds[1]");
    }
}

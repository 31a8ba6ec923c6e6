using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// A bad search is a 400 problem naming the field, never a 500 or a guess; and only case
/// managers and admins may search. Runs without the demo county: validation comes first.
/// </summary>
public sealed class MatchRequestTests(DatabaseEngine engine) : HousingTest(engine)
{
    /// <summary>
    /// A valid search to spoil one field of: a mother, a son, an unsafe place. No unsafe region:
    /// with no programs the service knows no region (<see cref="SafetyInputTests"/>).
    /// </summary>
    private static JsonObject Valid() => Search(
        Household(Adult(29, "woman"), Child(9, "man")).With("languages", Array("es")),
        wants: new JsonObject { ["kinds"] = Array("emergency") },
        safety: new JsonObject { ["unsafePlaces"] = new JsonArray(Place(33.96, -118.28, 8)) },
        limit: 20);

    private static TestCaseData Case(string name, Action<JsonObject> spoil, string field) =>
        new TestCaseData(spoil, field).SetArgDisplayNames(name);

    private static JsonNode Members(JsonObject b) => b["household"]!["members"]!;

    private static JsonNode UnsafePlace(JsonObject b) => b["safety"]!["unsafePlaces"]![0]!;

    public static IEnumerable<TestCaseData> BadSearches()
    {
        yield return Case("no household", b => b.Remove("household"), "household");
        yield return Case("no members", b => b["household"]!["members"] = new JsonArray(), "household.members");
        yield return Case("members missing", b => b["household"]!.AsObject().Remove("members"), "household.members");
        yield return Case("negative age", b => Members(b)[1]!["age"] = -1, "household.members[1].age");
        yield return Case("adult aged 10", b => Members(b)[0]!["age"] = 10, "household.members[0].age");
        yield return Case("child aged 30", b => Members(b)[1]!["age"] = 30, "household.members[1].age");
        yield return Case("adult aged 121", b => Members(b)[0]!["age"] = 121, "household.members[0].age");
        yield return Case("member without a role", b => Members(b)[0]!.AsObject().Remove("role"), "household.members[0].role");
        yield return Case("member without an age", b => Members(b)[0]!.AsObject().Remove("age"), "household.members[0].age");
        yield return Case("more than 20 people", b => b["household"]!["members"] = new JsonArray(Enumerable.Range(0, 21).Select(_ => (JsonNode)Adult(30)).ToArray()), "household.members");
        yield return Case("gender listed twice", b => Members(b)[0]!["genders"] = Array("woman", "woman"), "household.members[0].genders");
        yield return Case("radius 0", b => UnsafePlace(b)["radiusKm"] = 0, "safety.unsafePlaces[0].radiusKm");
        yield return Case("negative radius", b => UnsafePlace(b)["radiusKm"] = -5, "safety.unsafePlaces[0].radiusKm");
        yield return Case("radius of a continent", b => UnsafePlace(b)["radiusKm"] = 5000, "safety.unsafePlaces[0].radiusKm");
        yield return Case("place without a radius", b => UnsafePlace(b).AsObject().Remove("radiusKm"), "safety.unsafePlaces[0].radiusKm");
        yield return Case("latitude 91", b => UnsafePlace(b)["latitude"] = 91, "safety.unsafePlaces[0].latitude");
        yield return Case("latitude -90.5", b => UnsafePlace(b)["latitude"] = -90.5, "safety.unsafePlaces[0].latitude");
        yield return Case("longitude 181", b => UnsafePlace(b)["longitude"] = 181, "safety.unsafePlaces[0].longitude");
        yield return Case("region with capitals", b => b["safety"]!["unsafeRegions"] = Array("SPA 6"), "safety.unsafeRegions[0]");
        yield return Case("unknown role elder", b => Members(b)[0]!["role"] = "elder", "household.members[0].role");
        yield return Case("unknown kind hotel", b => b["wants"]!["kinds"] = Array("hotel"), "wants.kinds[0]");
        yield return Case("unknown gender x", b => Members(b)[0]!["genders"] = Array("x"), "household.members[0].genders[0]");
        yield return Case("unknown trafficking type", b => b["household"]!["trafficking"] = "organ", "household.trafficking");
        yield return Case("unknown service", b => b["wants"]!["services"] = Array("massage"), "wants.services[0]");
        yield return Case("enum as a number", b => Members(b)[0]!["role"] = 0, "household.members[0].role");
        yield return Case("a name at the top", b => b["name"] = "Maria", "name");
        yield return Case("a name on the household", b => b["household"]!["name"] = "Maria", "household.name");
        yield return Case("a name on a member", b => Members(b)[0]!["name"] = "Maria", "household.members[0].name");
        yield return Case("a birth date on a member", b => Members(b)[0]!["birthDate"] = "1996-04-01", "household.members[0].birthDate");
        yield return Case("limit 0", b => b["limit"] = 0, "limit");
        yield return Case("limit 1000", b => b["limit"] = 1000, "limit");
        yield return Case("age as text", b => Members(b)[0]!["age"] = "29", "household.members[0].age");
        yield return Case("age with a fraction", b => Members(b)[0]!["age"] = 29.5, "household.members[0].age");
        yield return Case("latitude as text", b => UnsafePlace(b)["latitude"] = "33.96", "safety.unsafePlaces[0].latitude");
        yield return Case("members as an object", b => b["household"]!["members"] = new JsonObject(), "household.members");
        yield return Case("homeless category 5", b => b["household"]!["homelessCategory"] = 5, "household.homelessCategory");
        yield return Case("language that is not a code", b => b["household"]!["languages"] = Array("spanish"), "household.languages");
        yield return Case("stay of 0 days", b => b["wants"]!["expectedStayDays"] = 0, "wants.expectedStayDays");
        yield return Case("start date last year", b => b["wants"]!["earliestStart"] = "2025-01-01", "wants.earliestStart");
        yield return Case("unsafe organisation that is not an id", b => b["safety"]!["unsafeOrganizationIds"] = Array("harbor"), "safety.unsafeOrganizationIds[0]");
    }

    [TestCaseSource(nameof(BadSearches))]
    public async Task ABadSearchIsABadRequestNamingTheField(Action<JsonObject> spoil, string field)
    {
        var client = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency"));
        var body = Valid();
        spoil(body);

        var response = await client.PostJsonAsync("/v1/matches", body);

        var text = await response.Content.ReadAsStringAsync();
        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.That(text, Does.Not.Contain("Maria"), "the client's data is not echoed back");
    }

    [Test]
    public async Task EveryBadFieldIsNamedInOneAnswer()
    {
        var body = Valid();
        Members(body)[0]!["age"] = 10;
        Members(body)[1]!["age"] = 30;
        UnsafePlace(body)["radiusKm"] = 0;
        UnsafePlace(body)["latitude"] = 91;
        body["limit"] = 0;

        var response = await Admin.PostJsonAsync("/v1/matches", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorFields(), Is.EquivalentTo(new[]
        {
            "household.members[0].age", "household.members[1].age", "safety.unsafePlaces[0].radiusKm", "safety.unsafePlaces[0].latitude", "limit",
        }));
    }

    [Test]
    public async Task AnEmptyBodyIsABadRequest()
    {
        var response = await Admin.PostJsonAsync("/v1/matches", new JsonObject());

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "household");
    }

    [Test]
    public async Task AValidSearchOfAnEmptyCatalogFindsNothingAndSaysSo()
    {
        var client = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency"));

        var outcome = await client.MatchAsync(Valid());

        Assert.That(outcome.Matches(), Is.Empty);
        Assert.That((int)outcome["considered"]!, Is.EqualTo(0));
        Assert.That((string?)outcome["summary"], Is.EqualTo("No program can take the whole household now."));
    }

    [Test]
    public async Task AnAdminMaySearch()
    {
        await (await Admin.PostJsonAsync("/v1/matches", Valid())).ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task SearchingWithoutAKeyIsUnauthorized()
    {
        var response = await App.Client(null).PostJsonAsync("/v1/matches", Valid());

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AShelterMayNotSearch()
    {
        var shelter = await App.NewShelterAsync();

        var response = await shelter.Client.PostJsonAsync("/v1/matches", Valid());

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task AReporterMayNotSearch()
    {
        var reporter = await App.ClientForRoleAsync("reporter");

        var response = await reporter.PostJsonAsync("/v1/matches", Valid());

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}

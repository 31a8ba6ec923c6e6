using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Hostile;

/// <summary>What the hostile-input fuzzer found, one focused test each, so the fix stays fixed whatever the fuzzer's seed.</summary>
public sealed class FuzzFindingsTests(DatabaseEngine engine) : HousingTest(engine)
{
    [TestCase("PROVIDER", TestName = "{m}(in capitals)")]
    [TestCase("provider ", TestName = "{m}(with a trailing space)")]
    [TestCase(" provider", TestName = "{m}(with a leading space)")]
    [TestCase("provider, agency", TestName = "{m}(two names, which used to be ORed into provider_and_agency)")]
    [TestCase("agency,provider", TestName = "{m}(two names without a space)")]
    public async Task AnEnumValueThatIsNotExactlyOneOfItsNamesIsRefused(string type)
    {
        var body = Bodies.Organization("Loose Enum");
        body["type"] = type;

        var response = await Admin.PostJsonAsync("/v1/organizations", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "type");
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/malformed-request"));
        Assert.That((await Admin.GetJsonAsync("/v1/organizations")).Items(), Is.Empty, "nothing was stored");
    }

    [Test]
    public async Task AnEnumInsideAnArrayOfObjectsIsCheckedTooAndNamedByItsPosition()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["inventory"]![1]!["householdType"] = "adults_only, children_only";
        body["eligibility"]!["gendersServed"] = new JsonArray("woman", "Man");

        var response = await shelter.Client.PostJsonAsync("/v1/programs", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "inventory[1].householdType");
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);
    }

    [Test]
    public async Task ExactEnumNamesAreStillRead()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));

        var response = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2));

        await response.ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task AFieldNameInAnotherCaseIsAnUnknownField()
    {
        var body = Bodies.Organization("Capital Letters");
        body.Remove("name");
        body["Name"] = "Capital Letters";

        var response = await Admin.PostJsonAsync("/v1/organizations", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "Name");
        Assert.That((await Admin.GetJsonAsync("/v1/organizations")).Items(), Is.Empty);
    }

    [TestCase("latitude")]
    [TestCase("longitude")]
    public async Task AProgramLocationWithoutBothCoordinatesIsRefusedNotPlacedAtZero(string missing)
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["location"]!.AsObject().Remove(missing);

        var response = await shelter.Client.PostJsonAsync("/v1/programs", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "location." + missing);
        Assert.That(problem["errors"]!["location." + missing]![0]!.GetValue<string>(), Is.EqualTo("Required."));
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);
    }

    [TestCase("/v1/matches")]
    [TestCase("/v1/referrals")]
    public async Task ANullLanguageIsAValidationErrorNotAServerError(string url)
    {
        var agency = await Admin.CreateOrganizationAsync("Freedom Network", "agency");
        var caseManager = await App.ClientForRoleAsync("case_manager", agency);
        var shelter = await App.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var household = new JsonObject
        {
            ["members"] = new JsonArray(new JsonObject { ["role"] = "adult", ["age"] = 31, ["genders"] = new JsonArray("woman") }),
            ["languages"] = new JsonArray("es", null),
        };
        var body = url == "/v1/matches"
            ? new JsonObject { ["household"] = household }
            : new JsonObject { ["programIds"] = new JsonArray(program.ToString()), ["clientReference"] = "NULL-1", ["household"] = household };

        var response = await caseManager.PostJsonAsync(url, body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "household.languages");
    }

    [Test]
    public async Task ABodyThatIsNotJsonIsStillReportedByTheBinderAfterTheEnumCheck()
    {
        var response = await Admin.PostAsync("/v1/organizations", new StringContent("{\"type\": \"provider\",", Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/malformed-request"));
    }

    [Test]
    public async Task AnEnumValueOfInvalidUtf8IsRefusedNotAServerError()
    {
        var json = Encoding.UTF8.GetBytes("{\"name\":\"Bad Bytes\",\"type\":\"prov\u0001der\",\"region\":\"spa-4\"}");
        json[Array.IndexOf(json, (byte)1)] = 0xFF; // a byte that is never UTF-8
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await Admin.PostAsync("/v1/organizations", content);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/malformed-request"));
        Assert.That((await Admin.GetJsonAsync("/v1/organizations")).Items(), Is.Empty, "nothing was stored");
    }

    [TestCase(@"\udc00", TestName = "{m}(a lone low surrogate)")]
    [TestCase(@"\udc00\ud800", TestName = "{m}(surrogates in the wrong order)")]
    [TestCase(@"prov\ud800der", TestName = "{m}(a lone high surrogate)")]
    [TestCase(@"\ud800\ud800", TestName = "{m}(two high surrogates)")]
    public async Task AnEnumValueEscapingAnUnpairedSurrogateIsRefusedNotAServerError(string escaped)
    {
        // Valid JSON, but no text: comparing it with the names unescaped it, and that threw. Found
        // once the fuzzer sent its strings that are not text to enum fields too.
        var content = new StringContent($"{{\"name\":\"Bad Escapes\",\"type\":\"{escaped}\",\"region\":\"spa-4\"}}", Encoding.UTF8, "application/json");

        var response = await Admin.PostAsync("/v1/organizations", content);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/malformed-request"));
        Assert.That((await Admin.GetJsonAsync("/v1/organizations")).Items(), Is.Empty, "nothing was stored");
    }

    [TestCase("spa-4%00", TestName = "{m}(a NUL)")]
    [TestCase("a%00b", TestName = "{m}(a NUL inside)")]
    [TestCase("spa-4%1B", TestName = "{m}(an escape)")]
    public async Task AProgramListFilteredByARegionWithAControlCharacterIsRefusedNotAServerError(string region)
    {
        // PostgreSQL refuses a NUL in any text parameter (SQLite simply matched nothing): found by the fuzzer on PostgreSQL.
        var response = await Admin.GetAsync($"/v1/programs?region={region}");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "region");
        Assert.That(problem["errors"]!["region"]![0]!.GetValue<string>(), Is.EqualTo("Must not contain control characters."));
    }

    [TestCase("a\u0000b", TestName = "{m}(a NUL)")]
    [TestCase("key\u0007", TestName = "{m}(a bell)")]
    public async Task AReferralWhoseIdempotencyKeyHasAControlCharacterIsRefusedAndHoldsNothing(string escaped)
    {
        // PostgreSQL refuses a NUL in any text parameter (SQLite stored it): found by the fuzzer on PostgreSQL.
        var key = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var agency = await Admin.CreateOrganizationAsync("Freedom Network", "agency");
        var caseManager = await App.ClientForRoleAsync("case_manager", agency);
        var shelter = await App.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(3, 0))).ExpectAsync(HttpStatusCode.OK);
        var body = new JsonObject
        {
            ["programIds"] = new JsonArray(program.ToString()),
            ["clientReference"] = "NUL-1",
            ["household"] = new JsonObject { ["members"] = new JsonArray(new JsonObject { ["role"] = "adult", ["age"] = 31, ["genders"] = new JsonArray("woman") }) },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/referrals") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        Assert.That(request.Headers.TryAddWithoutValidation("Idempotency-Key", key), Is.True);

        var response = await caseManager.SendAsync(request);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
        Assert.That(problem["errors"]!["Idempotency-Key"]![0]!.GetValue<string>(), Is.EqualTo("Must not contain control characters."));
        var adults = (await Admin.GetJsonAsync($"/v1/programs/{program}/availability"))["counts"]!.AsArray()
            .Single(c => (string?)c!["householdType"] == "adults_only")!;
        Assert.That((int?)adults["held"], Is.Zero, "nothing was held");
    }
}

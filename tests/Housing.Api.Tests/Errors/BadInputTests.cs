using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Errors;

/// <summary>
/// Every class of bad input gets a problem that names the field (or 413/415), never a 500,
/// a hang or a partial write: after each rejection, the stored state is what it was.
/// </summary>
public class BadInputTests(DatabaseEngine engine) : HousingTest(engine)
{
    public static IEnumerable<TestCaseData> InvalidPrograms()
    {
        yield return Emergency("string for a number", b => b["inventory"]![0]!["beds"] = "20", "inventory[0].beds");
        yield return Emergency("number too large for its type", b => b["inventory"]![0]!["beds"] = JsonNode.Parse("1e20"), "inventory[0].beds");
        yield return Emergency("unknown kind", b => b["kind"] = "bogus", "kind");
        yield return Emergency("kind as an integer", b => b["kind"] = 0, "kind");
        yield return Emergency("unknown household type", b => b["inventory"]![0]!["householdType"] = "two", "inventory[0].householdType");
        yield return Emergency("household type as its HUD number", b => b["inventory"]![0]!["householdType"] = 1, "inventory[0].householdType");
        yield return Emergency("unknown service", b => b["services"] = new JsonArray("massage"), "services[0]");
        yield return Emergency("unknown field", b => b["colour"] = "blue", "colour");
        yield return Emergency("unknown nested field", b => b["eligibility"]!["colour"] = "blue", "eligibility.colour");
        yield return Emergency("null for a list", b => b["eligibility"]!["gendersServed"] = null, "eligibility.gendersServed");
        yield return Emergency("negative beds", b => b["inventory"]![0]!["beds"] = -1, "inventory[0].beds");
        yield return Emergency("absurd beds", b => b["inventory"]![0]!["beds"] = 1_000_000, "inventory[0].beds");
        yield return Emergency("no beds", b => b["inventory"]![0]!["beds"] = 0, "inventory[0].beds");
        yield return Emergency("more units than beds", b => b["inventory"]![1]!["units"] = 13, "inventory[1].units");
        yield return Emergency("slots in a shelter", b => b["inventory"]![0]!["slots"] = 3, "inventory[0].slots");
        yield return Emergency("no inventory", b => b["inventory"] = new JsonArray(), "inventory");
        yield return Emergency("inventory without a start date", b => b["inventory"]![0]!.AsObject().Remove("startDate"), "inventory[0].startDate");
        yield return Emergency("end date before start date", b => b["inventory"]![0]!["endDate"] = "2024-12-31", "inventory[0].endDate");
        yield return Emergency("date in the wrong format", b => b["inventory"]![0]!["startDate"] = "01/01/2025", "inventory[0].startDate");
        yield return Emergency("latitude 91", b => b["location"]!["latitude"] = 91, "location.latitude");
        yield return Emergency("longitude -181", b => b["location"]!["longitude"] = -181, "location.longitude");
        yield return Emergency("region with spaces and capitals", b => b["region"] = "SPA 4", "region");
        yield return Emergency("emergency with HUD type 2", b => b["hudProjectType"] = 2, "hudProjectType");
        yield return Emergency("stay of 0 days", b => b["maxStayDays"] = 0, "maxStayDays");
        yield return Emergency("stay of 100000 days", b => b["maxStayDays"] = 100_000, "maxStayDays");
        yield return Emergency("name too long", b => b["name"] = new string('n', 201), "name");
        yield return Emergency("blank name", b => b["name"] = "   ", "name");
        yield return Emergency("name with control characters", b => b["name"] = "Harbor\u0000House", "name");
        yield return Emergency("intake without phone or email", b => b["intakeContact"] = new JsonObject { ["hours"] = "24/7" }, "intakeContact");
        yield return Emergency("intake email that is not one", b => b["intakeContact"]!["email"] = "nobody", "intakeContact.email");
        yield return Emergency("language that is not a code", b => b["eligibility"]!["languages"] = new JsonArray("english"), "eligibility.languages");
        yield return Emergency("curfew 25:00", b => b["eligibility"]!["curfew"] = "25:00", "eligibility.curfew");
        yield return Emergency("curfew without a colon", b => b["eligibility"]!["curfew"] = "2200", "eligibility.curfew");
        yield return Emergency("adult age range upside down", b => { b["eligibility"]!["minAdultAge"] = 30; b["eligibility"]!["maxAdultAge"] = 25; }, "eligibility.maxAdultAge");
        yield return Emergency("boy age limit of an adult", b => b["eligibility"]!["maxBoyAge"] = 18, "eligibility.maxBoyAge");
        yield return Emergency("homeless category 5", b => b["eligibility"]!["homelessCategories"] = new JsonArray(5), "eligibility.homelessCategories");
        yield return Emergency("gender listed twice", b => b["eligibility"]!["gendersServed"] = new JsonArray("woman", "woman"), "eligibility.gendersServed");
        yield return Program("transitional with HUD type 1", org => Bodies.Transitional(org), b => b["hudProjectType"] = 1, "hudProjectType");
        yield return Program("transitional with an availability code", org => Bodies.Transitional(org), b => b["inventory"]![0]!["availability"] = "seasonal", "inventory[0].availability");
        yield return Program("rapid rehousing without maxStayDays", org => Bodies.RapidRehousing(org), b => b.Remove("maxStayDays"), "maxStayDays");
        yield return Program("rapid rehousing with beds instead of slots", org => Bodies.RapidRehousing(org), b => b["inventory"]![0] = Bodies.Beds("adults_only", beds: 10, units: 0), "inventory[0].beds");
    }

    [TestCaseSource(nameof(InvalidPrograms))]
    public async Task InvalidProgramIsRejectedAndNothingIsStored(Func<Guid, JsonObject> body, string field)
    {
        var shelter = await App.NewShelterAsync();
        var existing = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Existing"));

        var create = await shelter.Client.PostJsonAsync("/v1/programs", body(shelter.OrganizationId));
        var update = await shelter.Client.PutJsonAsync($"/v1/programs/{existing}", body(shelter.OrganizationId), "\"1\"");

        await create.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        await update.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        await AssertOnlyTheExistingProgramAsync(existing);
    }

    [Test]
    public async Task EveryMissingRequiredFieldIsReported()
    {
        var shelter = await App.NewShelterAsync();

        var response = await shelter.Client.PostJsonAsync("/v1/programs", new JsonObject());

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest,
            "organizationId", "name", "kind", "region", "location", "intakeContact", "inventory");
        Assert.That(problem["errors"]!["name"]!.AsArray().Select(m => (string?)m), Is.EqualTo(new[] { "Required." }));
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);
    }

    [Test]
    public async Task EveryInvalidInventoryRecordIsReportedByPosition()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["inventory"]![0]!["beds"] = -5;
        body["inventory"]![1]!.AsObject().Remove("householdType");

        var response = await shelter.Client.PostJsonAsync("/v1/programs", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "inventory[0].beds", "inventory[1].householdType");
    }

    [TestCase("{\"name\": ", TestName = "{m}(truncated)")]
    [TestCase("{\"name\": \"Harbor\",}", TestName = "{m}(trailing comma)")]
    [TestCase("hello", TestName = "{m}(not JSON)")]
    [TestCase("[]", TestName = "{m}(an array)")]
    [TestCase("\"text\"", TestName = "{m}(a string)")]
    [TestCase("{\"name\": \"A\", \"name\": \"B\"}", TestName = "{m}(duplicate field)")]
    [TestCase("", TestName = "{m}(empty)")]
    [TestCase("null", TestName = "{m}(null)")]
    public async Task BodyThatIsNotAProgramObjectIsAMalformedRequest(string text)
    {
        var shelter = await App.NewShelterAsync();

        var response = await shelter.Client.PostAsync("/v1/programs", new StringContent(text, Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/malformed-request"));
        Assert.That(problem.ErrorFields(), Is.Not.Empty);
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);
    }

    [Test]
    public async Task DeeplyNestedJsonIsRejected()
    {
        var shelter = await App.NewShelterAsync();
        var text = "{\"eligibility\":" + new string('[', 100) + new string(']', 100) + "}";

        var response = await shelter.Client.PostAsync("/v1/programs", new StringContent(text, Encoding.UTF8, "application/json"));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);
    }

    public static IEnumerable<TestCaseData> InvalidAvailability()
    {
        yield return Post("more open beds than beds", Bodies.OpenBeds(21, 0), "counts[0].beds");
        yield return Post("negative open beds", Bodies.OpenBeds(-1, 0), "counts[0].beds");
        yield return Post("absurd open beds", Bodies.OpenBeds(1_000_000, 0), "counts[0].beds");
        yield return Post("more open units than open beds", Bodies.Availability(Bodies.OpenBeds("adults_only", 2), Bodies.OpenBeds("adults_with_children", 1, units: 2)), "counts[1].units");
        yield return Post("more open units than units", Bodies.Availability(Bodies.OpenBeds("adults_only", 2), Bodies.OpenBeds("adults_with_children", 12, units: 5)), "counts[1].units");
        yield return Post("a household type without inventory", Bodies.Availability(Bodies.OpenBeds("adults_only", 2), Bodies.OpenBeds("adults_with_children", 1), Bodies.OpenBeds("children_only", 1)), "counts[2].householdType");
        yield return Post("a household type missing", Bodies.Availability(Bodies.OpenBeds("adults_only", 2)), "counts");
        yield return Post("a household type twice", Bodies.Availability(Bodies.OpenBeds("adults_only", 2), Bodies.OpenBeds("adults_only", 3)), "counts[1].householdType");
        yield return Post("no counts", Bodies.Availability(), "counts");
        yield return Post("no body fields", new JsonObject(), "counts");
        yield return Post("open beds left out", Bodies.Availability(new JsonObject { ["householdType"] = "adults_only" }, Bodies.OpenBeds("adults_with_children", 1)), "counts[0].beds");
        yield return Post("slots in a shelter", Bodies.Availability(Bodies.OpenSlots("adults_only", 2), Bodies.OpenBeds("adults_with_children", 1)), "counts[0].slots");
        yield return Post("string for a number", Bodies.Availability(new JsonObject { ["householdType"] = "adults_only", ["beds"] = "3" }), "counts[0].beds");
        yield return Post("unknown household type", Bodies.Availability(new JsonObject { ["householdType"] = "two", ["beds"] = 3 }), "counts[0].householdType");
        yield return Post("unknown field", Bodies.Availability(new JsonObject { ["householdType"] = "adults_only", ["beds"] = 3, ["open"] = 3 }), "counts[0].open");
    }

    [TestCaseSource(nameof(InvalidAvailability))]
    public async Task InvalidAvailabilityIsRejectedAndNoSnapshotIsStored(JsonObject body, string field)
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var first = await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2))).ExpectAsync(HttpStatusCode.OK);

        var response = await shelter.Client.PostAvailabilityAsync(id, body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        var latest = await shelter.Client.GetJsonAsync($"/v1/programs/{id}/availability");
        Assert.That(latest.ToJsonString(), Is.EqualTo(first.ToJsonString()));
    }

    [Test]
    public async Task RapidRehousingAvailabilityMustBeInSlots()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.RapidRehousing(shelter.OrganizationId));

        var beds = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(2, 1));
        var tooMany = await shelter.Client.PostAvailabilityAsync(id, Bodies.Availability(
            Bodies.OpenSlots("adults_only", 16), Bodies.OpenSlots("adults_with_children", 1)));

        await beds.ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[0].slots", "counts[0].beds");
        await tooMany.ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[0].slots");
        Assert.That((string?)(await shelter.Client.GetJsonAsync($"/v1/programs/{id}/availability"))["freshness"], Is.EqualTo("unknown"));
    }

    [TestCase("/v1/programs?limit=0", "limit")]
    [TestCase("/v1/programs?limit=201", "limit")]
    [TestCase("/v1/programs?limit=abc", "limit")]
    [TestCase("/v1/programs?kind=abc", "kind")]
    [TestCase("/v1/programs?after=abc", "after")]
    [TestCase("/v1/programs?organizationId=42", "organizationId")]
    [TestCase("/v1/organizations?after=abc", "after")]
    [TestCase("/v1/audit?limit=many", "limit")]
    [TestCase("/v1/audit?after=x", "after")]
    [TestCase("/v1/availability?limit=0", "limit")]
    [TestCase("/v1/availability?kind=Emergency", "kind")]
    [TestCase("/v1/availability?householdType=two", "householdType")]
    [TestCase("/v1/availability?householdType=1", "householdType")]
    [TestCase("/v1/availability?minOpen=-1", "minOpen")]
    [TestCase("/v1/availability?minOpen=many", "minOpen")]
    [TestCase("/v1/organizations?type=shelter", "type")]
    [TestCase("/v1/organizations?limit=1000", "limit")]
    public async Task InvalidQueryIsRejectedWithTheParameterNamed(string url, string parameter)
    {
        var response = await Admin.GetAsync(url);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, parameter);
    }

    [Test]
    public async Task BodyOverTheLimitWithAContentLengthIsTooLarge()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["name"] = new string('n', 70_000);
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

        var response = await shelter.Client.PostAsync("/v1/programs", content);

        Assert.That(content.Headers.ContentLength, Is.GreaterThan(64 * 1024));
        var problem = await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/body-too-large"));
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);
    }

    [Test]
    public async Task ChunkedBodyOverTheLimitIsTooLarge()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Existing"));
        var body = Bodies.Emergency(shelter.OrganizationId, "Renamed");
        body["intakeContact"]!["hours"] = new string('h', 70_000);
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(body.ToJsonString())));
        content.Headers.ContentType = new("application/json");

        var response = await shelter.Client.PutAsync($"/v1/programs/{id}", content);

        Assert.That(content.Headers.ContentLength, Is.Null, "sent without a Content-Length");
        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertOnlyTheExistingProgramAsync(id);
    }

    [Test]
    public async Task BodyJustUnderTheLimitIsRead()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["name"] = new string('n', 60_000);

        var response = await shelter.Client.PostJsonAsync("/v1/programs", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "name");
    }

    [TestCase("text/plain")]
    [TestCase("application/xml")]
    [TestCase(null)]
    public async Task BodyThatIsNotJsonIsAnUnsupportedMediaType(string? contentType)
    {
        var shelter = await App.NewShelterAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Bodies.Emergency(shelter.OrganizationId).ToJsonString()));
        if (contentType is not null) content.Headers.ContentType = new(contentType);

        var response = await shelter.Client.PostAsync("/v1/programs", content);

        await response.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);
    }

    [TestCase("1")]
    [TestCase("\"1")]
    [TestCase("\"1\"\"2\"")]
    public async Task MalformedIfMatchIsRejected(string ifMatch)
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Existing"));

        var program = await shelter.Client.PutJsonAsync($"/v1/programs/{id}", Bodies.Emergency(shelter.OrganizationId, "Renamed"), ifMatch);
        var availability = await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2), ifMatch);

        await program.ExpectProblemAsync(HttpStatusCode.BadRequest, "If-Match");
        await availability.ExpectProblemAsync(HttpStatusCode.BadRequest, "If-Match");
        await AssertOnlyTheExistingProgramAsync(id);
        Assert.That((string?)(await shelter.Client.GetJsonAsync($"/v1/programs/{id}/availability"))["freshness"], Is.EqualTo("unknown"));
    }

    [Test]
    public async Task IdThatIsNotAGuidIsNotFound()
    {
        var response = await Admin.GetAsync("/v1/programs/not-a-guid");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task AssertOnlyTheExistingProgramAsync(Guid id)
    {
        var programs = (await Admin.GetJsonAsync("/v1/programs")).Items();
        Assert.That(programs.Select(p => p.Id()), Is.EqualTo(new[] { id }));
        Assert.That((int?)programs[0]["version"], Is.EqualTo(1));
        Assert.That((string?)programs[0]["name"], Is.EqualTo("Existing"));
    }

    private static TestCaseData Emergency(string name, Action<JsonObject> change, string field) =>
        Program(name, org => Bodies.Emergency(org), change, field);

    private static TestCaseData Program(string name, Func<Guid, JsonObject> valid, Action<JsonObject> change, string field) =>
        new TestCaseData(new Func<Guid, JsonObject>(org =>
        {
            var body = valid(org);
            change(body);
            return body;
        }), field).SetArgDisplayNames(name);

    private static TestCaseData Post(string name, JsonObject body, string field) =>
        new TestCaseData(body, field).SetArgDisplayNames(name);

    /// <summary>A body whose length the client cannot know, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}

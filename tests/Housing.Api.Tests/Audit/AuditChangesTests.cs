using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Audit;

/// <summary>An admin sees which fields a program's update changed, by name, and never a value.</summary>
public sealed class AuditChangesTests(DatabaseEngine engine) : HousingTest(engine)
{
    private const string NewAddress = "4471 Quiet Harbor Way, Torrance, CA 90503";

    [Test]
    public async Task AShelterUpdateIsAuditedWithTheNamesOfTheFieldsItChangedAndNoValue()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.ConfidentialEmergency(shelter.OrganizationId);
        var id = await shelter.Client.CreateProgramIdAsync(body);
        var etag = (await shelter.Client.GetAsync($"/v1/programs/{id}")).ETag();
        body["address"] = NewAddress;
        body["intakeContact"]!["hours"] = "8:00 to 20:00";
        body["eligibility"]!["maxChildAge"] = 12;
        body["inventory"]![0]!["beds"] = 18;

        await (await shelter.Client.PutJsonAsync($"/v1/programs/{id}", body, etag)).ExpectAsync(HttpStatusCode.OK);

        var response = await Admin.GetAsync($"/v1/audit?entityType=program&entityId={id}");
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        var entries = page.Items();
        Assert.That(entries.Select(e => (string?)e["action"]), Is.EqualTo(new[] { "program.created", "program.updated" }));
        Assert.That(entries[0]["changes"], Is.Null, "a creation names no changes");
        Assert.That(entries[1]["changes"]!.AsArray().Select(c => (string?)c),
            Is.EqualTo(new[] { "address", "intakeContact.hours", "inventory", "eligibility.maxChildAge" }));
        var text = page.ToJsonString();
        Assert.That(text, Does.Not.Contain("Quiet Harbor").And.Not.Contain(Bodies.ConfidentialAddress).And.Not.Contain("8:00 to 20:00"));
    }

    [Test]
    public async Task AnUpdateThatChangesNothingLeavesNoEntry()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        var id = await shelter.Client.CreateProgramIdAsync(body);

        await (await shelter.Client.PutJsonAsync($"/v1/programs/{id}", body)).ExpectAsync(HttpStatusCode.OK);

        var entries = (await Admin.GetJsonAsync($"/v1/audit?entityType=program&entityId={id}")).Items();
        Assert.That(entries.Select(e => (string?)e["action"]), Is.EqualTo(new[] { "program.created" }));
    }

    [Test]
    public async Task TheLogFiltersByATimeRange()
    {
        var first = await Admin.CreateOrganizationAsync("Early Agency", "agency");
        App.Clock.Advance(TimeSpan.FromHours(2));
        var middle = App.Clock.GetUtcNow();
        var second = await Admin.CreateOrganizationAsync("Late Agency", "agency");

        var since = Uri.EscapeDataString(middle.ToString("O"));
        var late = (await Admin.GetJsonAsync($"/v1/audit?entityType=organization&since={since}")).Items();
        var early = (await Admin.GetJsonAsync($"/v1/audit?entityType=organization&before={since}")).Items();

        Assert.That(late.Select(e => (string?)e["entityId"]), Is.EqualTo(new[] { second.ToString() }));
        Assert.That(early.Select(e => (string?)e["entityId"]), Is.EqualTo(new[] { first.ToString() }));
        var problem = await (await Admin.GetAsync($"/v1/audit?since={since}&before={since}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "before");
        Assert.That((string?)problem["errors"]!["before"]![0], Is.EqualTo("Must be later than since."));
        await (await Admin.GetAsync("/v1/audit?since=yesterday")).ExpectProblemAsync(HttpStatusCode.BadRequest, "since");
    }
}

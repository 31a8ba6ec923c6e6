using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Organizations;

/// <summary>GET and PUT /v1/organizations/{id}/partners: who may, and what a partner must be.</summary>
public sealed class PartnersApiTests(DatabaseEngine engine) : PartnerTest(engine)
{
    [Test]
    public async Task AShelterSetsAndReadsItsOwnPartnersInIdOrderAndTheChangeIsAudited()
    {
        var shelter = await App.NewShelterAsync();
        var a = await Admin.CreateOrganizationAsync("Agency A", "agency");
        var b = await Admin.CreateOrganizationAsync("Agency B", "provider_and_agency");

        var set = await (await PutPartnersAsync(shelter.Client, shelter.OrganizationId, PartnersBody(b, a))).ExpectAsync(HttpStatusCode.OK);
        var read = await shelter.Client.GetJsonAsync($"/v1/organizations/{shelter.OrganizationId}/partners");

        var expected = ApiCalls.InIdOrder([a, b]);
        Assert.That(set.Id("organizationId"), Is.EqualTo(shelter.OrganizationId));
        Assert.That(set["agencyIds"]!.AsArray().Select(i => Guid.Parse((string)i!)), Is.EqualTo(expected));
        Assert.That(read["agencyIds"]!.AsArray().Select(i => Guid.Parse((string)i!)), Is.EqualTo(expected));
        var audit = await Admin.GetJsonAsync($"/v1/audit?entityType=organization&entityId={shelter.OrganizationId}&action=organization.partners_set");
        Assert.That(audit.Items(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnEmptyListRemovesEveryPartner()
    {
        var shelter = await App.NewShelterAsync();
        var a = await Admin.CreateOrganizationAsync("Agency A", "agency");
        await SetPartnersAsync(Admin, shelter.OrganizationId, a);

        await SetPartnersAsync(shelter.Client, shelter.OrganizationId);

        var read = await Admin.GetJsonAsync($"/v1/organizations/{shelter.OrganizationId}/partners");
        Assert.That(read["agencyIds"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task AnotherOrganisationsShelterKeyGetsNotFoundAndChangesNothing()
    {
        var shelter = await App.NewShelterAsync("Harbor House");
        var other = await App.NewShelterAsync("Other House");
        var a = await Admin.CreateOrganizationAsync("Agency A", "agency");
        await SetPartnersAsync(shelter.Client, shelter.OrganizationId, a);

        await (await PutPartnersAsync(other.Client, shelter.OrganizationId, PartnersBody())).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.GetAsync($"/v1/organizations/{shelter.OrganizationId}/partners")).ExpectProblemAsync(HttpStatusCode.NotFound);

        var read = await Admin.GetJsonAsync($"/v1/organizations/{shelter.OrganizationId}/partners");
        Assert.That(read["agencyIds"]!.AsArray().Select(i => Guid.Parse((string)i!)), Is.EqualTo(new[] { a }));
    }

    [Test]
    public async Task ACaseManagerMayNotSetPartners()
    {
        var shelter = await App.NewShelterAsync();
        var agency = await NewAgencyAsync();

        var response = await PutPartnersAsync(agency.CaseManager, shelter.OrganizationId, PartnersBody(agency.Id));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task AnUnknownOrganisationIsNotFound()
    {
        var response = await PutPartnersAsync(Admin, Guid.NewGuid(), PartnersBody());

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task APartnerThatIsNoAgencyIsRefusedByItsPosition()
    {
        var shelter = await App.NewShelterAsync();
        var agency = await Admin.CreateOrganizationAsync("Agency A", "agency");
        var provider = await Admin.CreateOrganizationAsync("Another Provider", "provider");

        var response = await PutPartnersAsync(shelter.Client, shelter.OrganizationId, PartnersBody(agency, Guid.NewGuid(), provider));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "agencyIds[1]", "agencyIds[2]");
        Assert.That(problem.ErrorFields(), Has.No.Member("agencyIds[0]"));
        var read = await Admin.GetJsonAsync($"/v1/organizations/{shelter.OrganizationId}/partners");
        Assert.That(read["agencyIds"]!.AsArray(), Is.Empty, "nothing was set");
    }

    [TestCase("{}", "agencyIds")]
    [TestCase("""{"agencyIds": null}""", "agencyIds")]
    [TestCase("""{"agencyIds": ["not-a-guid"]}""", "agencyIds[0]")]
    [TestCase("""{"agencyIds": "a"}""", "agencyIds")]
    public async Task AMalformedListIsABadRequestNamingTheField(string json, string field)
    {
        var shelter = await App.NewShelterAsync();

        var response = await PutPartnersAsync(shelter.Client, shelter.OrganizationId, JsonNode.Parse(json)!.AsObject());

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task AReplacementBuiltOnAListThatHasSinceChangedIsRefusedWithItsCurrentVersion()
    {
        var shelter = await App.NewShelterAsync();
        var a = await Admin.CreateOrganizationAsync("Agency A", "agency");
        var b = await Admin.CreateOrganizationAsync("Agency B", "agency");
        var read = await shelter.Client.GetAsync($"/v1/organizations/{shelter.OrganizationId}/partners");
        var etag = read.ETag();
        Assert.That(etag, Is.Not.Null);
        var first = await PutPartnersAsync(Admin, shelter.OrganizationId, PartnersBody(a));
        await first.ExpectAsync(HttpStatusCode.OK);

        var stale = await shelter.Client.PutJsonAsync($"/v1/organizations/{shelter.OrganizationId}/partners", PartnersBody(b), etag);

        await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(stale.ETag(), Is.EqualTo(first.ETag()));
        var current = await shelter.Client.PutJsonAsync($"/v1/organizations/{shelter.OrganizationId}/partners", PartnersBody(a, b), first.ETag());
        await current.ExpectAsync(HttpStatusCode.OK);
        Assert.That(current.ETag(), Is.Not.EqualTo(first.ETag()));
    }

    [Test]
    public async Task TheSameAgencyTwiceIsABadRequest()
    {
        var shelter = await App.NewShelterAsync();
        var a = await Admin.CreateOrganizationAsync("Agency A", "agency");

        var response = await PutPartnersAsync(shelter.Client, shelter.OrganizationId, PartnersBody(a, a));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "agencyIds");
    }
}

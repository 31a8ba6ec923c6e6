using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Organizations;

public class OrganizationsTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task AdminOnboardsAnOrganisationAndReadsItBack()
    {
        var response = await Admin.PostJsonAsync("/v1/organizations", Bodies.Organization("Harbor House", "provider_and_agency"));
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/organizations/{created.Id()}"));
        Assert.That((string?)created["name"], Is.EqualTo("Harbor House"));
        Assert.That((string?)created["type"], Is.EqualTo("provider_and_agency"));
        Assert.That((string?)created["region"], Is.EqualTo("spa-4"));
        Assert.That((string?)created["email"], Is.EqualTo("intake@example.org"));
        Assert.That(DateTimeOffset.Parse((string)created["createdAt"]!), Is.EqualTo(HousingApp.Start));

        var read = await Admin.GetJsonAsync($"/v1/organizations/{created.Id()}");
        Assert.That(read.ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [Test]
    public async Task OrganisationsAreListedInPagesAndFilteredByType()
    {
        var ids = new List<Guid>();
        foreach (var name in new[] { "Alpha", "Beta", "Gamma" }) ids.Add(await Admin.CreateOrganizationAsync(name));
        var agency = await Admin.CreateOrganizationAsync("Coalition Hotline", "agency");

        ids.Add(agency);
        var inIdOrder = ApiCalls.InIdOrder(ids);

        var first = await Admin.GetJsonAsync("/v1/organizations?limit=2");
        var second = await Admin.GetJsonAsync($"/v1/organizations?limit=2&after={first["next"]}");
        var agencies = await Admin.GetJsonAsync("/v1/organizations?type=agency");

        Assert.That(first.Items().Select(o => o.Id()), Is.EqualTo(inIdOrder.Take(2)));
        Assert.That(first.Id("next"), Is.EqualTo(inIdOrder[1]));
        Assert.That(second.Items().Select(o => o.Id()), Is.EqualTo(inIdOrder.Skip(2)));
        Assert.That(second["next"], Is.Null);
        Assert.That(agencies.Items().Select(o => o.Id()), Is.EqualTo(new[] { agency }));
    }

    [Test]
    public async Task ShelterSeesOnlyItsOwnOrganisation()
    {
        var shelter = await App.NewShelterAsync("Harbor House");
        var other = await Admin.CreateOrganizationAsync("Other Shelter");

        var list = await shelter.Client.GetJsonAsync("/v1/organizations");
        var own = await shelter.Client.GetJsonAsync($"/v1/organizations/{shelter.OrganizationId}");
        var foreign = await shelter.Client.GetAsync($"/v1/organizations/{other}");

        Assert.That(list.Items().Select(o => o.Id()), Is.EqualTo(new[] { shelter.OrganizationId }));
        Assert.That(own.Id(), Is.EqualTo(shelter.OrganizationId));
        await foreign.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task CaseManagerReadsAnyOrganisation()
    {
        var agency = await Admin.CreateOrganizationAsync("Coalition Hotline", "agency");
        var shelter = await Admin.CreateOrganizationAsync("Harbor House");
        var caseManager = await App.ClientForRoleAsync("case_manager", agency);

        var list = await caseManager.GetJsonAsync("/v1/organizations");

        Assert.That(list.Items().Select(o => o.Id()), Is.EquivalentTo(new[] { agency, shelter }));
    }

    [Test]
    public async Task UnknownOrganisationIsNotFound()
    {
        var response = await Admin.GetAsync($"/v1/organizations/{Guid.NewGuid()}");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task OrganisationWithoutNameOrTypeIsRejected()
    {
        var body = Bodies.Organization();
        body.Remove("name");
        body.Remove("type");

        var response = await Admin.PostJsonAsync("/v1/organizations", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "name", "type");
        Assert.That((await Admin.GetJsonAsync("/v1/organizations")).Items(), Is.Empty);
    }

    [TestCase("email", "not-an-email")]
    [TestCase("phone", "call me")]
    [TestCase("region", "SPA 4")]
    public async Task OrganisationWithABadContactOrRegionIsRejected(string field, string value)
    {
        var body = Bodies.Organization();
        body[field] = value;

        var response = await Admin.PostJsonAsync("/v1/organizations", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.That((await Admin.GetJsonAsync("/v1/organizations")).Items(), Is.Empty);
    }
}

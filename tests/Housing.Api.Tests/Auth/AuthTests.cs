using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Auth;

public class AuthTests(DatabaseEngine engine) : HousingTest(engine)
{
    [TestCase("GET", "/v1/programs")]
    [TestCase("GET", "/v1/availability")]
    [TestCase("GET", "/v1/organizations")]
    [TestCase("POST", "/v1/api-keys")]
    public async Task RequestWithoutAKeyIsUnauthorized(string method, string url)
    {
        var response = await App.Client(null).SendJsonAsync(new HttpMethod(method), url, method == "GET" ? null : Bodies.Organization());

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("X-Api-Key"));
    }

    [TestCase("hk_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("not-a-key-at-all")]
    [TestCase(HousingApp.AdminKey + "x")]
    public async Task UnknownKeyIsUnauthorized(string key)
    {
        var response = await App.Client(key).GetAsync("/v1/programs");

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AKeyThatLooksRealButWasNeverIssuedIsUnauthorized()
    {
        var real = await Admin.IssueKeyAsync("reporter");
        var forged = real[..^4] + (real[^4..] == "AAAA" ? "BBBB" : "AAAA");

        var response = await App.Client(forged).GetAsync("/v1/programs");

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task TwoKeysInOneRequestAreUnauthorized()
    {
        var reporter = await Admin.IssueKeyAsync("reporter");
        var client = App.Client(reporter);
        client.DefaultRequestHeaders.Add("X-Api-Key", HousingApp.AdminKey);

        var response = await client.GetAsync("/v1/api-keys");

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task BootstrapAdminKeyIsAnAdmin()
    {
        await (await Admin.GetAsync("/v1/api-keys")).ExpectAsync(HttpStatusCode.OK);
        await (await Admin.PostJsonAsync("/v1/organizations", Bodies.Organization())).ExpectAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task CaseManagerCannotPostAvailability()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var caseManager = await App.ClientForRoleAsync("case_manager", shelter.OrganizationId);

        var response = await caseManager.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((string?)problem["detail"], Does.Contain("case_manager"));
        Assert.That((string?)(await Admin.GetJsonAsync($"/v1/programs/{id}/availability"))["freshness"], Is.EqualTo("unknown"));
    }

    [Test]
    public async Task ReporterCannotCreateOrChangeAProgram()
    {
        var organization = await Admin.CreateOrganizationAsync();
        var id = await Admin.CreateProgramIdAsync(Bodies.Emergency(organization));
        var reporter = await App.ClientForRoleAsync("reporter");

        var create = await reporter.PostJsonAsync("/v1/programs", Bodies.Emergency(organization, "Another"));
        var update = await reporter.PutJsonAsync($"/v1/programs/{id}", Bodies.Emergency(organization, "Renamed"));

        await create.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await update.ExpectProblemAsync(HttpStatusCode.Forbidden);
        var programs = (await Admin.GetJsonAsync("/v1/programs")).Items();
        Assert.That(programs.Select(p => (string?)p["name"]), Is.EqualTo(new[] { "Harbor House Emergency Shelter" }));
    }

    [TestCase("shelter")]
    [TestCase("case_manager")]
    [TestCase("reporter")]
    public async Task OnlyAnAdminManagesKeysAndOrganisations(string role)
    {
        var organization = await Admin.CreateOrganizationAsync();
        var client = await App.ClientForRoleAsync(role, role == "reporter" ? null : organization);

        await (await client.PostJsonAsync("/v1/api-keys", new JsonObject { ["role"] = "admin", ["label"] = "escalate" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/v1/api-keys")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"/v1/api-keys/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync("/v1/organizations", Bodies.Organization("Rogue"))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await Admin.GetJsonAsync("/v1/api-keys")).AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ShelterCannotReadAnotherOrganisationsProgram()
    {
        var (harbor, bridge, program) = await TwoSheltersAsync();

        await (await bridge.Client.GetAsync($"/v1/programs/{program}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await harbor.Client.GetAsync($"/v1/programs/{program}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task ShelterCannotChangeAnotherOrganisationsProgram()
    {
        var (harbor, bridge, program) = await TwoSheltersAsync();

        var response = await bridge.Client.PutJsonAsync($"/v1/programs/{program}", Bodies.Emergency(harbor.OrganizationId, "Hijacked"), "\"1\"");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        var current = await Admin.GetJsonAsync($"/v1/programs/{program}");
        Assert.That((string?)current["name"], Is.EqualTo("Harbor House Emergency Shelter"));
        Assert.That((int?)current["version"], Is.EqualTo(1));
    }

    [Test]
    public async Task ShelterCannotPostAvailabilityForAnotherOrganisation()
    {
        var (_, bridge, program) = await TwoSheltersAsync();

        var response = await bridge.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(3, 2));

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That((string?)(await Admin.GetJsonAsync($"/v1/programs/{program}/availability"))["freshness"], Is.EqualTo("unknown"));
    }

    [Test]
    public async Task ShelterCannotReadAnotherOrganisationsAvailability()
    {
        var (harbor, bridge, program) = await TwoSheltersAsync();
        await (await harbor.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(3, 2))).ExpectAsync(HttpStatusCode.OK);

        var response = await bridge.Client.GetAsync($"/v1/programs/{program}/availability");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ShelterListsOnlyItsOwnPrograms()
    {
        var (harbor, bridge, program) = await TwoSheltersAsync();
        var own = await bridge.Client.CreateProgramIdAsync(Bodies.Transitional(bridge.OrganizationId));

        var bridgeSees = (await bridge.Client.GetJsonAsync("/v1/programs")).Items().Select(p => p.Id());
        var bridgeAsksForHarbor = (await bridge.Client.GetJsonAsync($"/v1/programs?organizationId={harbor.OrganizationId}")).Items();
        var harborSees = (await harbor.Client.GetJsonAsync("/v1/programs")).Items().Select(p => p.Id());

        Assert.That(bridgeSees, Is.EqualTo(new[] { own }));
        Assert.That(bridgeAsksForHarbor, Is.Empty);
        Assert.That(harborSees, Is.EqualTo(new[] { program }));
    }

    [Test]
    public async Task CaseManagerAndReporterReadEveryProgram()
    {
        var (harbor, bridge, program) = await TwoSheltersAsync();
        var other = await bridge.Client.CreateProgramIdAsync(Bodies.Transitional(bridge.OrganizationId));

        foreach (var client in new[] { await App.ClientForRoleAsync("case_manager", harbor.OrganizationId), await App.ClientForRoleAsync("reporter") })
        {
            Assert.That((await client.GetJsonAsync("/v1/programs")).Items().Select(p => p.Id()), Is.EquivalentTo(new[] { program, other }));
            await (await client.GetAsync($"/v1/programs/{other}")).ExpectAsync(HttpStatusCode.OK);
            await (await client.GetAsync($"/v1/programs/{other}/availability")).ExpectAsync(HttpStatusCode.OK);
        }
    }

    /// <summary>Harbor House owns a program; Bridge Home is another shelter with its own key.</summary>
    private async Task<(Shelter Harbor, Shelter Bridge, Guid HarborProgram)> TwoSheltersAsync()
    {
        var harbor = await App.NewShelterAsync("Harbor House");
        var bridge = await App.NewShelterAsync("Bridge Home");
        var program = await harbor.Client.CreateProgramIdAsync(Bodies.Emergency(harbor.OrganizationId));
        return (harbor, bridge, program);
    }
}

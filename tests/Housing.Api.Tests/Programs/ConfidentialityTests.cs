using System.Globalization;
using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Programs;

/// <summary>
/// A confidential program's street address and exact coordinates go only to its own
/// organisation and to admins, and never into a listing (VAWA/FVPSA).
/// </summary>
public class ConfidentialityTests(DatabaseEngine engine) : HousingTest(engine)
{
    private static readonly string SecretLatitude = Bodies.ConfidentialLatitude.ToString(CultureInfo.InvariantCulture);

    [Test]
    public async Task ConfidentialAddressIsLeftOutOfTheProgramListEvenForAnAdmin()
    {
        var (shelter, id) = await App.NewConfidentialProgramAsync();

        foreach (var client in new[] { Admin, shelter.Client })
        {
            var response = await client.GetAsync("/v1/programs");
            var text = await response.Content.ReadAsStringAsync();
            var listed = (await response.ExpectAsync(HttpStatusCode.OK)).Items().Single();

            Assert.That(listed.Id(), Is.EqualTo(id));
            Assert.That((bool?)listed["confidential"], Is.True);
            Assert.That(listed.AsObject().ContainsKey("address"), Is.False);
            Assert.That(listed.AsObject().ContainsKey("location"), Is.False);
            Assert.That((string?)listed["region"], Is.EqualTo("spa-4"), "the approximate area is shown");
            Assert.That((string?)listed["intakeContact"]?["phone"], Is.EqualTo("+1 213 555 0100"), "the front gate is always shown");
            Assert.That(text, Does.Not.Contain("Hidden Lane").And.Not.Contain(SecretLatitude));
        }
    }

    /// <summary>
    /// Reports publish confidential programs only as one aggregate; a reporter who could read a
    /// safe house's own inventory or open count beside it could tell which figures are whose.
    /// </summary>
    [Test]
    public async Task AReporterReadsNoConfidentialProgramOneByOne()
    {
        var (shelter, secret) = await App.NewConfidentialProgramAsync();
        await (await shelter.Client.PostAvailabilityAsync(secret, Bodies.OpenBeds(3, 0))).ExpectAsync(HttpStatusCode.OK);
        var open = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var reporter = await App.ClientForRoleAsync("reporter");
        var caseManager = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency"));

        Assert.That((await reporter.GetJsonAsync("/v1/programs")).Items().Select(p => p.Id()), Is.EqualTo(new[] { open }));
        Assert.That((await reporter.GetJsonAsync("/v1/availability")).Items().Select(p => p.Id("programId")), Is.EqualTo(new[] { open }));
        await (await reporter.GetAsync($"/v1/programs/{secret}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await reporter.GetAsync($"/v1/programs/{secret}/availability")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await reporter.GetAsync($"/v1/programs/{open}/availability")).ExpectAsync(HttpStatusCode.OK);

        // A case manager refers to it, so still sees it (without the address).
        Assert.That((await caseManager.GetJsonAsync("/v1/programs")).Items().Select(p => p.Id()), Is.EquivalentTo(new[] { secret, open }));
        await (await caseManager.GetAsync($"/v1/programs/{secret}/availability")).ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task ConfidentialAddressIsLeftOutOfTheAvailabilityList()
    {
        var (shelter, id) = await App.NewConfidentialProgramAsync();
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(3, 2))).ExpectAsync(HttpStatusCode.OK);
        var caseManager = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency"));

        foreach (var client in new[] { Admin, caseManager, shelter.Client })
        {
            var response = await client.GetAsync("/v1/availability");
            var text = await response.Content.ReadAsStringAsync();
            var listed = (await response.ExpectAsync(HttpStatusCode.OK)).Items().Single();

            Assert.That((bool?)listed["confidential"], Is.True);
            Assert.That(listed.AsObject().ContainsKey("location"), Is.False);
            Assert.That(listed.AsObject().ContainsKey("address"), Is.False);
            Assert.That(text, Does.Not.Contain("Hidden Lane").And.Not.Contain(SecretLatitude));
        }
    }

    /// <summary>A reporter does not read the program at all (<see cref="AReporterReadsNoConfidentialProgramOneByOne"/>).</summary>
    [Test]
    public async Task ConfidentialAddressIsHiddenFromACaseManager()
    {
        var (shelter, id) = await App.NewConfidentialProgramAsync();
        var client = await App.ClientForRoleAsync("case_manager", shelter.OrganizationId);

        var response = await client.GetAsync($"/v1/programs/{id}");
        var text = await response.Content.ReadAsStringAsync();
        var program = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.That(program.AsObject().ContainsKey("address"), Is.False);
        Assert.That(program.AsObject().ContainsKey("location"), Is.False);
        Assert.That(text, Does.Not.Contain("Hidden Lane").And.Not.Contain(SecretLatitude));
    }

    [Test]
    public async Task ConfidentialProgramIsNotFoundForAnotherShelter()
    {
        var (_, id) = await App.NewConfidentialProgramAsync();
        var other = await App.NewShelterAsync("Other Shelter");

        var response = await other.Client.GetAsync($"/v1/programs/{id}");

        var text = await response.Content.ReadAsStringAsync();
        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That(text, Does.Not.Contain("Hidden Lane"));
    }

    [Test]
    public async Task ConfidentialAddressIsShownToItsOwnShelterAndToAnAdmin()
    {
        var (shelter, id) = await App.NewConfidentialProgramAsync();

        foreach (var client in new[] { shelter.Client, Admin })
        {
            var program = await client.GetJsonAsync($"/v1/programs/{id}");

            Assert.That((string?)program["address"], Is.EqualTo(Bodies.ConfidentialAddress));
            Assert.That((double?)program["location"]?["latitude"], Is.EqualTo(Bodies.ConfidentialLatitude));
        }
    }

    [Test]
    public async Task NonConfidentialProgramShowsItsAddressEverywhere()
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var caseManager = await App.ClientForRoleAsync("case_manager", shelter.OrganizationId);

        var listed = (await caseManager.GetJsonAsync("/v1/programs")).Items().Single();
        var single = await caseManager.GetJsonAsync($"/v1/programs/{id}");
        var available = (await caseManager.GetJsonAsync("/v1/availability")).Items().Single();

        Assert.That((string?)listed["address"], Is.EqualTo("1200 W 7th St, Los Angeles, CA 90017"));
        Assert.That((string?)single["address"], Is.EqualTo("1200 W 7th St, Los Angeles, CA 90017"));
        Assert.That((double?)available["location"]?["latitude"], Is.EqualTo(34.0612));
    }

    [Test]
    public async Task ConfidentialProgramNeedsAnAddress()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.ConfidentialEmergency(shelter.OrganizationId);
        body.Remove("address");

        var response = await shelter.Client.PostJsonAsync("/v1/programs", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "address");
    }
}

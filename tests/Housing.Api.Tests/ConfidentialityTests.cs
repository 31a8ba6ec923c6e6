using System.Globalization;
using System.Net;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Data;

namespace Housing.Api.Tests;

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

    [TestCase("case_manager")]
    [TestCase("reporter")]
    public async Task ConfidentialAddressIsHiddenFromOtherRoles(string role)
    {
        var (shelter, id) = await App.NewConfidentialProgramAsync();
        var client = await App.ClientForRoleAsync(role, role == "case_manager" ? shelter.OrganizationId : null);

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

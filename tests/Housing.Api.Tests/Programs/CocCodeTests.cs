using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Programs;

/// <summary>A program's Continuum of Care: kept, listed by, and checked as HUD writes it.</summary>
public class CocCodeTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task ProgramsAreListedByTheirContinuumOfCare()
    {
        var shelter = await App.NewShelterAsync();
        var losAngeles = Bodies.Emergency(shelter.OrganizationId, "Los Angeles program");
        losAngeles["cocCode"] = "CA-600";
        var longBeach = Bodies.Emergency(shelter.OrganizationId, "Long Beach program");
        longBeach["cocCode"] = "CA-606";
        var la = await shelter.Client.CreateProgramAsync(losAngeles);
        await shelter.Client.CreateProgramIdAsync(longBeach);
        await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "No CoC given"));

        Assert.That((string?)la["cocCode"], Is.EqualTo("CA-600"));
        var listed = await shelter.Client.GetJsonAsync("/v1/programs?cocCode=CA-600");
        Assert.That(listed.Items().Select(p => (string?)p["name"]), Is.EqualTo(new[] { "Los Angeles program" }));
        Assert.That((await shelter.Client.GetJsonAsync("/v1/programs")).Items(), Has.Count.EqualTo(3), "no filter: every CoC");
    }

    [TestCase("ca-600")]
    [TestCase("CA600")]
    [TestCase("CA-6000")]
    public async Task ACodeNotWrittenAsHudWritesItIsRefused(string code)
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["cocCode"] = code;
        await (await shelter.Client.PostJsonAsync("/v1/programs", body)).ExpectProblemAsync(HttpStatusCode.BadRequest, "cocCode");
        await (await shelter.Client.GetAsync($"/v1/programs?cocCode={code}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "cocCode");
    }
}

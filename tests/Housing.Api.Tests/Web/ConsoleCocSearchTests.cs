using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>The search page offers the Continuums of Care to search in when programs are in several, and searches them all when none is ticked.</summary>
public sealed class ConsoleCocSearchTests(DatabaseEngine engine) : HousingTest(engine)
{
    private async Task<ConsoleBrowser> CaseManagerWithProgramsInAsync(params string[] cocs)
    {
        var shelter = await App.NewShelterAsync();
        foreach (var coc in cocs)
        {
            var body = Bodies.Emergency(shelter.OrganizationId, $"Shelter in {coc}");
            body["cocCode"] = coc;
            var id = await shelter.Client.CreateProgramIdAsync(body);
            await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(2, 0))).ExpectAsync(HttpStatusCode.OK);
        }
        return await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", await Admin.CreateOrganizationAsync("Hotline", "agency")));
    }

    private static Dictionary<string, string> Searching(params string[] cocs)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Members[0].Role"] = "adult",
            ["Form.Members[0].Age"] = "29",
            ["Form.Members[0].Genders"] = "woman",
            ["Form.IdempotencyKey"] = "page-1",
        };
        for (var i = 0; i < cocs.Length; i++) fields[$"Form.Cocs[{i}]"] = cocs[i];
        return fields;
    }

    [Test]
    public async Task ACaseManagerNarrowsTheSearchToOneContinuumOfCareOrSearchesThemAll()
    {
        var browser = await CaseManagerWithProgramsInAsync("CA-600", "CA-606");
        var form = await browser.GetPageAsync("/search");
        Assert.That(form, Does.Contain("id=\"f-coc-CA-600\"").And.Contain("id=\"f-coc-CA-606\""));

        var narrowed = WebUtility.HtmlDecode(await (await browser.PostFormAsync("/search", form, Searching("CA-606"))).Content.ReadAsStringAsync());
        Assert.That(narrowed, Does.Contain("1 program can take the whole household now"));
        Assert.That(narrowed, Does.Contain("<strong>Shelter in CA-600</strong>: It is not in one of the Continuums of Care you asked for."));
        Assert.That(narrowed, Does.Contain("1 in another Continuum of Care"));
        Assert.That(narrowed, Does.Contain("id=\"f-coc-CA-606\" name=\"Form.Cocs\" value=\"CA-606\" checked"), "the choice is kept on the page");

        var all = WebUtility.HtmlDecode(await (await browser.PostFormAsync("/search", form, Searching())).Content.ReadAsStringAsync());
        Assert.That(all, Does.Contain("2 programs can take the whole household now").And.Not.Contain("Continuums of Care you asked for"));
    }

    [Test]
    public async Task WithOneContinuumOfCareThereIsNothingToChoose()
    {
        var browser = await CaseManagerWithProgramsInAsync("CA-600");
        Assert.That(await browser.GetPageAsync("/search"), Does.Not.Contain("f-coc-"));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>
/// An organisation's default eligibility in the console: an admin's for any organisation, a
/// shelter's for its own, saved as <c>PUT /v1/organizations/{id}/eligibility</c> does.
/// </summary>
public sealed class ConsoleDefaultEligibilityTests(DatabaseEngine engine) : HousingTest(engine)
{
    private async Task<(Shelter Shelter, Guid Program)> ShelterWithAnInheritingProgramAsync()
    {
        var shelter = await App.NewShelterAsync();
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["inheritedRules"] = new JsonArray("maxChildAge");
        return (shelter, await shelter.Client.CreateProgramIdAsync(body));
    }

    [Test]
    public async Task AShelterSetsItsDefaultEligibilityAndTheProgramsThatInheritChangeWithIt()
    {
        var (shelter, program) = await ShelterWithAnInheritingProgramAsync();
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId));
        Assert.That(await browser.GetPageAsync("/shelter"), Does.Contain("<a href=\"/shelter/eligibility\">Our default eligibility</a>"));

        var page = await browser.GetPageAsync("/shelter/eligibility");
        Assert.That(page, Does.Contain("Default eligibility: Harbor House").And.Contain("Harbor House Emergency Shelter").And.Contain("Oldest child"));
        var form = PageForm.Of(page, "class=\"editor defaults\"").Set("Form.MaxChildAge", "12").Set("Form.PetsAllowed", "true");
        var saved = await browser.PostFormAsync("/shelter/eligibility", page, form.Fields);
        var after = await saved.Content.ReadAsStringAsync();
        Assert.That(after, Does.Contain("Saved: 1 program changed with it."), after);

        var stored = await Admin.GetJsonAsync($"/v1/organizations/{shelter.OrganizationId}/eligibility");
        Assert.That(((int?)stored["eligibility"]!["maxChildAge"], (bool?)stored["eligibility"]!["petsAllowed"]), Is.EqualTo((12, true)));
        Assert.That((int?)(await Admin.GetJsonAsync($"/v1/programs/{program}"))["eligibility"]!["maxChildAge"], Is.EqualTo(12));

        // The form still carries the version it was drawn from: a second save from it is stale and writes nothing.
        var stale = await (await browser.PostFormAsync("/shelter/eligibility", page, form.Set("Form.MaxChildAge", "5").Fields)).Content.ReadAsStringAsync();
        Assert.That(stale, Does.Contain("Not saved: someone else changed the default eligibility"));
        Assert.That((int?)(await Admin.GetJsonAsync($"/v1/organizations/{shelter.OrganizationId}/eligibility"))["eligibility"]!["maxChildAge"], Is.EqualTo(12));
    }

    [Test]
    public async Task TheProgramEditorShowsTheOrganisationsValueBesideEachRuleItMayInherit()
    {
        var (shelter, program) = await ShelterWithAnInheritingProgramAsync();
        var defaults = new JsonObject { ["maxChildAge"] = 12, ["gendersServed"] = new JsonArray("woman") };
        await (await Admin.PutJsonAsync($"/v1/organizations/{shelter.OrganizationId}/eligibility", defaults)).ExpectAsync(HttpStatusCode.OK);
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId));

        var page = WebUtility.HtmlDecode(await browser.GetPageAsync($"/shelter/programs/{program}/edit"));

        Assert.That(page, Does.Contain("Oldest child: as the organisation sets it (now: 12)"));
        Assert.That(page, Does.Contain("Oldest boy: as the organisation sets it (now: no limit)"));
        Assert.That(page, Does.Contain(": as the organisation sets it (now: women)"));
        Assert.That(page, Does.Contain("Pets allowed: as the organisation sets it (now: no)"));
    }

    [Test]
    public async Task ABadValueIsSaidBesideItsFieldAndNothingIsSaved()
    {
        var (shelter, _) = await ShelterWithAnInheritingProgramAsync();
        var browser = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        var page = await browser.GetPageAsync($"/admin/organizations/{shelter.OrganizationId}/eligibility");
        var form = PageForm.Of(page, "class=\"editor defaults\"").Set("Form.MaxChildAge", "twelve").Set("Form.MinAdultAge", "40").Set("Form.MaxAdultAge", "30");
        var refused = await (await browser.PostFormAsync($"/admin/organizations/{shelter.OrganizationId}/eligibility", page, form.Fields)).Content.ReadAsStringAsync();
        Assert.That(refused, Does.Contain("Enter a whole number.").And.Contain("aria-invalid=\"true\""));
        Assert.That((await Admin.GetJsonAsync($"/v1/organizations/{shelter.OrganizationId}/eligibility"))["eligibility"]!["maxChildAge"], Is.Null);
    }

    [Test]
    public async Task AnAdminEditsAnyOrganisationsDefaultsAndAShelterOnlyItsOwn()
    {
        var (shelter, _) = await ShelterWithAnInheritingProgramAsync();
        var other = await App.NewShelterAsync("Safe Haven");
        var admin = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);
        Assert.That(await admin.GetPageAsync($"/admin/organizations/{shelter.OrganizationId}"),
            Does.Contain($"href=\"/admin/organizations/{shelter.OrganizationId}/eligibility\""));
        var page = await admin.GetPageAsync($"/admin/organizations/{other.OrganizationId}/eligibility");
        var saved = await admin.PostFormAsync($"/admin/organizations/{other.OrganizationId}/eligibility", page,
            PageForm.Of(page, "class=\"editor defaults\"").Set("Form.MaxHouseholdSize", "4").Fields);
        Assert.That(await saved.Content.ReadAsStringAsync(), Does.Contain("Saved: 0 programs changed with it."));
        Assert.That((int?)(await Admin.GetJsonAsync($"/v1/organizations/{other.OrganizationId}/eligibility"))["eligibility"]!["maxHouseholdSize"], Is.EqualTo(4));

        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId));
        Assert.That((await browser.Client.GetAsync($"/admin/organizations/{other.OrganizationId}/eligibility")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await browser.GetPageAsync("/shelter/eligibility"), Does.Contain("Harbor House").And.Not.Contain("Safe Haven"));
    }

    [Test]
    public async Task TheDefaultEligibilityEditorReadsInSpanish()
    {
        var (shelter, _) = await ShelterWithAnInheritingProgramAsync();
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId));
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        Assert.That(await browser.GetPageAsync("/shelter/eligibility"), Does.Contain("Elegibilidad predeterminada: Harbor House")
            .And.Contain("Programas que heredan reglas").And.Not.Contain("Default eligibility"));
    }
}

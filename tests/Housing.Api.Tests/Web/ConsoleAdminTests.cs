using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>
/// The admin pages as a browser without JavaScript uses them: organisations, their partner
/// agencies, and the one program editor, whose saves are the API's own create and update.
/// </summary>
public sealed class ConsoleAdminTests(DatabaseEngine engine) : HousingTest(engine)
{
    private Task<ConsoleBrowser> AdminBrowserAsync() => ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);

    [Test]
    public async Task AnAdminOnboardsAnOrganisationAndAProgramWithEveryRuleAndTheApiReadsItBack()
    {
        var browser = await AdminBrowserAsync();
        var hub = await browser.GetPageAsync("/admin");
        Assert.That(hub, Does.Contain("<a href=\"/admin\" aria-current=\"page\">Admin</a>")
            .And.Contain("<a href=\"/admin/organizations\">Organisations</a>").And.Contain("<a href=\"/admin/programs\">Programs</a>"));

        var organizations = await browser.GetPageAsync("/admin/organizations");
        var created = await browser.PostFormAsync("/admin/organizations", organizations, PageForm.Of(organizations, "Form.Name")
            .Set("Form.Name", "Harbor House").Set("Form.Type", "provider").Set("Form.Region", "spa-4").Set("Form.Phone", "+1 213 555 0100").Fields);
        var organizationPage = await created.Content.ReadAsStringAsync();
        Assert.That(created.RequestMessage!.RequestUri!.AbsolutePath, Does.StartWith("/admin/organizations/"));
        Assert.That(organizationPage, Does.Contain("Created: the organisation is saved.").And.Contain("Metro Los Angeles (SPA 4)").And.Contain(">Provider<"));
        var organization = Guid.Parse(created.RequestMessage.RequestUri.AbsolutePath.Split('/')[^1]);
        Assert.That((string?)(await Admin.GetJsonAsync($"/v1/organizations/{organization}"))["name"], Is.EqualTo("Harbor House"));
        Assert.That(await browser.GetPageAsync("/admin/organizations"), Does.Contain("Harbor House").And.Contain("0 programs"));

        var blank = await browser.GetPageAsync($"/admin/programs/new?organizationId={organization}");
        Assert.That(blank, Does.Contain($"<option value=\"{organization}\" selected=\"selected\">Harbor House</option>"));
        // A second inventory row, added without JavaScript: the form comes back with it and nothing is saved.
        var form = Filled(PageForm.Of(blank, "class=\"editor\""));
        var withRow = await (await browser.PostFormAsync("/admin/programs/new", blank, form.With("add", "row").Fields)).Content.ReadAsStringAsync();
        Assert.That(withRow, Does.Contain("Inventory row 2").And.Contain("name=\"Form.Inventory[1].Beds\""));
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);

        form = PageForm.Of(withRow, "class=\"editor\"")
            .Set("Form.Inventory[1].HouseholdType", "adults_with_children").Set("Form.Inventory[1].Beds", "12").Set("Form.Inventory[1].Units", "4")
            .Set("Form.Inventory[1].Availability", "seasonal").Set("Form.Inventory[1].BedType", "voucher")
            .Set("Form.Inventory[1].StartDate", "2026-11-01").Set("Form.Inventory[1].EndDate", "2027-03-31");
        var saved = await browser.PostFormAsync("/admin/programs/new", withRow, form.Fields);
        var page = await saved.Content.ReadAsStringAsync();
        Assert.That(saved.RequestMessage!.RequestUri!.PathAndQuery, Does.Match("^/admin/programs/[0-9a-f-]{36}\\?done=created$"), page);
        Assert.That(page, Does.Contain("Created: the program is saved"));

        var program = await Admin.GetJsonAsync($"/v1/programs/{saved.RequestMessage.RequestUri.AbsolutePath.Split('/')[^1]}");
        Assert.That((string?)program["organizationId"], Is.EqualTo(organization.ToString()));
        Assert.That((string?)program["name"], Is.EqualTo("Casa Esperanza"));
        Assert.That((string?)program["kind"], Is.EqualTo("emergency"));
        Assert.That((int?)program["hudProjectType"], Is.EqualTo(1));
        Assert.That((int?)program["maxStayDays"], Is.EqualTo(120));
        Assert.That((string?)program["region"], Is.EqualTo("spa-6"));
        Assert.That((double?)program["location"]!["latitude"], Is.EqualTo(33.9897));
        Assert.That((bool?)program["confidential"], Is.True);
        Assert.That((string?)program["address"], Is.EqualTo("5 Quiet Court, Los Angeles, CA 90044"));
        var intake = program["intakeContact"]!;
        Assert.That(((string?)intake["phone"], (string?)intake["email"], (string?)intake["hours"]), Is.EqualTo(("+1 323 555 0199", "intake@casa.example", "24/7")));
        Assert.That((bool?)program["hudFunded"], Is.True);
        Assert.That(program["services"]!.ToJsonString(), Is.EqualTo("""["legal_aid","counseling","childcare"]"""));
        var e = program["eligibility"]!;
        Assert.That(e["gendersServed"]!.ToJsonString(), Is.EqualTo("""["woman","non_binary"]"""));
        Assert.That(((int?)e["minAdultAge"], (int?)e["maxAdultAge"], (int?)e["maxChildAge"], (int?)e["maxBoyAge"], (int?)e["maxHouseholdSize"]),
            Is.EqualTo((18, 64, 17, 12, 6)));
        Assert.That((string?)e["pregnancy"], Is.EqualTo("required"));
        Assert.That(e["traffickingTypesServed"]!.ToJsonString(), Is.EqualTo("""["sex","labor"]"""));
        Assert.That(e["homelessCategories"]!.ToJsonString(), Is.EqualTo("[1,4]"));
        Assert.That(((bool?)e["petsAllowed"], (bool?)e["wheelchairAccessible"], (bool?)e["sobrietyRequired"], (bool?)e["idRequired"],
            (bool?)e["immigrationDocumentsRequired"], (bool?)e["referralOnly"]), Is.EqualTo((true, true, true, true, true, true)));
        Assert.That(e["languages"]!.ToJsonString(), Is.EqualTo("""["en","es","ko"]"""));
        Assert.That((string?)e["criminalRecord"], Is.EqualTo("case_by_case"));
        Assert.That((string?)e["curfew"], Is.EqualTo("21:30"));
        Assert.That(program["inventory"]!.ToJsonString(), Is.EqualTo("""
            [{"householdType":"adults_only","units":0,"beds":8,"slots":0,"availability":"year_round","bedType":"facility_based","startDate":"2026-01-15"},{"householdType":"adults_with_children","units":4,"beds":12,"slots":0,"availability":"seasonal","bedType":"voucher","startDate":"2026-11-01","endDate":"2027-03-31"}]
            """.Trim()));
        // A HUD-funded family program with a child-age limit: the editor says what the API warns.
        Assert.That(page, Does.Contain("class=\"warning\""));
        var audit = (await Admin.GetJsonAsync("/v1/audit?action=program.created")).Items();
        Assert.That(audit, Has.Count.EqualTo(1), "the console's create is audited as the API's is");
    }

    [Test]
    public async Task BadInputIsShownBesideEachFieldWithASummaryAndNothingIsWritten()
    {
        var organization = await Admin.CreateOrganizationAsync();
        var browser = await AdminBrowserAsync();
        var blank = await browser.GetPageAsync($"/admin/programs/new?organizationId={organization}");
        var form = Filled(PageForm.Of(blank, "class=\"editor\""))
            .Set("Form.Name", "").Set("Form.MaxStayDays", "ninety").Set("Form.Latitude", "north").Set("Form.Curfew", "25:00")
            .Set("Form.Confidential", "true").Set("Form.Address", "").Set("Form.IntakePhone").Set("Form.IntakeEmail")
            .Set("Form.Languages", "Klingon").Set("Form.MinAdultAge", "70").Set("Form.MaxAdultAge", "30")
            .Set("Form.Inventory[0].Beds", "many").Set("Form.Inventory[0].StartDate", "2026-05-01").Set("Form.Inventory[0].EndDate", "2026-04-01");

        var response = await browser.PostFormAsync("/admin/programs/new", blank, form.Fields);
        var page = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page, Does.Contain("role=\"alert\"").And.Contain("Please check the fields marked below."));
        foreach (var (field, message) in new[]
        {
            ("name", "Required."),
            ("maxStayDays", "Enter a whole number."),
            ("location-latitude", "Enter a number, such as 34.05."),
            ("address", "A confidential program needs its address"),
            ("intakeContact", "Give a phone number or an email address for intake."),
            ("eligibility-languages", "&#x27;Klingon&#x27; is not a language"),
            ("eligibility-maxAdultAge", "Must not be below the youngest adult&#x27;s age."),
            ("eligibility-curfew", "Use 24-hour time, such as 22:00."),
            ("inventory-0-beds", "Enter a whole number."),
            ("inventory-0-endDate", "Must not be before the start date."),
        })
        {
            Assert.That(page, Does.Contain($"<p class=\"error\" id=\"error-{field}\">{message}"), field);
        }
        Assert.That(page, Does.Contain("<a href=\"#f-inventory-0-endDate\">Inventory row 1: End date:"), "the summary names the row and links to its field");
        Assert.That(page, Does.Contain("aria-describedby=\"error-name\"").And.Contain("value=\"ninety\""), "what was typed stays, described by its error");
        Assert.That((await Admin.GetJsonAsync("/v1/programs")).Items(), Is.Empty);
        Assert.That(await ReadableTextAsync(page), Does.Not.Contain("eligibility.").And.Not.Contain("inventory["), "no field codes on screen");
    }

    [Test]
    public async Task HostileValuesInTheEditorAreRefusedBesideTheirFieldsNeverAServerError()
    {
        var shelter = await App.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var browser = await AdminBrowserAsync();
        var editor = await browser.GetPageAsync($"/admin/programs/{program}");
        var form = PageForm.Of(editor, "class=\"editor\"")
            .Set("Form.Name", "Harbor\u0007House").Set("Form.Latitude", "NaN").Set("Form.Longitude", "1e400").Set("Form.MaxStayDays", "99999999999")
            .Set("Form.RegionTyped", "spa\u0007").Set("Form.Kind", "castle").Set("Form.Services", "spa_day").Set("Form.Inventory[0].StartDate", "2026-02-30")
            .Set("Form.HomelessCategories", "9").Set("Form.Version", "\"*\"");

        var response = await browser.PostFormAsync($"/admin/programs/{program}", editor, form.Fields);
        var page = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var field in new[] { "name", "location-latitude", "location-longitude", "maxStayDays", "region", "kind", "services", "inventory-0-startDate", "eligibility-homelessCategories" })
        {
            Assert.That(page, Does.Contain($"id=\"error-{field}\""), field);
        }
        var rows = await browser.PostFormAsync($"/admin/programs/{program}", editor, form.With("remove", "-5").Fields);
        Assert.That(rows.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int?)(await Admin.GetJsonAsync($"/v1/programs/{program}"))["version"], Is.EqualTo(1));
    }

    [Test]
    public async Task AStaleEditIsRefusedWithTheCurrentValuesShownAndNothingOverwritten()
    {
        var shelter = await App.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var browser = await AdminBrowserAsync();
        var editor = await browser.GetPageAsync($"/admin/programs/{program}");
        var form = PageForm.Of(editor, "class=\"editor\"");
        Assert.That(form["Form.Version"], Is.EqualTo("1"));
        Assert.That(form["Form.Name"], Is.EqualTo("Harbor House Emergency Shelter"));

        var theirs = Bodies.Emergency(shelter.OrganizationId, "Harbor House Night Shelter");
        await (await shelter.Client.PutJsonAsync($"/v1/programs/{program}", theirs, "\"1\"")).ExpectAsync(HttpStatusCode.OK);

        var response = await browser.PostFormAsync($"/admin/programs/{program}", editor, form.Set("Form.IntakeHours", "8:00–20:00").Fields);
        var page = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page, Does.Contain("Not saved: someone else changed this program since you opened it."));
        var shown = PageForm.Of(page, "class=\"editor\"");
        Assert.That((shown["Form.Name"], shown["Form.Version"], shown["Form.IntakeHours"]), Is.EqualTo(("Harbor House Night Shelter", "2", "24/7")));
        var stored = await Admin.GetJsonAsync($"/v1/programs/{program}");
        Assert.That(((string?)stored["name"], (string?)stored["intakeContact"]!["hours"], (int?)stored["version"]), Is.EqualTo(("Harbor House Night Shelter", "24/7", 2)));

        // Saved again from the form as it now stands, the change goes through.
        var again = await browser.PostFormAsync($"/admin/programs/{program}", page, shown.Set("Form.IntakeHours", "8:00–20:00").Fields);
        Assert.That(again.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo($"/admin/programs/{program}?done=saved"));
        Assert.That((string?)(await Admin.GetJsonAsync($"/v1/programs/{program}"))["intakeContact"]!["hours"], Is.EqualTo("8:00–20:00"));
    }

    [Test]
    public async Task AShelterEditsItsOwnProgramFromItsPageAndAnotherOrganisationsIsNotFound()
    {
        var shelter = await App.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var theirs = await App.NewShelterAsync("Bridge Home Inc");
        var other = await theirs.Client.CreateProgramIdAsync(Bodies.Emergency(theirs.OrganizationId, "Bridge Home Shelter"));
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId));

        Assert.That(await browser.GetPageAsync("/shelter"), Does.Contain($"href=\"/shelter/programs/{program}/edit\""));
        var editor = await browser.GetPageAsync($"/shelter/programs/{program}/edit");
        Assert.That(editor, Does.Match("<strong>Organisation:</strong>\\s+Harbor House").And.Not.Contain("name=\"Form.OrganizationId\""),
            "the organisation is fixed");
        var form = PageForm.Of(editor, "class=\"editor\"").Set("Form.IntakeHours", "Mon–Fri 9:00–17:00").Set("Form.PetsAllowed", "true");
        var saved = await browser.PostFormAsync($"/shelter/programs/{program}/edit", editor, form.Fields);
        Assert.That(saved.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo($"/shelter/programs/{program}/edit?done=saved"));
        Assert.That(await saved.Content.ReadAsStringAsync(), Does.Contain("Saved: case managers see the program as it is now."));
        var stored = await shelter.Client.GetJsonAsync($"/v1/programs/{program}");
        Assert.That(((string?)stored["intakeContact"]!["hours"], (bool?)stored["eligibility"]!["petsAllowed"]), Is.EqualTo(("Mon–Fri 9:00–17:00", true)));
        Assert.That(stored["inventory"]!.AsArray(), Has.Count.EqualTo(2), "what the form did not change is kept");
        var audit = (await Admin.GetJsonAsync($"/v1/audit?action=program.updated&entityId={program}")).Items();
        Assert.That(audit, Has.Count.EqualTo(1));

        Assert.That((await browser.Client.GetAsync($"/shelter/programs/{other}/edit")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var refused = await browser.PostFormAsync($"/shelter/programs/{other}/edit", editor, form.Fields);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)(await theirs.Client.GetJsonAsync($"/v1/programs/{other}"))["intakeContact"]!["hours"], Is.EqualTo("24/7"));
        Assert.That((await browser.Client.GetAsync($"/admin/programs/{program}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task TheEditorKeepsTheCocAndTheInheritedRulesAndAShelterTakesOneRuleAsItsOwn()
    {
        var shelter = await App.NewShelterAsync();
        await (await shelter.Client.PutJsonAsync($"/v1/organizations/{shelter.OrganizationId}/eligibility",
            new JsonObject { ["maxChildAge"] = 12, ["petsAllowed"] = true })).ExpectAsync(HttpStatusCode.OK);
        var body = Bodies.Emergency(shelter.OrganizationId);
        body["cocCode"] = "CA-600";
        body["inheritedRules"] = new JsonArray("maxChildAge", "petsAllowed");
        var program = await shelter.Client.CreateProgramIdAsync(body);
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId));

        var editor = await browser.GetPageAsync($"/shelter/programs/{program}/edit");
        var form = PageForm.Of(editor, "class=\"editor\"");
        Assert.That(form["Form.CocCode"], Is.EqualTo("CA-600"));
        Assert.That(form.Fields.Where(f => f.Key == "Form.InheritedRules").Select(f => f.Value), Is.EquivalentTo(new[] { "maxChildAge", "petsAllowed" }));

        // The shelter sets its own pets rule; the child age still follows the organisation.
        form = form.Set("Form.InheritedRules", "maxChildAge").Set("Form.PetsAllowed");
        var saved = await browser.PostFormAsync($"/shelter/programs/{program}/edit", editor, form.Fields);
        Assert.That(saved.RequestMessage!.RequestUri!.PathAndQuery, Does.EndWith("?done=saved"));

        var stored = await shelter.Client.GetJsonAsync($"/v1/programs/{program}");
        Assert.That((string?)stored["cocCode"], Is.EqualTo("CA-600"));
        Assert.That(stored["inheritedRules"]!.AsArray().Select(r => (string?)r), Is.EqualTo(new[] { "maxChildAge" }));
        Assert.That((bool?)stored["eligibility"]!["petsAllowed"], Is.False, "its own rule now: no pets");
        Assert.That((int?)stored["eligibility"]!["maxChildAge"], Is.EqualTo(12));
    }

    [TestCase("case_manager")]
    [TestCase("reporter")]
    [TestCase("shelter")]
    public async Task OnlyAnAdminReachesTheAdminPages(string role)
    {
        var organization = await Admin.CreateOrganizationAsync("Pacific Coalition", role == "shelter" ? "provider" : "agency");
        var program = await Admin.CreateProgramIdAsync(Bodies.Emergency(organization));
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync(role, role == "reporter" ? null : organization));
        Assert.That(await (await browser.Client.GetAsync("/forbidden")).Content.ReadAsStringAsync(), Does.Not.Contain("href=\"/admin\""),
            "no Admin entry in the navigation");
        foreach (var path in new[] { "/admin", "/admin/organizations", $"/admin/organizations/{organization}", "/admin/programs", "/admin/programs/new", $"/admin/programs/{program}" })
        {
            Assert.That((await browser.Client.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
        }
    }

    [Test]
    public async Task AConfidentialAddressIsNeverOnAListButTheEditorShowsItToAnAdmin()
    {
        var (shelter, program) = await App.NewConfidentialProgramAsync();
        await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Harbor Day Center"));
        var browser = await AdminBrowserAsync();

        var list = await browser.GetPageAsync("/admin/programs");
        Assert.That(list, Does.Contain("Safe Haven").And.Contain(">confidential<").And.Contain("Harbor Day Center"));
        var organization = await browser.GetPageAsync($"/admin/organizations/{shelter.OrganizationId}");
        var organizations = await browser.GetPageAsync("/admin/organizations");
        foreach (var page in new[] { list, organization, organizations, await browser.GetPageAsync("/admin/programs?kind=emergency&region=spa-4") })
        {
            Assert.That(page, Does.Not.Contain("Hidden Lane").And.Not.Contain("34.0187"));
        }
        Assert.That(organization, Does.Contain("Programs (2)").And.Contain($"href=\"/admin/programs/{program}\""));
        Assert.That(await browser.GetPageAsync($"/admin/programs/{program}"), Does.Contain(Bodies.ConfidentialAddress)
            .And.Contain($"<a href=\"/admin/organizations/{shelter.OrganizationId}\">Safe Haven</a>"), "an admin goes from a program to its organisation");
    }

    [Test]
    public async Task TheProgramListFiltersByKindRegionAndOrganisationAndRefusesABadFilter()
    {
        var shelter = await App.NewShelterAsync();
        await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await shelter.Client.CreateProgramIdAsync(Bodies.Transitional(shelter.OrganizationId));
        var bridge = await App.NewShelterAsync("Bridge Home Inc");
        await bridge.Client.CreateProgramIdAsync(Bodies.RapidRehousing(bridge.OrganizationId));
        var browser = await AdminBrowserAsync();

        Assert.That(await browser.GetPageAsync("/admin/programs"), Does.Contain("Programs (3)"));
        var transitional = await browser.GetPageAsync("/admin/programs?kind=transitional");
        Assert.That(transitional, Does.Contain("Programs (1)").And.Contain("Bridge Home<").And.Not.Contain("Keys Forward"));
        Assert.That(await browser.GetPageAsync("/admin/programs?region=spa-2"), Does.Contain("Programs (1)").And.Contain("Keys Forward"));
        var ours = await browser.GetPageAsync($"/admin/programs?organizationId={shelter.OrganizationId}");
        Assert.That(ours, Does.Contain("Programs (2)").And.Not.Contain("Keys Forward").And.Contain("20 beds").Or.Contain("32 beds"));
        var bad = await browser.GetPageAsync("/admin/programs?kind=castle&organizationId=nobody");
        Assert.That(bad, Does.Contain("id=\"error-kind\"").And.Contain("id=\"error-organizationId\"").And.Contain("Programs (0)"));
    }

    [Test]
    public async Task PartnerAgenciesAreSavedAsTheApiSavesThemAndAStaleListIsRefused()
    {
        var provider = await Admin.CreateOrganizationAsync("Harbor House");
        var pacific = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var hotline = await Admin.CreateOrganizationAsync("Survivor Hotline", "agency");
        var browser = await AdminBrowserAsync();
        var page = await browser.GetPageAsync($"/admin/organizations/{provider}");
        Assert.That(page, Does.Contain("Pacific Coalition").And.Contain("Survivor Hotline").And.Contain("Agencies (0 ticked)"));
        var form = PageForm.Of(page, "name=\"basedOn\"");

        var saved = await browser.PostFormAsync($"/admin/organizations/{provider}?handler=Partners", page, form.Set("agencyIds", pacific.ToString()).Fields);
        Assert.That(await saved.Content.ReadAsStringAsync(), Does.Contain("Saved: the partner agencies are updated.").And.Contain("Agencies (1 ticked)"));
        Assert.That((await Admin.GetJsonAsync($"/v1/organizations/{provider}/partners"))["agencyIds"]!.ToJsonString(), Is.EqualTo($"[\"{pacific}\"]"));

        // Someone changes the list through the API; a save from the page drawn before is refused.
        var current = await Admin.GetAsync($"/v1/organizations/{provider}/partners");
        await (await Admin.PutJsonAsync($"/v1/organizations/{provider}/partners", new JsonObject { ["agencyIds"] = new JsonArray(hotline.ToString()) },
            current.ETag())).ExpectAsync(HttpStatusCode.OK);
        var stale = await (await browser.PostFormAsync($"/admin/organizations/{provider}?handler=Partners", page,
            form.Set("agencyIds", pacific.ToString(), hotline.ToString()).Fields)).Content.ReadAsStringAsync();
        Assert.That(stale, Does.Contain("Not saved: someone else changed the partner agencies"));
        Assert.That(stale, Does.Contain($"value=\"{hotline}\" checked=\"checked\"").And.Not.Contain($"value=\"{pacific}\" checked"), "the list as it stands");
        Assert.That((await Admin.GetJsonAsync($"/v1/organizations/{provider}/partners"))["agencyIds"]!.ToJsonString(), Is.EqualTo($"[\"{hotline}\"]"));

        // A provider is not an agency: refused beside the list, nothing changed.
        var refused = await (await browser.PostFormAsync($"/admin/organizations/{provider}?handler=Partners", stale,
            PageForm.Of(stale, "name=\"basedOn\"").Set("agencyIds", provider.ToString()).Fields)).Content.ReadAsStringAsync();
        Assert.That(refused, Does.Contain("role=\"alert\"").And.Contain("<a href=\"#f-agencyIds\">Partner agencies:"));
        Assert.That((await Admin.GetJsonAsync($"/v1/organizations/{provider}/partners"))["agencyIds"]!.ToJsonString(), Is.EqualTo($"[\"{hotline}\"]"));
    }

    [Test]
    public async Task ANewOrganisationWithMistakesIsRefusedBesideItsFields()
    {
        var browser = await AdminBrowserAsync();
        var page = await browser.GetPageAsync("/admin/organizations");
        var response = await browser.PostFormAsync("/admin/organizations", page, PageForm.Of(page, "Form.Name")
            .Set("Form.Name", " ").Set("Form.Type", "castle").Set("Form.RegionTyped", "Not A Region!").Set("Form.Email", "nobody").Fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("id=\"error-name\"").And.Contain("<p class=\"error\" id=\"error-type\">Choose from the list.</p>")
            .And.Contain("id=\"error-region\"").And.Contain("id=\"error-email\""));
        Assert.That((await Admin.GetJsonAsync("/v1/organizations")).Items(), Is.Empty);
    }

    [Test]
    public async Task TheAdminPagesAndTheEditorReadInSpanish()
    {
        var (shelter, program) = await App.NewConfidentialProgramAsync();
        var client = App.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var browser = new ConsoleBrowser(client);
        var signIn = await browser.GetPageAsync("/");
        await browser.PostFormAsync("/", signIn, new() { ["ApiKey"] = HousingApp.AdminKey });

        var hub = await browser.GetPageAsync("/admin");
        Assert.That(hub, Does.Contain("<html lang=\"es\">").And.Contain(">Administración<").And.Contain(">Organizaciones<"));
        var organizations = await browser.GetPageAsync("/admin/organizations");
        Assert.That(organizations, Does.Contain("Nueva organización").And.Contain("Crear la organización").And.Contain("1 programa")
            .And.Not.Contain("Create the organisation"));
        Assert.That(await browser.GetPageAsync("/admin/programs"), Does.Contain("Filtrar los programas").And.Contain("confidencial"));
        var editor = await browser.GetPageAsync($"/admin/programs/{program}");
        foreach (var words in new[] { "A quién atiende", "Agregar una fila de inventario", "Guardar el programa", "Albergue de emergencia", "Adultos sin niños", "Mujeres", "Sobrevivientes de trata sexual" })
        {
            Assert.That(editor, Does.Contain(words));
        }
        foreach (var words in new[] { "Who it serves", "Add an inventory row", "Save the program", "Emergency shelter", "Women<" })
        {
            Assert.That(editor, Does.Not.Contain(words));
        }
        var refused = await (await browser.PostFormAsync($"/admin/programs/{program}", editor,
            PageForm.Of(editor, "class=\"editor\"").Set("Form.MaxStayDays", "noventa").Fields)).Content.ReadAsStringAsync();
        Assert.That(refused, Does.Contain("Escriba un número entero.").And.Contain("Estadía máxima, en días"));
        Assert.That((int?)(await shelter.Client.GetJsonAsync($"/v1/programs/{program}"))["version"], Is.EqualTo(1));
    }

    /// <summary>The editor's fields for a confidential family shelter with every rule set, on one inventory row.</summary>
    private static PageForm Filled(PageForm form) => form
        .Set("Form.Name", "Casa Esperanza").Set("Form.Kind", "emergency").Set("Form.HudProjectType", "1").Set("Form.MaxStayDays", "120")
        .Set("Form.HudFunded", "true").Set("Form.Region", "spa-6").Set("Form.Latitude", "33.9897").Set("Form.Longitude", "-118.2906")
        .Set("Form.Confidential", "true").Set("Form.Address", "5 Quiet Court, Los Angeles, CA 90044")
        .Set("Form.IntakePhone", "+1 323 555 0199").Set("Form.IntakeEmail", "intake@casa.example").Set("Form.IntakeHours", "24/7")
        .Set("Form.Services", "legal_aid", "counseling", "childcare").Set("Form.Languages", "English, español, ko")
        .Set("Form.Genders", "woman", "non_binary").Set("Form.MinAdultAge", "18").Set("Form.MaxAdultAge", "64").Set("Form.MaxChildAge", "17")
        .Set("Form.MaxBoyAge", "12").Set("Form.MaxHouseholdSize", "6").Set("Form.Pregnancy", "required").Set("Form.TraffickingTypes", "sex", "labor")
        .Set("Form.HomelessCategories", "1", "4").Set("Form.PetsAllowed", "true").Set("Form.WheelchairAccessible", "true")
        .Set("Form.SobrietyRequired", "true").Set("Form.IdRequired", "true").Set("Form.ImmigrationDocumentsRequired", "true")
        .Set("Form.ReferralOnly", "true").Set("Form.CriminalRecord", "case_by_case").Set("Form.Curfew", "21:30")
        .Set("Form.Inventory[0].HouseholdType", "adults_only").Set("Form.Inventory[0].Beds", "8").Set("Form.Inventory[0].Units", "")
        .Set("Form.Inventory[0].StartDate", "2026-01-15");

    private static Task<string> ReadableTextAsync(string page) =>
        Task.FromResult(System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(page, "<[^>]*>", " "), "\\s+", " "));
}

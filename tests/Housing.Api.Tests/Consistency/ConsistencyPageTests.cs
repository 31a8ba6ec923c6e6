using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;

namespace Housing.Api.Tests.Consistency;

/// <summary>
/// Admins are told: the admin hub says when the last check left something open and links to the
/// page that lists it, in words (English or Spanish), each program linked; the page runs the
/// check on request. Nobody else opens it.
/// </summary>
public sealed class ConsistencyPageTests(DatabaseEngine engine) : ConsistencyTest(engine)
{
    private const string Page = "/admin/consistency";

    [Test]
    public async Task TheHubSaysWhatIsOpenAndThePageListsItAndRunsTheCheck()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6);
        var phantom = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        await EndBehindTheBackAsync(phantom, "declined");
        await ShrinkAdultsInventoryAsync(program);
        var admin = await ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);

        var before = await admin.GetPageAsync(Page);
        Assert.That(before, Does.Contain("The check has not run yet."));
        Assert.That(await admin.GetPageAsync("/admin"), Does.Contain("<a href=\"/admin/consistency\">Consistency check</a>: holds and counts that add up, checked every 15 minutes")
            .And.Not.Contain("could not repair"));

        var ran = await admin.PostFormAsync($"{Page}?handler=Run", before, []);
        var page = await ran.Content.ReadAsStringAsync();

        Assert.That(ran.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo($"{Page}?done=ran"));
        Assert.That(page, Does.Contain("The check has run.").And.Contain("checked 1 program."));
        Assert.That(page, Does.Contain("Found, not repaired (1)").And.Contain("Count beyond the inventory")
            .And.Contain("The latest count gives 5 open beds for adults without children, more than the 3 in today&#x27;s inventory."));
        Assert.That(page, Does.Contain("Repaired (1)").And.Contain("Phantom hold").And.Contain("Released: the beds are offered again."));
        Assert.That(page, Does.Contain($"<a href=\"/admin/programs/{program.Id}\">Harbor House Emergency Shelter</a>"));
        Assert.That(page, Does.Not.Contain("phantom_hold").And.Not.Contain("posted_beyond_inventory"), "words, not codes");
        Assert.That(await admin.GetPageAsync("/admin"), Does.Contain("The last consistency check found 1 problem it could not repair.")
            .And.Contain("See what it found"));
    }

    [Test]
    public async Task ThePageAndTheHubLineAreInSpanish()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6);
        await ShrinkAdultsInventoryAsync(program);
        await CheckAsync();
        var client = App.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var admin = new ConsoleBrowser(client);
        await admin.PostFormAsync("/", await admin.GetPageAsync("/"), new() { ["ApiKey"] = HousingApp.AdminKey });

        var page = await admin.GetPageAsync(Page);

        Assert.That(page, Does.Contain("<html lang=\"es\">").And.Contain("Comprobación de coherencia").And.Contain("Encontrado, sin reparar (1)")
            .And.Contain("El último recuento da 5 camas libres para adultos sin niños, más que las 3 del inventario de hoy.")
            .And.Contain("Hacer la comprobación ahora").And.Contain("No hubo nada que reparar."));
        Assert.That(page, Does.Not.Contain("Found, not repaired").And.Not.Contain("Run the check now"));
        Assert.That(await admin.GetPageAsync("/admin"), Does.Contain("La última comprobación de coherencia encontró 1 problema que no pudo reparar."));
    }

    [Test]
    public async Task OnlyAnAdminOpensThePage()
    {
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var shelter = await App.NewShelterAsync();
        foreach (var key in new[] { await Admin.IssueKeyAsync("reporter"), await Admin.IssueKeyAsync("case_manager", agency), await Admin.IssueKeyAsync("shelter", shelter.OrganizationId) })
        {
            var browser = await ConsoleBrowser.SignInAsync(App, key);
            Assert.That((await browser.Client.GetAsync(Page)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }
    }

    private static async Task ShrinkAdultsInventoryAsync(ShelterProgram program)
    {
        var smaller = Bodies.Emergency(program.Shelter.OrganizationId);
        smaller["inventory"] = new JsonArray(Bodies.Beds("adults_only", beds: 3, units: 0), Bodies.Beds("adults_with_children", beds: 12, units: 4));
        await (await program.Client.PutJsonAsync($"/v1/programs/{program.Id}", smaller)).ExpectAsync(HttpStatusCode.OK);
    }
}

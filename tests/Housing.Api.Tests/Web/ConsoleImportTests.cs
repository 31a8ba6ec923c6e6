using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Housing.Api.Data;
using Housing.Api.Tests.Imports;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>
/// The console's HMIS import page: an upload is a dry run that writes nothing; its files wait on
/// the server, for this session only, until the admin confirms or cancels; a bad export shows its
/// problems; a confidential program's address never appears.
/// </summary>
public sealed partial class ConsoleImportTests(DatabaseEngine engine) : HousingTest(engine)
{
    private Task<ConsoleBrowser> AdminBrowserAsync() => ConsoleBrowser.SignInAsync(App, HousingApp.AdminKey);

    private static Task<HttpResponseMessage> UploadAsync(ConsoleBrowser browser, string? page, HmisSample sample, string? source = null)
    {
        var file = new StreamContent(sample.Zip());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var content = new MultipartFormDataContent { { file, "files", "export.zip" } };
        if (source is not null) content.Add(new StringContent(source), "source");
        if (page is not null) content.Add(new StringContent(ConsoleBrowser.Token(page)), "__RequestVerificationToken");
        return browser.Client.PostAsync("/admin/import", content);
    }

    private static async Task<string> PageOf(HttpResponseMessage response)
    {
        var page = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
        return page;
    }

    private static string TokenOf(string page) => ConfirmToken().Match(page) is { Success: true } m ? m.Groups[1].Value
        : throw new AssertionException("The page has no confirmation form.");

    private async Task<int> ProgramCountAsync() => (await Admin.GetJsonAsync("/v1/programs?limit=200")).Items().Count;

    private string[] Uploads() => Directory.Exists(App.UploadsPath) ? Directory.GetDirectories(App.UploadsPath) : [];

    [Test]
    public async Task EveryFormThatPostsCarriesItsOwnAntiforgeryToken()
    {
        var browser = await AdminBrowserAsync();
        var form = await browser.GetPageAsync("/admin/import");
        var plan = await PageOf(await UploadAsync(browser, form, new HmisSample()));
        foreach (var page in new[] { form, plan })
        {
            var posts = PostForm().Matches(page).Select(m => m.Value).ToList();
            Assert.That(posts, Is.Not.Empty);
            Assert.That(posts.Where(f => !f.Contains("__RequestVerificationToken")), Is.Empty, "a browser posts only its own form's fields");
        }
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex PostForm();

    [Test]
    public async Task ADryRunShowsThePlanInWordsAndWritesNothingThenTheConfirmationImportsExactlyThatAndDeletesTheUpload()
    {
        var browser = await AdminBrowserAsync();
        Assert.That(await browser.GetPageAsync("/admin"), Does.Contain("<a href=\"/admin/import\">Import from HMIS</a>"));
        var form = await browser.GetPageAsync("/admin/import");
        Assert.That(form, Does.Contain("enctype=\"multipart/form-data\"").And.Contain("type=\"file\" multiple"));

        var plan = await PageOf(await UploadAsync(browser, form, new HmisSample()));
        Assert.That(plan, Does.Contain("What the import would do").And.Contain("Dry run: nothing has been written yet.")
            .And.Contain("Organisations: 2 to create, 0 to update.")
            .And.Contain("Programs: 2 to create, 0 to update, 0 unchanged, 1 skipped; 1 confidential."));
        Assert.That(plan, Does.Contain("Safe Passage Transitional").And.Contain(">confidential<")
            .And.Contain("confidential: address not imported; the shelter adds it for placements")
            .And.Contain("a project type this service does not place people in").And.Contain("Metro Los Angeles (SPA 4), CA-600"));
        Assert.That(plan, Does.Not.Contain("not_served").And.Not.Contain("address_not_imported").And.Not.Contain("1200 W 7th St"));
        Assert.That(await ProgramCountAsync(), Is.Zero, "a dry run writes nothing");
        Assert.That(Uploads(), Has.Length.EqualTo(1), "the upload waits for its confirmation");

        var done = await PageOf(await browser.PostFormAsync("/admin/import?handler=Confirm", plan, new() { ["token"] = TokenOf(plan) }));
        Assert.That(done, Does.Contain("Imported: the programs below are saved").And.Contain("What the import did")
            .And.Contain("Programs: 2 created, 0 updated, 0 unchanged, 1 skipped; 1 confidential."));
        var programs = (await Admin.GetJsonAsync("/v1/programs?limit=200")).Items();
        Assert.That(programs.Select(p => (string?)p["name"]), Is.EquivalentTo(new[] { "Harbor House Emergency Shelter", "Safe Passage Transitional" }));
        foreach (var p in programs) Assert.That(done, Does.Contain($"<a href=\"/admin/programs/{p["id"]}\">"), "each imported program links to its editor");
        Assert.That(Uploads(), Is.Empty, "the files are deleted once imported");

        var confidential = programs.Single(p => (string?)p["name"] == "Safe Passage Transitional");
        foreach (var page in new[] { plan, done, await browser.GetPageAsync($"/admin/programs/{confidential["id"]}"), await browser.GetPageAsync("/admin/audit") })
        {
            Assert.That(page, Does.Not.Contain(HmisSample.HiddenAddress));
        }

        var again = await PageOf(await browser.PostFormAsync("/admin/import?handler=Confirm", done, new() { ["token"] = TokenOf(plan) }));
        Assert.That(again, Does.Contain("Nothing was imported: this upload is no longer here."));
        Assert.That(await ProgramCountAsync(), Is.EqualTo(2), "a second confirmation imports nothing more");
    }

    [Test]
    public async Task ACancelDeletesTheUploadAndImportsNothing()
    {
        var browser = await AdminBrowserAsync();
        var plan = await PageOf(await UploadAsync(browser, await browser.GetPageAsync("/admin/import"), new HmisSample(), source: "ca-600"));
        Assert.That(Uploads(), Has.Length.EqualTo(1));

        var cancelled = await PageOf(await browser.PostFormAsync("/admin/import?handler=Cancel", plan, new() { ["token"] = TokenOf(plan) }));
        Assert.That(cancelled, Does.Contain("Cancelled: nothing was imported and the uploaded files are deleted."));
        Assert.That(Uploads(), Is.Empty);
        var confirm = await PageOf(await browser.PostFormAsync("/admin/import?handler=Confirm", plan, new() { ["token"] = TokenOf(plan) }));
        Assert.That(confirm, Does.Contain("this upload is no longer here"));
        Assert.That(await ProgramCountAsync(), Is.Zero);
    }

    [Test]
    public async Task AnotherAdminSessionCannotConfirmOrCancelSomeoneElsesUpload()
    {
        var browser = await AdminBrowserAsync();
        var plan = await PageOf(await UploadAsync(browser, await browser.GetPageAsync("/admin/import"), new HmisSample()));
        var other = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("admin"));
        var otherPage = await other.GetPageAsync("/admin/import");

        Assert.That(await PageOf(await other.PostFormAsync("/admin/import?handler=Confirm", otherPage, new() { ["token"] = TokenOf(plan) })),
            Does.Contain("this upload is no longer here"));
        await other.PostFormAsync("/admin/import?handler=Cancel", otherPage, new() { ["token"] = TokenOf(plan) });
        Assert.That(await ProgramCountAsync(), Is.Zero);
        Assert.That(Uploads(), Has.Length.EqualTo(1), "the other session's cancel did not delete it");

        Assert.That(await PageOf(await browser.PostFormAsync("/admin/import?handler=Confirm", plan, new() { ["token"] = TokenOf(plan) })),
            Does.Contain("Imported: the programs below are saved"));
        Assert.That(await ProgramCountAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task AnUploadNeverConfirmedIsDeletedAfterAnHour()
    {
        var browser = await AdminBrowserAsync();
        var plan = await PageOf(await UploadAsync(browser, await browser.GetPageAsync("/admin/import"), new HmisSample()));
        App.Clock.Advance(TimeSpan.FromMinutes(59));
        await browser.GetPageAsync("/admin/import");
        Assert.That(Uploads(), Has.Length.EqualTo(1));

        App.Clock.Advance(TimeSpan.FromMinutes(2));
        await browser.GetPageAsync("/admin/import");
        Assert.That(Uploads(), Is.Empty, "swept at the next use of the page");
        Assert.That(await PageOf(await browser.PostFormAsync("/admin/import?handler=Confirm", plan, new() { ["token"] = TokenOf(plan) })),
            Does.Contain("this upload is no longer here"));
        Assert.That(await ProgramCountAsync(), Is.Zero);
    }

    [Test]
    public async Task ABadExportShowsItsProblemsByFileLineAndColumnAndWritesNothing()
    {
        var sample = new HmisSample();
        sample.Rows("Project.csv")[0]["ProjectType"] = "99";
        sample.Rows("Inventory.csv")[1]["ProjectID"] = "P404";
        var browser = await AdminBrowserAsync();

        var page = await PageOf(await UploadAsync(browser, await browser.GetPageAsync("/admin/import"), sample));
        Assert.That(page, Does.Contain("The export was not imported, and nothing was written.")
            .And.Contain("<th scope=\"row\">Project.csv</th><td>line 2, column ProjectType:")
            .And.Contain("<th scope=\"row\">Inventory.csv</th><td>line 3, column ProjectID:"));
        Assert.That(page, Does.Not.Contain("What the import would do").And.Not.Contain("handler=Confirm").And.Not.Contain(HmisSample.HiddenAddress));
        Assert.That(Uploads(), Is.Empty, "a refused export is not kept");
        Assert.That(await ProgramCountAsync(), Is.Zero);
    }

    [Test]
    public async Task NoFilesOrABadSourceIsAFormErrorNotAFailure()
    {
        var browser = await AdminBrowserAsync();
        var form = await browser.GetPageAsync("/admin/import");
        var content = new MultipartFormDataContent { { new StringContent(ConsoleBrowser.Token(form)), "__RequestVerificationToken" } };
        Assert.That(await PageOf(await browser.Client.PostAsync("/admin/import", content)), Does.Contain("Choose the export&#x27;s files").Or.Contain("Choose the export's files"));
        Assert.That(await PageOf(await UploadAsync(browser, form, new HmisSample(), source: "CA 600!")), Does.Contain("aria-invalid=\"true\""));
        Assert.That(Uploads(), Is.Empty);
    }

    [Test]
    public async Task AnUploadWithoutTheAntiforgeryTokenIsRefused()
    {
        var browser = await AdminBrowserAsync();
        var response = await UploadAsync(browser, null, new HmisSample());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Uploads(), Is.Empty);
    }

    [TestCase("case_manager")]
    [TestCase("reporter")]
    [TestCase("shelter")]
    public async Task OnlyAnAdminReachesTheImportPage(string role)
    {
        var organization = await Admin.CreateOrganizationAsync("Pacific Coalition", role == "shelter" ? "provider" : "agency");
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync(role, role == "reporter" ? null : organization));
        Assert.That((await browser.Client.GetAsync("/admin/import")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var page = await (await browser.Client.GetAsync("/forbidden")).Content.ReadAsStringAsync();
        var content = new MultipartFormDataContent { { new StreamContent(new HmisSample().Zip()), "files", "export.zip" } };
        if (page.Contains("__RequestVerificationToken", StringComparison.Ordinal)) content.Add(new StringContent(ConsoleBrowser.Token(page)), "__RequestVerificationToken");
        Assert.That((await browser.Client.PostAsync("/admin/import", content)).StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest));
        Assert.That(Uploads(), Is.Empty);
        Assert.That(await ProgramCountAsync(), Is.Zero);
    }

    [Test]
    public async Task TheImportPageReadsInSpanish()
    {
        var browser = await AdminBrowserAsync();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var form = await browser.GetPageAsync("/admin/import");
        Assert.That(form, Does.Contain("Importar desde HMIS"));
        var plan = await PageOf(await UploadAsync(browser, form, new HmisSample()));
        Assert.That(plan, Does.Contain("Lo que haría la importación").And.Contain("confidencial"));
    }

    [GeneratedRegex("name=\"token\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex ConfirmToken();
}

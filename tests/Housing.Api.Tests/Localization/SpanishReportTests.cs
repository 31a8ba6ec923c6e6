using System.Net;
using System.Net.Http.Json;
using Housing.Api.Data;
using Housing.Api.Reports;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Reports;

namespace Housing.Api.Tests.Localization;

/// <summary>
/// A report is stored once, as figures, and its page is rendered from them for each reader: the
/// same day reads in Spanish for a reader who asks for it, in the API's HTML and on the console's
/// page, while its CSV keeps the documented English columns and codes. (Razor writes letters
/// outside ASCII as character references, "ni&amp;#xF1;os": the pages are read decoded, as a browser shows them.)
/// </summary>
public sealed class SpanishReportTests(DatabaseEngine engine) : ReportTest(engine)
{
    private static readonly string[] SpanishHeadings =
        ["<h2>Resumen</h2>", "<h2>Todo el condado</h2>", "<h2>Necesidad no cubierta</h2>", "<h2>Programas</h2>", "<h2>Uso por tipo de hogar</h2>", "Familias con niños"];

    private static readonly string[] EnglishHeadings =
        ["<h2>Summary</h2>", "<h2>The whole county</h2>", "<h2>Unmet need</h2>", "<h2>Programs</h2>", "Utilisation by", "Families with children", "Capacity report"];

    private readonly TempDirectory _folder = new();

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings!) { ["Reports:OutputFolder"] = _folder.Path };

    [TearDown]
    public void RemoveFolder() => _folder.Dispose();

    [SetUp]
    public async Task ADayWithFamiliesAndAConfidentialProgram()
    {
        await NewProgramAsync(adultsOpen: 5, familiesOpen: 6, name: "Harbor House");
        await NewProgramAsync(name: "Safe Haven", body: o => Bodies.ConfidentialEmergency(o, "Safe Haven"));
        AdvanceTo(DayDue);
        await RunReportAsync(Admin, Day);
    }

    private async Task<HttpResponseMessage> ReportAsync(string accept, string? language)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/reports/capacity/{Day}");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (language is not null) request.Headers.TryAddWithoutValidation("Accept-Language", language);
        var response = await Admin.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return response;
    }

    [Test]
    public async Task TheReportsHtmlIsSpanishForAReaderWhoAsksAndEnglishOtherwise()
    {
        var spanish = WebUtility.HtmlDecode(await (await ReportAsync("text/html", "es")).Content.ReadAsStringAsync());
        var english = WebUtility.HtmlDecode(await (await ReportAsync("text/html", null)).Content.ReadAsStringAsync());

        Assert.That(spanish, Does.Contain("<html lang=\"es\">").And.Contain($"<h1>Informe de capacidad del {Day}</h1>"));
        Assert.That(spanish, Does.Contain($"El día {Day} de medianoche a medianoche, hora de Los Angeles."));
        foreach (var heading in SpanishHeadings) Assert.That(spanish, Does.Contain(heading));
        foreach (var heading in EnglishHeadings) Assert.That(spanish, Does.Not.Contain(heading));

        Assert.That(english, Does.Contain("<html lang=\"en\">").And.Contain($"<h1>Capacity report for {Day}</h1>"));
        Assert.That(english, Does.Contain("(Los Angeles). Programs that did not post within"), "one sentence after another");
        foreach (var heading in SpanishHeadings) Assert.That(english, Does.Not.Contain(heading));
    }

    [Test]
    public async Task TheFoldersPageIsEnglishEvenWhenASpanishReaderRebuiltTheReport()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/reports/capacity/runs")
        {
            Content = JsonContent.Create(new { date = Day, rebuild = true }),
        };
        request.Headers.TryAddWithoutValidation("Accept-Language", "es");
        await (await Admin.SendAsync(request)).ExpectAsync(HttpStatusCode.OK);

        var html = File.ReadAllText(_folder.PathOf($"capacity-{Day}.html"));
        Assert.That(html, Does.Contain("<html lang=\"en\">").And.Contain("<h2>Summary</h2>").And.Not.Contain("Resumen"));
    }

    [Test]
    public async Task TheCsvKeepsItsEnglishColumnsAndCodesWhateverTheLanguage()
    {
        var csv = await (await ReportAsync("text/csv", "es")).Content.ReadAsStringAsync();

        Assert.That(csv.Split('\n')[0].TrimEnd('\r'), Is.EqualTo(string.Join(",", ReportCsv.Header)));
        Assert.That(csv, Does.Contain("All programs").And.Not.Contain("Todos los programas"));
    }

    [Test]
    public async Task TheConsolesReportsPageIsSpanish()
    {
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("reporter"));
        browser.Client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "es");

        var page = WebUtility.HtmlDecode(await browser.GetPageAsync($"/reports/{Day}"));

        Assert.That(page, Does.Contain($"Informe de capacidad del {Day}").And.Contain(">Descargas</h2>").And.Contain(">Todas las fechas</h2>"));
        Assert.That(page, Does.Contain(">Informe en CSV</a>"));
        foreach (var heading in SpanishHeadings) Assert.That(page, Does.Contain(heading));
        foreach (var heading in EnglishHeadings.Append(">Downloads<").Append(">Every date<")) Assert.That(page, Does.Not.Contain(heading));
    }
}

using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>The search page takes and shows languages as people say them, not as codes.</summary>
public sealed class ConsoleSearchWordsTests(DatabaseEngine engine) : HousingTest(engine)
{
    private Task<(ConsoleBrowser Browser, string Form)> SearchPageAsync() => App.SearchPageWithOneShelterAsync();

    private static Dictionary<string, string> Adult(string languages) => new()
    {
        ["Form.Members[0].Role"] = "adult",
        ["Form.Members[0].Age"] = "29",
        ["Form.Members[0].Genders"] = "woman",
        ["Form.Languages"] = languages,
        ["Form.IdempotencyKey"] = "page-1",
    };

    [TestCase("Spanish")]
    [TestCase("español, Tagalog")]
    [TestCase("es tl")]
    public async Task LanguagesAreTakenByNameOrCodeAndShownByName(string typed)
    {
        var (browser, form) = await SearchPageAsync();
        var results = await (await browser.PostFormAsync("/search", form, Adult(typed))).Content.ReadAsStringAsync();
        Assert.That(results, Does.Contain("1 program can take the whole household now"));
        Assert.That(results, Does.Contain("Staff speak Spanish."));
        Assert.That(results, Does.Not.Contain("Staff speak es"));
    }

    [Test]
    public async Task ALanguageTheServiceDoesNotKnowIsNamedBesideTheField()
    {
        var (browser, form) = await SearchPageAsync();
        var page = await (await browser.PostFormAsync("/search", form, Adult("Spanish, Klingon"))).Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain("&#x27;Klingon&#x27; is not a language the service knows").Or.Contain("'Klingon' is not a language the service knows"));
        Assert.That(page, Does.Not.Contain("can take the whole household now"));
    }
}

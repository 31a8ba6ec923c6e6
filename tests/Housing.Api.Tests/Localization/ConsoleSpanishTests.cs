using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Localization;
using Housing.Api.Matching;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;

namespace Housing.Api.Tests.Localization;

/// <summary>
/// The console read in Spanish, page by page, as a browser that asks for Spanish (or a person
/// who pressed the switch) sees it: the page says it is Spanish, its own words are Spanish, and
/// none of the English words it shows in English are left.
/// </summary>
public sealed class ConsoleSpanishTests(DatabaseEngine engine) : ReferralTest(engine)
{
    /// <summary>A browser whose language is Spanish (Accept-Language: es), signed in with the key.</summary>
    private async Task<ConsoleBrowser> SpanishBrowserAsync(string apiKey)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var browser = new ConsoleBrowser(client);
        var signIn = await browser.GetPageAsync("/");
        var response = await browser.PostFormAsync("/", signIn, new() { ["ApiKey"] = apiKey });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return browser;
    }

    /// <summary>Presses the switch on <paramref name="page"/>: Spanish for the rest of the browser session.</summary>
    private static async Task SwitchToSpanishAsync(ConsoleBrowser browser, string page) =>
        Assert.That((await browser.PostFormAsync("/language", page, new() { ["language"] = "es", ["ReturnUrl"] = "/" })).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));

    private static void InSpanish(string page, string[] spanish, string[] english)
    {
        Assert.That(page, Does.Contain("<html lang=\"es\">"));
        foreach (var words in spanish) Assert.That(page, Does.Contain(words), $"the page says \"{words}\"");
        foreach (var words in english) Assert.That(page, Does.Not.Contain(words), $"\"{words}\" is left in English");
    }

    /// <summary>The layout's words, on every signed-in page of a case manager.</summary>
    private static readonly string[] CaseManagerNav = [">Buscar una cama<", ">Camas libres<", ">Referidos<", ">Consultas<", ">Alertas<", "Cerrar sesión", "gestor(a) de casos"];

    private static readonly string[] EnglishNav = [">Find a bed<", ">Open beds<", ">Referrals<", ">Asks<", ">Watches<", ">Sign out<", "case manager"];

    [Test]
    public async Task TheSignInPageIsInSpanish()
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");
        var page = await new ConsoleBrowser(client).GetPageAsync("/");

        InSpanish(page,
            ["<title>Iniciar sesión · Housing</title>", ">Clave de API<", "nunca la clave", ">Iniciar sesión</button>"],
            ["Sign in", "API key", "administrator", "never the key"]);

        var refused = await (await new ConsoleBrowser(client).PostFormAsync("/", page, new() { ["ApiKey"] = "hk_not_a_key" })).Content.ReadAsStringAsync();
        InSpanish(refused, ["Esa clave no es válida, o fue revocada."], ["not valid"]);
    }

    [Test]
    public async Task TheSearchPageAndItsResultsAreInSpanish()
    {
        var (browser, english) = await App.SearchPageWithOneShelterAsync();
        Assert.That(english, Does.Contain("<html lang=\"en\">").And.Contain("Find matches"));
        await SwitchToSpanishAsync(browser, english);

        var form = await browser.GetPageAsync("/search");
        InSpanish(form,
            [.. CaseManagerNav, "Quién necesita un lugar esta noche", ">Persona 1<", ">Adulto<", ">Mujer<", "Tiene mascotas", "Trata de personas sufrida",
                "Seguridad frente al tratante", ">Lugar no seguro 1<", "Código postal o lugar", ">Albergue de emergencia<", "Buscar opciones"],
            [.. EnglishNav, "Find matches", "Who needs a place tonight", "Person 1", "Has pets", "Unsafe place", "Safety from the trafficker",
                "Emergency shelter", "Kind of place"]);

        var response = await browser.PostFormAsync("/search", form, new()
        {
            ["Form.Members[0].Role"] = "adult",
            ["Form.Members[0].Age"] = "29",
            ["Form.Members[0].Genders"] = "woman",
            ["Form.IdempotencyKey"] = "page-1",
        });
        var results = await response.Content.ReadAsStringAsync();
        InSpanish(results,
            ["1 programa puede recibir a todo el hogar ahora", "camas libres</strong> para adultos sin niños", "Referencia del cliente",
                "Referir solo a", "Por qué no los demás", "Cambiar la búsqueda"],
            ["can take the whole household", "Client reference", "Refer to", "Why not the others", "Change the search"]);

        // The words the page's script shows as an unsafe place is typed.
        var place = await browser.PostFormAsync("/search?handler=Place", form, new() { ["Form.Places[0].Where"] = "90057" });
        Assert.That((await place.Content.ReadFromJsonAsync<JsonObject>())!["text"]!.GetValue<string>(),
            Is.EqualTo("Código postal 90057: un círculo de 5 km alrededor de su centro, en MacArthur Park."));
    }

    [Test]
    public async Task TheOpenBedsPageIsInSpanish()
    {
        await NewProgramAsync();
        var browser = await SpanishBrowserAsync(await Admin.IssueKeyAsync("case_manager", (await NewAgencyAsync()).Id));

        var page = await browser.GetPageAsync("/beds");
        InSpanish(page,
            [.. CaseManagerNav, "<h1>Camas libres</h1>", "Cualquier tipo", "programa con lugar", "camas para adultos sin niños",
                "Conteo publicado", "Referir un hogar aquí"],
            [.. EnglishNav, "Open beds", "Any kind", "with room, freshest first", "beds for", "Count posted", "Refer a household here", "just now"]);
    }

    [Test]
    public async Task AReferralsPageIsInSpanishForTheCaseManagerAndTheShelter()
    {
        var program = await NewProgramAsync();
        var agency = await NewAgencyAsync();
        var key = await Admin.IssueKeyAsync("case_manager", agency.Id);
        var id = (await ReferAsync(App.Client(key), Referral(SingleWoman(), "PCAT-5001", program.Id))).Id();

        var caseManager = await SpanishBrowserAsync(key);
        var page = await caseManager.GetPageAsync($"/referrals/{id}");
        InSpanish(page,
            [.. CaseManagerNav, "<h1>Referido PCAT-5001</h1>", "1 persona, adultos sin niños: adulto de 31 años (mujer)", "Cómo va",
                "pendiente: esperando al albergue", "Cancelar este referido y liberar las camas", "¿Cancelar el referido PCAT-5001?", "Sí, cancelarlo"],
            [.. EnglishNav, "Where it stands", "pending: waiting", "Cancel this referral", "Yes, cancel it", "No, keep it", "1 person,", "Made "]);

        var list = await caseManager.GetPageAsync("/referrals");
        InSpanish(list, [">Cliente<", ">Estado<", "Los referidos de su agencia."], [">Client<", ">Status<", "Your agency's referrals", "Newest first"]);

        var shelter = await SpanishBrowserAsync(await Admin.IssueKeyAsync("shelter", program.Shelter.OrganizationId));
        var asShelter = await shelter.GetPageAsync($"/referrals/{id}");
        InSpanish(asShelter,
            ["Aceptar PCAT-5001", "Rechazar…", "Quién rechaza", "Elija un motivo", "sin cupo"],
            ["Accept PCAT-5001", "Decline…", "Who declines", "Choose a reason", "no room"]);
    }

    [Test]
    public async Task TheSheltersPageIsInSpanish()
    {
        var program = await NewProgramAsync();
        var agency = await NewAgencyAsync();
        await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "PCAT-5002", program.Id));

        var shelter = await SpanishBrowserAsync(await Admin.IssueKeyAsync("shelter", program.Shelter.OrganizationId));
        var page = await shelter.GetPageAsync("/shelter");
        InSpanish(page,
            [">Nuestros programas<", "Referidos que esperan su respuesta (1)", "Camas reservadas hasta", "Conteos de camas libres",
                "Camas libres ahora", "Ofrecidas a gestores de casos ahora: 4 camas.", "Reservadas, esperando su respuesta: 1 cama.", ">Guardar<",
                "Los conteos siguen bien: publicarlos de nuevo", "Última actualización:", "personal del albergue"],
            ["Our programs", "Referrals waiting for your answer", "Beds free now", "Offered to case managers", "Held, waiting", ">Save<",
                "Counts are still right", "Last update", "shelter staff", "None right now"]);
    }

    [Test]
    public void EveryNeedTheRulesDeclareHasItsWordsInBothLanguages()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            var words = Language.Cultures.Select(culture =>
            {
                CultureInfo.CurrentUICulture = culture;
                return HouseholdNeeds.All.Select(n => (n.Label, n.Listed)).ToList();
            }).ToList();

            for (var i = 0; i < HouseholdNeeds.All.Count; i++)
            {
                var need = HouseholdNeeds.All[i];
                Assert.That(words[1][i].Label, Is.Not.EqualTo(words[0][i].Label), $"{need.Name}'s checkbox in Spanish");
                Assert.That(words[1][i].Listed is null, Is.EqualTo(words[0][i].Listed is null), $"{need.Name} is listed in both languages or neither");
            }
            Assert.That(words[1].Single(w => w.Label == "Tiene mascotas").Listed, Is.EqualTo("mascotas"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Test]
    public async Task TheAskAndWatchListsAreInSpanish()
    {
        var browser = await SpanishBrowserAsync(await Admin.IssueKeyAsync("case_manager", (await NewAgencyAsync()).Id));

        InSpanish(await browser.GetPageAsync("/asks"), [.. CaseManagerNav, "Todavía no hay consultas."], [.. EnglishNav, "No asks yet", "Refresh now"]);
        InSpanish(await browser.GetPageAsync("/watches"), [.. CaseManagerNav, "Todavía no hay alertas."], [.. EnglishNav, "No watches yet", "Refresh now"]);
    }
}

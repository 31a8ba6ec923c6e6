using System.Net;
using Housing.Api.Data;
using Housing.Api.Localization;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Localization;

/// <summary>
/// Which language a person reads: the console's switch for the rest of the browser session, else
/// what the browser or client asks for (Accept-Language), else English.
/// </summary>
public sealed class LanguageChoiceTests(DatabaseEngine engine) : HousingTest(engine)
{
    private async Task<HttpResponseMessage> SignInPageAsync(HttpClient client, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return response;
    }

    private static async Task<string> LangOfAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var at = html.IndexOf("<html lang=\"", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), html);
        return html[(at + 12)..html.IndexOf('"', at + 12)];
    }

    [TestCase(null, "en")]
    [TestCase("es", "es")]
    [TestCase("es-MX,es;q=0.9,en;q=0.8", "es")]
    [TestCase("es-419", "es")]
    [TestCase("fr-FR, es;q=0.5", "es")]
    [TestCase("en;q=0.4, es;q=0.6", "es")]
    [TestCase("en-US,en;q=0.9,es;q=0.8", "en")]
    [TestCase("fr, de", "en")]
    [TestCase("es;q=0, en;q=0.1", "en")]
    [TestCase("not a language header ;;;", "en")]
    public async Task TheBrowsersLanguageChoosesWhenNothingElseHas(string? acceptLanguage, string expected)
    {
        var response = await SignInPageAsync(App.CreateClient(), acceptLanguage);

        Assert.That(await LangOfAsync(response), Is.EqualTo(expected));
        Assert.That(response.Content.Headers.ContentLanguage, Is.EqualTo(new[] { expected }));
        Assert.That(response.Headers.Vary, Does.Contain("Accept-Language"));
    }

    [Test]
    public async Task ASpanishPageIsInSpanish()
    {
        var html = await (await SignInPageAsync(App.CreateClient(), "es")).Content.ReadAsStringAsync();

        Assert.That(html, Does.Contain(">Saltar al contenido principal<"));
        Assert.That(html, Does.Contain(">English</button>"), "the switch offers the other language");
    }

    [Test]
    public async Task TheSwitchLastsForTheBrowserSessionOverTheBrowsersLanguage()
    {
        var browser = new ConsoleBrowser(App.CreateClient());
        var page = await browser.GetPageAsync("/");

        var switched = await browser.PostFormAsync("/language", page, new() { ["language"] = "es", ["ReturnUrl"] = "/?signedOut=1" });

        Assert.That(switched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(switched.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo("/?signedOut=1"), "back where the switch was pressed");
        Assert.That(await LangOfAsync(switched), Is.EqualTo("es"));
        Assert.That(await LangOfAsync(await SignInPageAsync(browser.Client, "en-US")), Is.EqualTo("es"), "the switch wins over the header");

        var back = await browser.PostFormAsync("/language", await browser.GetPageAsync("/"), new() { ["language"] = "en" });
        Assert.That(await LangOfAsync(back), Is.EqualTo("en"));
    }

    [Test]
    public async Task TheSwitchCookieEndsWithTheBrowserSessionAndSaysOnlyTheLanguage()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("housing_antiforgery", StringComparison.Ordinal)).Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/language")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "es", ["__RequestVerificationToken"] = ConsoleBrowser.Token(html) }),
        };
        request.Headers.Add("Cookie", antiforgery);

        var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(LanguageServices.Cookie, StringComparison.Ordinal));
        Assert.That(cookie, Does.StartWith("housing_language=es;").And.Contain("httponly").IgnoreCase.And.Not.Contain("expires").IgnoreCase.And.Not.Contain("max-age").IgnoreCase);
    }

    [TestCase("fr")]
    [TestCase("es-MX-x")]
    [TestCase("")]
    public async Task AnUnknownLanguageChangesNothing(string language)
    {
        var browser = new ConsoleBrowser(App.CreateClient());

        var response = await browser.PostFormAsync("/language", await browser.GetPageAsync("/"), new() { ["language"] = language });

        Assert.That(await LangOfAsync(response), Is.EqualTo("en"));
    }

    [TestCase("https://example.org/")]
    [TestCase("//example.org/")]
    public async Task TheSwitchReturnsOnlyToThisSite(string returnUrl)
    {
        var browser = new ConsoleBrowser(App.CreateClient());

        var response = await browser.PostFormAsync("/language", await browser.GetPageAsync("/"), new() { ["language"] = "es", ["ReturnUrl"] = returnUrl });

        Assert.That(response.RequestMessage!.RequestUri!.Host, Is.EqualTo("localhost"));
        Assert.That(response.RequestMessage.RequestUri.AbsolutePath, Is.EqualTo("/"));
    }

    [Test]
    public async Task TheSwitchNeedsTheFormsToken()
    {
        var browser = new ConsoleBrowser(App.CreateClient());
        await browser.GetPageAsync("/");

        var response = await browser.PostFormAsync("/language", null, new() { ["language"] = "es" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}

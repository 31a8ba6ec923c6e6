using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Web;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>
/// Single sign-on in a browser, against a real OpenID Connect provider on its own port (the API
/// tests' <see cref="TestIdentityProvider"/>, which has no login page: the test says who is signed
/// in there). The sign-in page's button goes to the provider and back: an invited person lands
/// signed in, with JavaScript or without; anyone else, or a provider that says no, is back at the
/// sign-in page with one sentence, no session and nothing created.
/// </summary>
public sealed class SingleSignOnFlowTests : BrowserTest
{
    private const string Provider = "Pacific Coalition";
    private const string Refused = "That account could not sign in here";

    private TestIdentityProvider _idp = null!;
    private Guid _agency;

    protected override async Task<IReadOnlyDictionary<string, string>?> AppSettingsAsync()
    {
        // The provider first: the app reads its discovery document from the authority it is given.
        _idp = await TestIdentityProvider.StartAsync();
        return new Dictionary<string, string>
        {
            // By the name localhost, while the console is at 127.0.0.1: another site, as a real provider
            // is, so the browser treats the trip there and back as cross-site (its cookies' SameSite).
            ["People:Oidc:Authority"] = _idp.Authority.Replace("//127.0.0.1:", "//localhost:", StringComparison.Ordinal),
            ["People:Oidc:ClientId"] = _idp.ClientId,
            ["People:Oidc:ClientSecret"] = _idp.ClientSecret,
            ["People:Oidc:DisplayName"] = Provider,
            ["People:Oidc:RequireHttpsMetadata"] = "false",
        };
    }

    protected override async Task SeedAsync()
    {
        // The console's address is known only once it runs.
        _idp.AllowRedirectUri(App.BaseUrl + SingleSignOn.CallbackPath);
        _agency = await App.Admin.CreateOrganizationAsync(Provider, "agency");
    }

    [OneTimeTearDown]
    public async Task StopProvider()
    {
        if (_idp is not null) await _idp.DisposeAsync();
    }

    private ILocator SignInWithProvider(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {Provider}", Exact = true });

    private async Task InviteAsync(string email, string role = "case_manager") =>
        await (await App.Admin.PostJsonAsync("/v1/people", new JsonObject { ["email"] = email, ["role"] = role, ["organizationId"] = _agency }))
            .ExpectAsync(HttpStatusCode.Created);

    private async Task<IReadOnlyList<string>> InvitedEmailsAsync() =>
        (await App.Admin.GetJsonAsync("/v1/people")).AsArray().Select(p => (string)p!["email"]!).ToList();

    /// <summary>Back at the sign-in page with the one sentence, and no session: a console page still sends them to sign in.</summary>
    private async Task RefusedAsync(IPage page, int width)
    {
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/?done=sso-refused");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(Refused);
        await Expect(SignInWithProvider(page)).ToBeVisibleAsync();
        await NoSidewaysScrollingAsync(page, width);
        await page.GotoAsync("/reports");
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/?returnUrl=%2Freports");
        Assert.That(await page.Context.CookiesAsync(), Has.None.Matches<BrowserContextCookiesResult>(c => c.Name is ConsoleAuth.CookieName or ConsoleAuth.PendingCookieName));
    }

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task AnInvitedPersonSignsInWithTheirAgencysAccount(int width, int height)
    {
        var email = $"ana.{width}@pacific.example.org";
        await InviteAsync(email);
        _idp.SignInAs(email);
        var tokens = _idp.IssuedIdentityTokens;
        await Page.SetViewportSizeAsync(width, height);

        await Page.GotoAsync("/");
        await ShotAsync(Page, $"sign-in-with-provider-{width}");
        await SignInWithProvider(Page).ClickAsync();

        await Expect(Page).ToHaveURLAsync(App.BaseUrl + "/search");
        await Expect(Page.Locator("header")).ToContainTextAsync(email);
        await NoSidewaysScrollingAsync(Page, width);
        await ShotAsync(Page, $"signed-in-with-provider-{width}");
        Assert.That(_idp.IssuedIdentityTokens, Is.EqualTo(tokens + 1), "signed in by the provider's identity token");
    }

    [Test]
    public async Task WithoutJavaScriptTheConsolesPartOfTheTripStillWorks()
    {
        var email = "no.script@pacific.example.org";
        await InviteAsync(email);
        _idp.SignInAs(email);
        var page = await (await NewContextAsync(Viewport, javaScript: false)).NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await SignInWithProvider(page).ClickAsync();
            // The provider's form_post page submits itself with a script; without one, it shows a button.
            await page.Locator("form[method=post] [type=submit]").ClickAsync();
            // Then the console's page moves on by itself (a meta refresh, no script) into the session.
            await Expect(page).ToHaveURLAsync(App.BaseUrl + "/search");
            await Expect(page.Locator("header")).ToContainTextAsync(email);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task SomeoneNotInvitedIsRefusedInWordsAndNothingIsCreated(int width, int height)
    {
        var before = await InvitedEmailsAsync();
        var stranger = $"stranger.{width}@pacific.example.org";
        _idp.SignInAs(stranger);
        await Page.SetViewportSizeAsync(width, height);

        await Page.GotoAsync("/");
        await SignInWithProvider(Page).ClickAsync();

        await RefusedAsync(Page, width);
        await Page.GotoAsync("/?done=sso-refused");
        await ShotAsync(Page, $"sso-refused-{width}");
        Assert.That(await InvitedEmailsAsync(), Is.EqualTo(before), "no one was created for the stranger");
    }

    [Test]
    public async Task AProviderThatSaysNoBringsThemBackToSignInWithWordsNotAnErrorPage()
    {
        _idp.SignInAs(null);
        var codes = _idp.IssuedCodes;

        await Page.GotoAsync("/");
        await SignInWithProvider(Page).ClickAsync();

        await RefusedAsync(Page, 1280);
        Assert.That(_idp.IssuedCodes, Is.EqualTo(codes), "the provider answered access_denied, not a code");
    }

    [Test]
    public async Task TheSignInPageWithItsSingleSignOnButtonPassesAxe()
    {
        await Page.GotoAsync("/");
        await Expect(SignInWithProvider(Page)).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(Page, "sign in, with single sign-on");

        await Page.GotoAsync("/?done=sso-refused");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(Refused);
        await Axe.AssertAccessibleAsync(Page, "sign in, single sign-on refused");
    }
}

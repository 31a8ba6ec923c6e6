using System.Net;
using System.Text.RegularExpressions;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Housing.Api.Tests.People;

/// <summary>
/// Single sign-on against a real OpenID Connect provider started by the test: a person invited
/// here signs in with their agency's account (matched by verified email, then by the provider's
/// subject); anyone not invited, disabled, or refused by the provider does not.
/// </summary>
public sealed class SingleSignOnTests(DatabaseEngine engine) : HousingTest(engine)
{
    private TestIdentityProvider? _idp;

    // Over https: the handler's correlation and nonce cookies are SameSite=None, so Secure, and this
    // client's cookie jar sends a Secure cookie only over https (Chromium also to http on loopback).
    private static readonly Uri ConsoleAddress = new("https://localhost");

    private TestIdentityProvider Idp => _idp ??= TestIdentityProvider.StartAsync(new Uri(ConsoleAddress, "/signin-oidc").ToString()).GetAwaiter().GetResult();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["People:Oidc:Authority"] = Idp.Authority,
        ["People:Oidc:ClientId"] = Idp.ClientId,
        ["People:Oidc:ClientSecret"] = Idp.ClientSecret,
        ["People:Oidc:DisplayName"] = "Pacific Coalition",
        ["People:Oidc:RequireHttpsMetadata"] = "false",
    };

    [TearDown]
    public async Task StopIdp()
    {
        if (_idp is not null) await _idp.DisposeAsync();
    }

    /// <summary>The browser's trip: the sign-in page's button, the provider, back to the console. Where it goes on to, and the client to go on with.</summary>
    private async Task<(string Landed, HttpClient Browser)> SignInWithProviderAsync()
    {
        // The handler's correlation cookies expire by the app's clock; the test client's cookie jar goes by the real one.
        if (App.Clock.GetUtcNow() < DateTimeOffset.UtcNow) App.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var browser = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ConsoleAddress });
        var signIn = await browser.GetAsync("/");
        Assert.That(signIn.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain($"form-action 'self' {Idp.Authority.TrimEnd('/')};"),
            "the button's form is redirected to the provider, and a browser holds that to form-action");
        var page = await signIn.Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain("Sign in with Pacific Coalition"));
        var challenge = await browser.PostAsync("/?handler=Sso", new FormUrlEncodedContent([new("__RequestVerificationToken", ConsoleBrowser.Token(page))]));
        Assert.That(challenge.Headers.Location!.ToString(), Does.StartWith(Idp.Authority + "connect/authorize?").And.Contain("code_challenge="));
        var answer = await Idp.AuthorizeAsync(challenge.Headers.Location!.ToString());
        var back = await answer.DeliverAsync(browser);
        return (await GoesOnToAsync(back), browser);
    }

    /// <summary>A refusal redirects; a sign-in answers a page that goes on by itself, so the browser sends the new SameSite=Strict session cookie.</summary>
    private static async Task<string> GoesOnToAsync(HttpResponseMessage back)
    {
        if (back.Headers.Location is { } location) return location.ToString();
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await back.Content.ReadAsStringAsync();
        var refresh = Regex.Match(page, """<meta http-equiv="refresh" content="0; url=([^"]+)">""");
        Assert.That(refresh.Success, page);
        Assert.That(page, Does.Contain($"""<a href="{refresh.Groups[1].Value}">Continue</a>"""), "a link too, for a browser that does not refresh");
        return WebUtility.HtmlDecode(refresh.Groups[1].Value);
    }

    [Test]
    public async Task AnInvitedPersonSignsInWithTheirAgencysAccountAndIsLinkedToIt()
    {
        var agency = await Admin.CreateOrganizationAsync("Pacific Coalition", "agency");
        var (id, _) = await PersonSignIns.InviteAsync(Admin, "ana@pacific.example.org", "case_manager", agency);
        Idp.SignInAs("Ana@Pacific.example.org", subject: "pc-0042");

        var (landed, browser) = await SignInWithProviderAsync();

        Assert.That(landed, Is.EqualTo("/"));
        var home = await browser.GetAsync("/");
        Assert.That(home.Headers.Location?.ToString(), Is.EqualTo("/search"), "signed in: the sign-in page sends them on");
        var search = await (await browser.GetAsync("/search")).Content.ReadAsStringAsync();
        Assert.That(search, Does.Contain("ana@pacific.example.org"));
        var listed = (await Admin.GetJsonAsync("/v1/people")).AsArray().Single()!;
        Assert.That((string?)listed["status"], Is.EqualTo("active"));
        Assert.That((await Admin.GetJsonAsync($"/v1/audit?action=person.signed_in_with_sso&entityId={id}")).Items(), Has.Count.EqualTo(1));

        // Linked by subject now: a later sign-in finds them even if the provider's email changed.
        Idp.SignInAs("ana.new@pacific.example.org", subject: "pc-0042");
        Assert.That((await SignInWithProviderAsync()).Landed, Is.EqualTo("/"));
        Assert.That((await Admin.GetJsonAsync($"/v1/audit?action=person.signed_in_with_sso&entityId={id}")).Items(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task SomeoneNotInvitedDisabledOrRefusedByTheProviderDoesNotComeIn()
    {
        Idp.SignInAs("stranger@pacific.example.org");
        var (landed, browser) = await SignInWithProviderAsync();
        Assert.That(landed, Is.EqualTo("/?done=sso-refused"));
        Assert.That(await (await browser.GetAsync(landed)).Content.ReadAsStringAsync(), Does.Contain("That account could not sign in here"));
        var reports = await browser.GetAsync("/reports");
        Assert.That(reports.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(reports.Headers.Location!.ToString(), Does.Contain("returnUrl=%2Freports"), "no session: sent to sign in");

        var (id, _) = await PersonSignIns.InviteAsync(Admin, "off@pacific.example.org", "reporter");
        await (await Admin.PostAsync($"/v1/people/{id}/disable", null)).ExpectAsync(HttpStatusCode.OK);
        Idp.SignInAs("off@pacific.example.org");
        Assert.That((await SignInWithProviderAsync()).Landed, Is.EqualTo("/?done=sso-refused"), "disabled");

        Idp.SignInAs(null);
        Assert.That((await SignInWithProviderAsync()).Landed, Is.EqualTo("/?done=sso-refused"), "the provider said no");

        await PersonSignIns.InviteAsync(Admin, "unverified@pacific.example.org", "reporter");
        Idp.SignInAs("unverified@pacific.example.org", emailVerified: false);
        Assert.That((await SignInWithProviderAsync()).Landed, Is.EqualTo("/?done=sso-refused"), "an email the provider has not verified matches no one");
    }
}

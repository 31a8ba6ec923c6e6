using System.Net;
using Housing.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Housing.Api.Tests.Auth;

/// <summary>
/// ASP.NET Core's own OpenID Connect handler, the client the console builds on, signs a person in
/// against the test provider: discovery, the form_post answer, the code redeemed with PKCE and the
/// client secret, and the id_token's signature, issuer, audience and nonce all pass its checks. The
/// relying party here is a bare app, not the console.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)]
public class TestIdentityProviderInteropTests
{
    private TestIdentityProvider _idp = null!;
    private WebApplication _relyingParty = null!;
    private HttpClient _browser = null!;

    [SetUp]
    public async Task Start()
    {
        _idp = await TestIdentityProvider.StartAsync();
        _relyingParty = RelyingParty(_idp);
        await _relyingParty.StartAsync();
        var address = _relyingParty.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _idp.AllowRedirectUri(address + "/signin-oidc");
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(address),
        };
    }

    [TearDown]
    public async Task Stop()
    {
        _browser.Dispose();
        await _relyingParty.DisposeAsync();
        await _idp.DisposeAsync();
    }

    [Test]
    public async Task TheOpenIdConnectHandlerSignsInThePersonTheProviderNames()
    {
        _idp.SignInAs("ana@example.org", subject: "sub-123");

        var challenge = await _browser.GetAsync("/me");
        Assert.That(challenge.Headers.Location!.ToString(), Does.StartWith(_idp.Authority + "connect/authorize?").And.Contain("code_challenge="));
        var answer = await _idp.AuthorizeAsync(challenge.Headers.Location!.ToString());
        var callback = await answer.DeliverAsync(_browser);
        var me = await _browser.GetAsync(callback.Headers.Location);

        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await me.Content.ReadAsStringAsync(), Is.EqualTo("sub-123 ana@example.org true"));
        Assert.That((_idp.IssuedCodes, _idp.IssuedIdentityTokens), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task TheOpenIdConnectHandlerHearsAccessDeniedWhenNoOneIsSignedIn()
    {
        var challenge = await _browser.GetAsync("/me");
        var answer = await _idp.AuthorizeAsync(challenge.Headers.Location!.ToString());
        var callback = await answer.DeliverAsync(_browser);

        Assert.That(callback.Headers.Location?.ToString(), Is.EqualTo("/refused?error=access_denied"));
        Assert.That((await _browser.GetAsync("/me")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "still not signed in");
    }

    private static WebApplication RelyingParty(TestIdentityProvider idp)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddAuthentication(o => (o.DefaultScheme, o.DefaultChallengeScheme) =
                (CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme))
            .AddCookie()
            .AddOpenIdConnect(o =>
            {
                (o.Authority, o.ClientId, o.ClientSecret) = (idp.Authority, idp.ClientId, idp.ClientSecret);
                o.RequireHttpsMetadata = false;
                // The handler asks for response_type=id_token (the implicit flow) unless told otherwise;
                // the provider, like the console, allows only the code flow.
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.Scope.Add("email");
                o.MapInboundClaims = false;
                // The handler's own cookies are Secure by default, and no client sends those over http.
                o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/refused?error=" + context.Request.Form["error"]);
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        var app = builder.Build();
        app.MapGet("/me", async context =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await context.ChallengeAsync();
                return;
            }
            await context.Response.WriteAsync($"{context.User.FindFirst("sub")?.Value} {context.User.FindFirst("email")?.Value} {context.User.FindFirst("email_verified")?.Value}");
        });
        return app;
    }
}

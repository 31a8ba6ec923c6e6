using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Housing.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Housing.Api.Tests.Auth;

/// <summary>
/// The identity provider the single sign-on tests start is a real one: it publishes its endpoints
/// and keys, runs the authorization code flow with PKCE over plain HTTP, and refuses what a
/// provider must refuse. No database: the console is not involved here.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[Parallelizable(ParallelScope.All)]
public class TestIdentityProviderTests
{
    private const string Callback = "http://localhost/signin-oidc";

    private TestIdentityProvider _idp = null!;
    private HandMadeClient _client = null!;

    [SetUp]
    public async Task Start()
    {
        _idp = await TestIdentityProvider.StartAsync(Callback);
        _client = new HandMadeClient(_idp, Callback);
    }

    [TearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _idp.DisposeAsync();
    }

    [Test]
    public async Task DiscoveryNamesTheEndpointsOfTheCodeFlowWithPkce()
    {
        var discovery = await _client.DiscoveryAsync();

        Assert.That(_idp.Authority, Does.Match(@"^http://127\.0\.0\.1:\d+/$"));
        Assert.That((string?)discovery["issuer"], Is.EqualTo(_idp.Authority));
        Assert.That((string?)discovery["authorization_endpoint"], Is.EqualTo(_idp.Authority + "connect/authorize"));
        Assert.That((string?)discovery["token_endpoint"], Is.EqualTo(_idp.Authority + "connect/token"));
        Assert.That((string?)discovery["userinfo_endpoint"], Is.EqualTo(_idp.Authority + "connect/userinfo"));
        Assert.That(Strings(discovery["response_types_supported"]), Does.Contain("code"));
        Assert.That(Strings(discovery["response_modes_supported"]), Does.Contain("form_post").And.Contain("query"));
        Assert.That(Strings(discovery["code_challenge_methods_supported"]), Does.Contain("S256"));
        Assert.That(Strings(discovery["scopes_supported"]), Does.Contain("openid").And.Contain("email").And.Contain("profile"));
        Assert.That(discovery.ContainsKey("pushed_authorization_request_endpoint"), Is.False, "ASP.NET Core's handler would push requests there");
        Assert.That((await _client.SigningKeysAsync(discovery)).Count, Is.GreaterThan(0));
    }

    [Test]
    public async Task TheSignedInPersonsCodeAndVerifierBuyAnIdTokenSignedWithThePublishedKeys()
    {
        _idp.SignInAs("ana@example.org", subject: "sub-123", name: "Ana");
        var pkce = Pkce.Create();

        var answer = await _idp.AuthorizeAsync(_client.AuthorizeUrl(pkce.Challenge, responseMode: "form_post"));

        Assert.That(answer.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(answer.Target.ToString(), Is.EqualTo(Callback));
        Assert.That(answer.Code, Is.Not.Empty);
        Assert.That((answer.State, answer.Error), Is.EqualTo(("state-1", (string?)null)));
        Assert.That(_idp.IssuedCodes, Is.EqualTo(1));

        var tokens = await _client.RedeemAsync(answer.Code!, pkce.Verifier);
        Assert.That(tokens.Status, Is.EqualTo(HttpStatusCode.OK), tokens.Body.ToJsonString());
        var idToken = await _client.ValidateAsync((string)tokens.Body["id_token"]!);

        Assert.That(idToken.IsValid, Is.True, idToken.Exception?.Message);
        Assert.That(idToken.Claims["sub"], Is.EqualTo("sub-123"));
        Assert.That(idToken.Claims["email"], Is.EqualTo("ana@example.org"));
        Assert.That(idToken.Claims["email_verified"], Is.EqualTo(true));
        Assert.That(idToken.Claims["name"], Is.EqualTo("Ana"));
        Assert.That(idToken.Claims["nonce"], Is.EqualTo("nonce-1"));
        Assert.That(_idp.IssuedIdentityTokens, Is.EqualTo(1));

        using var userInfo = new HttpRequestMessage(HttpMethod.Get, _idp.Authority + "connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (string)tokens.Body["access_token"]!);
        var claims = JsonNode.Parse(await (await _client.Http.SendAsync(userInfo)).Content.ReadAsStringAsync())!;
        Assert.That(((string?)claims["sub"], (string?)claims["email"], (bool?)claims["email_verified"]), Is.EqualTo(("sub-123", "ana@example.org", (bool?)true)));
    }

    [Test]
    public async Task QueryResponseModeRedirectsToTheCallbackWithTheCodeAndState()
    {
        _idp.SignInAs("ana@example.org");

        var response = await _client.Http.GetAsync(_client.AuthorizeUrl(Pkce.Create().Challenge, responseMode: "query"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var location = response.Headers.Location!;
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(Callback));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.That(query["code"].ToString(), Is.Not.Empty);
        Assert.That(query["state"].ToString(), Is.EqualTo("state-1"));
        Assert.That(query["iss"].ToString(), Is.EqualTo(_idp.Authority));
    }

    [Test]
    public async Task WithNoOneSignedInTheCallbackIsToldAccessDenied()
    {
        _idp.SignInAs("ana@example.org");
        _idp.SignInAs(null);

        var answer = await _idp.AuthorizeAsync(_client.AuthorizeUrl(Pkce.Create().Challenge));

        Assert.That(answer.Target.ToString(), Is.EqualTo(Callback));
        Assert.That((answer.Error, answer.Code, answer.State), Is.EqualTo(("access_denied", (string?)null, "state-1")));
        Assert.That(_idp.IssuedCodes, Is.Zero);
    }

    [TestCase("openid", false, false)]
    [TestCase("openid profile", false, true)]
    [TestCase("openid email", true, false)]
    public async Task TheIdTokenCarriesOnlyWhatTheScopesAskedFor(string scope, bool email, bool name)
    {
        _idp.SignInAs("ben@example.org", name: "Ben", emailVerified: false);
        var pkce = Pkce.Create();
        var answer = await _idp.AuthorizeAsync(_client.AuthorizeUrl(pkce.Challenge, scope: scope));

        var idToken = await _client.ValidateAsync((string)(await _client.RedeemAsync(answer.Code!, pkce.Verifier)).Body["id_token"]!);

        Assert.That(idToken.IsValid, Is.True, idToken.Exception?.Message);
        Assert.That(idToken.Claims.ContainsKey("sub"), Is.True);
        Assert.That(Claim(idToken, "email"), Is.EqualTo(email ? "ben@example.org" : null));
        Assert.That(Claim(idToken, "email_verified"), Is.EqualTo(email ? false : null));
        Assert.That(Claim(idToken, "name"), Is.EqualTo(name ? "Ben" : null));
    }

    [Test]
    public async Task AWrongCodeVerifierIsRefused()
    {
        _idp.SignInAs("ana@example.org");
        var answer = await _idp.AuthorizeAsync(_client.AuthorizeUrl(Pkce.Create().Challenge));

        var tokens = await _client.RedeemAsync(answer.Code!, Pkce.Create().Verifier);

        Assert.That((tokens.Status, (string?)tokens.Body["error"]), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant")));
        Assert.That(tokens.Body["id_token"], Is.Null);
        Assert.That(_idp.IssuedIdentityTokens, Is.Zero);
    }

    [Test]
    public async Task ACodeBuysTokensOnlyOnce()
    {
        _idp.SignInAs("ana@example.org");
        var pkce = Pkce.Create();
        var answer = await _idp.AuthorizeAsync(_client.AuthorizeUrl(pkce.Challenge));

        var first = await _client.RedeemAsync(answer.Code!, pkce.Verifier);
        var again = await _client.RedeemAsync(answer.Code!, pkce.Verifier);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((again.Status, (string?)again.Body["error"]), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant")));
        Assert.That(_idp.IssuedIdentityTokens, Is.EqualTo(1));
    }

    [Test]
    public async Task AWrongClientSecretIsRefused()
    {
        _idp.SignInAs("ana@example.org");
        var pkce = Pkce.Create();
        var answer = await _idp.AuthorizeAsync(_client.AuthorizeUrl(pkce.Challenge));

        var tokens = await _client.RedeemAsync(answer.Code!, pkce.Verifier, secret: _idp.ClientSecret + "x");

        Assert.That((tokens.Status, (string?)tokens.Body["error"]), Is.EqualTo((HttpStatusCode.Unauthorized, "invalid_client")));
    }

    [Test]
    public async Task AnUnregisteredRedirectUriGetsNoCodeUntilItIsAllowed()
    {
        _idp.SignInAs("ana@example.org");
        const string elsewhere = "http://127.0.0.1:9/signin-oidc";

        var refused = await _client.Http.GetAsync(_client.AuthorizeUrl(Pkce.Create().Challenge, redirectTo: elsewhere));
        _idp.AllowRedirectUri(elsewhere);
        var allowed = await _idp.AuthorizeAsync(_client.AuthorizeUrl(Pkce.Create().Challenge, redirectTo: elsewhere));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refused.Headers.Location, Is.Null);
        Assert.That(allowed.Target.ToString(), Is.EqualTo(elsewhere));
        Assert.That(allowed.Code, Is.Not.Empty);
        Assert.That(_idp.IssuedCodes, Is.EqualTo(1));
    }

    [Test]
    public async Task AnAuthorizationRequestWithoutPkceIsRefused()
    {
        _idp.SignInAs("ana@example.org");

        var response = await _client.Http.GetAsync(_client.AuthorizeUrl(challenge: null));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("code_challenge"));
        Assert.That(_idp.IssuedCodes, Is.Zero);
    }

    private static object? Claim(TokenValidationResult token, string type) => token.Claims.TryGetValue(type, out var value) ? value : null;

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToList();
}

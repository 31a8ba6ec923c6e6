using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using OAuthErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (OpenIddict's server) on Kestrel at a free 127.0.0.1 port, so the
/// console's single sign-on is tested against a provider rather than a mock. It serves discovery
/// (<c>/.well-known/openid-configuration</c>), its signing keys, the authorization endpoint
/// (authorization code flow, PKCE required, <c>response_mode</c> query or form_post), the token
/// endpoint and userinfo, over plain http on loopback (the relying party sets
/// <c>RequireHttpsMetadata = false</c>). It knows one client, <see cref="ClientId"/> with
/// <see cref="ClientSecret"/>, and sends codes only to the redirect URIs it was given.
/// <para>
/// It has no login page: the test decides who is signed in there with <see cref="SignInAs"/>, and
/// until then (or after <c>SignInAs(null)</c>) it answers <c>access_denied</c>. As real providers
/// do, tokens carry <c>email</c> and <c>email_verified</c> only when the client asked for the
/// <c>email</c> scope, and <c>name</c> only with <c>profile</c>; <c>sub</c> always.
/// </para>
/// It keeps nothing on disk (degraded mode: no database; keys live in memory), a code buys tokens
/// once, and each instance has its own port, issuer, client secret and state, so tests can run side
/// by side. The first of a test run is ready in about a second, the others in about a tenth.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ConsoleClientId = "housing-console";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _redirectUris = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _redeemedCodes = new(StringComparer.Ordinal);
    private readonly HttpClient _browser;
    private volatile Person? _person;
    private int _issuedCodes;
    private int _issuedIdentityTokens;

    private static readonly Lazy<RsaSecurityKey> SigningKey = new(() => new RsaSecurityKey(RSA.Create(2048)));

    private sealed record Person(string Subject, string Email, string? Name, bool EmailVerified);

    private TestIdentityProvider(IEnumerable<string> redirectUris)
    {
        foreach (var uri in redirectUris) AllowRedirectUri(uri);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("HOUSING_TEST_LOGS") == "1") builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddOpenIddict().AddServer(Configure);
        _app = builder.Build();
        _app.UseAuthentication();
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
    }

    /// <summary>Starts a provider that sends codes to <paramref name="redirectUris"/> (such as <c>http://localhost/signin-oidc</c>).</summary>
    public static async Task<TestIdentityProvider> StartAsync(params IEnumerable<string> redirectUris)
    {
        var provider = new TestIdentityProvider(redirectUris);
        await provider._app.StartAsync();
        return provider;
    }

    /// <summary>The issuer and base address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public string Authority => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/";

    public string ClientId => ConsoleClientId;

    /// <summary>New for each provider, so a relying party configured for another one is refused.</summary>
    public string ClientSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>Authorization codes sent to a redirect URI.</summary>
    public int IssuedCodes => Volatile.Read(ref _issuedCodes);

    /// <summary>Codes redeemed at the token endpoint for an identity token.</summary>
    public int IssuedIdentityTokens => Volatile.Read(ref _issuedIdentityTokens);

    /// <summary>Also send codes to <paramref name="redirectUri"/>: for a relying party whose address is known only once it runs.</summary>
    public void AllowRedirectUri(string redirectUri) => _redirectUris[redirectUri] = 0;

    /// <summary>
    /// Who every authorization request from now on signs in as; <paramref name="email"/> null signs
    /// them out, and the provider then answers <c>access_denied</c>. The subject defaults to one
    /// derived from the email; give another to test the same address under a new subject.
    /// </summary>
    public void SignInAs(string? email, string? subject = null, string? name = null, bool emailVerified = true) =>
        _person = email is null ? null : new Person(subject ?? "sub-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email)))[..16], email, name, emailVerified);

    /// <summary>
    /// Follows <paramref name="authorizeUrl"/> as a browser would and returns what the provider told
    /// it to deliver to the redirect URI (a redirect, or form_post's self-posting form).
    /// </summary>
    public async Task<AuthorizationAnswer> AuthorizeAsync(string authorizeUrl)
    {
        using var response = await _browser.GetAsync(authorizeUrl);
        return await AuthorizationAnswer.ReadAsync(response);
    }

    private void Configure(OpenIddictServerBuilder server)
    {
        server.SetAuthorizationEndpointUris("connect/authorize")
            .SetTokenEndpointUris("connect/token")
            .SetUserInfoEndpointUris("connect/userinfo");
        server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
        server.RegisterScopes(Scopes.Email, Scopes.Profile);
        // Codes are encrypted with a key of this provider's own. Tokens are signed RS256 (which every
        // relying party must accept) with one RSA key per test run: OpenIddict's ephemeral keys took
        // each provider 3 to 6 s to make here, and each provider's issuer (its port) already keeps
        // one provider's tokens from passing at another.
        server.AddSigningKey(SigningKey.Value)
            .AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)))
            .DisableAccessTokenEncryption();
        // Degraded mode needs no stores: the one client, its redirect URIs and its secret are checked below.
        server.EnableDegradedMode();
        server.UseAspNetCore().DisableTransportSecurityRequirement();

        server.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
        {
            if (context.ClientId != ConsoleClientId) context.Reject(OAuthErrors.InvalidClient, "Unknown client_id.");
            else if (context.RedirectUri is null || !_redirectUris.ContainsKey(context.RedirectUri)) context.Reject(OAuthErrors.InvalidRequest, "The redirect_uri is not registered for this client.");
            return default;
        }));
        server.AddEventHandler<HandleAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
        {
            if (_person is not { } person) context.Reject(OAuthErrors.AccessDenied, "No one is signed in at the test identity provider.");
            else context.SignIn(Principal(person, context.Request.GetScopes()));
            return default;
        }));
        server.AddEventHandler<ApplyAuthorizationResponseContext>(h => h.UseInlineHandler(context =>
        {
            if (context.Response.Code is not null) Interlocked.Increment(ref _issuedCodes);
            return default;
        }));
        // Runs after OpenIddict's own checks of the code (its client, redirect_uri and code_verifier).
        server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
        {
            if (context.Request.ClientId != ConsoleClientId || !SameSecret(context.Request.ClientSecret))
                context.Reject(OAuthErrors.InvalidClient, "Unknown client or wrong client_secret.");
            else if (!_redeemedCodes.TryAdd(context.Request.Code!, 0))
                context.Reject(OAuthErrors.InvalidGrant, "The authorization code was already redeemed.");
            return default;
        }));
        server.AddEventHandler<HandleTokenRequestContext>(h => h.UseInlineHandler(context =>
        {
            context.SignIn(context.AuthorizationCodePrincipal!);
            return default;
        }));
        server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseInlineHandler(context =>
        {
            if (context.Response.IdToken is not null) Interlocked.Increment(ref _issuedIdentityTokens);
            return default;
        }));
        server.AddEventHandler<HandleUserInfoRequestContext>(h => h.UseInlineHandler(context =>
        {
            var principal = context.AccessTokenPrincipal!;
            if (principal.HasScope(Scopes.Email))
            {
                context.Email = principal.GetClaim(Claims.Email);
                context.EmailVerified = principal.GetClaim(Claims.EmailVerified) == "true";
            }
            if (principal.HasScope(Scopes.Profile) && principal.GetClaim(Claims.Name) is { } name) context.Claims[Claims.Name] = name;
            return default;
        }));
    }

    private static ClaimsPrincipal Principal(Person person, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(authenticationType: nameof(TestIdentityProvider), nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject);
        var granted = scopes.ToList();
        if (granted.Contains(Scopes.Email)) identity.SetClaim(Claims.Email, person.Email).SetClaim(Claims.EmailVerified, person.EmailVerified);
        if (granted.Contains(Scopes.Profile) && person.Name is not null) identity.SetClaim(Claims.Name, person.Name);
        identity.SetScopes(granted);
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private bool SameSecret(string? secret) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(ClientSecret));

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

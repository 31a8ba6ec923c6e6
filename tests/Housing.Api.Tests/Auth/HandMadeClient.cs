using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Housing.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Housing.Api.Tests.Auth;

/// <summary>
/// The calls an OpenID Connect client makes, written out with a plain <see cref="HttpClient"/> (no
/// redirects followed) and Microsoft.IdentityModel, so a test sees each step against the provider.
/// </summary>
public sealed class HandMadeClient(TestIdentityProvider idp, string redirectUri) : IDisposable
{
    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    public string AuthorizeUrl(string? challenge, string scope = "openid email profile", string responseMode = "form_post", string? redirectTo = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = idp.ClientId,
            ["redirect_uri"] = redirectTo ?? redirectUri,
            ["response_type"] = "code",
            ["response_mode"] = responseMode,
            ["scope"] = scope,
            ["state"] = "state-1",
            ["nonce"] = "nonce-1",
        };
        if (challenge is not null) (query["code_challenge"], query["code_challenge_method"]) = (challenge, "S256");
        return QueryHelpers.AddQueryString(idp.Authority + "connect/authorize", query);
    }

    /// <summary>Exchanges the code at the token endpoint, authenticating with the client secret in the body.</summary>
    public async Task<(HttpStatusCode Status, JsonNode Body)> RedeemAsync(string code, string verifier, string? secret = null)
    {
        var response = await Http.PostAsync(idp.Authority + "connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = idp.ClientId,
            ["client_secret"] = secret ?? idp.ClientSecret,
        }));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public async Task<JsonObject> DiscoveryAsync() =>
        JsonNode.Parse(await Http.GetStringAsync(idp.Authority + ".well-known/openid-configuration"))!.AsObject();

    public async Task<IList<SecurityKey>> SigningKeysAsync(JsonObject discovery) =>
        new JsonWebKeySet(await Http.GetStringAsync((string)discovery["jwks_uri"]!)).GetSigningKeys();

    /// <summary>Checks an identity token as a relying party would: the keys discovery points to, the issuer, this client as audience.</summary>
    public async Task<TokenValidationResult> ValidateAsync(string idToken) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = idp.Authority,
            ValidAudience = idp.ClientId,
            IssuerSigningKeys = await SigningKeysAsync(await DiscoveryAsync()),
        });

    public void Dispose() => Http.Dispose();
}

/// <summary>A PKCE pair: the verifier the client keeps and its S256 challenge, sent with the authorization request.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce Create()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new(verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}

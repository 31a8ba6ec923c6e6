using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Housing.Api.People;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Housing.Api.Web;

/// <summary>An agency's identity provider (the <c>People:Oidc</c> section); with no authority, there is no single sign-on.</summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "People:Oidc";

    /// <summary>The provider's issuer, such as <c>https://login.example.org/</c>; its discovery document is read from there.</summary>
    [StringLength(500)] public string Authority { get; set; } = "";

    [StringLength(200)] public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>What the sign-in button calls the provider: "Sign in with {DisplayName}".</summary>
    [StringLength(80)] public string DisplayName { get; set; } = "your agency's account";

    /// <summary>The claim holding the person's email, matched against the people invited here.</summary>
    [StringLength(100)] public string EmailClaim { get; set; } = "email";

    /// <summary>Off only for a provider on this machine in tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Configured => Authority.Length > 0;
}

/// <summary>
/// Single sign-on with OpenID Connect (the code flow with PKCE). The provider proves who the
/// person is; this service decides whether they may come in: only someone an admin invited
/// (matched by the provider's subject once linked, at first by their verified email), and not
/// disabled. The provider's own second factor stands in for ours. What comes back is the
/// console's ordinary session, checked on every request like any other.
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "Oidc";
    public const string CallbackPath = "/signin-oidc";

    public static void AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SingleSignOnOptions>().BindConfiguration(SingleSignOnOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var sso = configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!sso.Configured) return;
        services.AddAuthentication().AddOpenIdConnect(Scheme, o =>
        {
            (o.Authority, o.ClientId, o.ClientSecret) = (sso.Authority, sso.ClientId, sso.ClientSecret);
            o.RequireHttpsMetadata = sso.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("email");
            o.MapInboundClaims = false;
            o.CallbackPath = CallbackPath;
            o.SignInScheme = ConsoleAuth.Pending;
            o.SaveTokens = false;
            o.Events.OnTokenValidated = SignInAsync;
            o.Events.OnRemoteFailure = context =>
            {
                // The provider's error code or the check that failed; never a token.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
                    .LogWarning("Single sign-on did not complete: {Reason}", context.Failure?.Message);
                context.Response.Redirect("/?done=sso-refused");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>The provider said who this is: let them in as the person invited here, or not at all.</summary>
    private static async Task SignInAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<SingleSignOnOptions>>().Value;
        var people = services.GetRequiredService<PeopleOperations>();
        var principal = context.Principal!;
        var issuer = principal.FindFirst("iss")?.Value ?? options.Authority;
        var subject = principal.FindFirst("sub")?.Value;
        var email = principal.FindFirst(options.EmailClaim)?.Value;
        var verified = principal.FindFirst("email_verified")?.Value is not ("false" or "False");
        var person = subject is null ? null : await people.SingleSignOnAsync($"{issuer}|{subject}", verified ? email : null, context.HttpContext.RequestAborted);
        if (person is null)
        {
            context.Response.Redirect("/?done=sso-refused");
            context.HandleResponse();
            return;
        }
        await services.GetRequiredService<PersonSignIn>().CompleteAsync(context.HttpContext, person, context.HttpContext.RequestAborted);
        var back = context.Properties?.RedirectUri is { Length: > 0 } uri && uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal)
            ? uri
            : Pages.IndexModel.Home(person.Caller);
        context.HandleResponse();
        await MoveOnAsync(context.Response, back);
    }

    /// <summary>
    /// A page that goes on to <paramref name="back"/> by itself (a meta refresh: no script), rather than a
    /// redirect. The trip to here began at the provider, another site, and the session cookie is
    /// SameSite=Strict: a browser does not send it on a redirect that ends such a trip, so the person
    /// landed on the sign-in page as if refused. A navigation from this page is same-site, and carries it.
    /// </summary>
    private static Task MoveOnAsync(HttpResponse response, string back)
    {
        var html = HtmlEncoder.Default;
        var to = html.Encode(back);
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync($"""
            <!doctype html>
            <html lang="{Language.Current}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="0; url={to}"><title>{html.Encode(ConsoleText.SignIn_Title)} · Housing</title></head>
            <body><main><p><a href="{to}">{html.Encode(ConsoleText.Codes_Continue)}</a></p></main></body>
            </html>
            """);
    }
}

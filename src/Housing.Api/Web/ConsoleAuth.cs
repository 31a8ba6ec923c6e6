using System.Globalization;
using System.Security.Claims;
using Housing.Api.Auth;
using Housing.Api.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web;

/// <summary>
/// The console's session: a person's password (and code), or an API key, is exchanged once for a
/// cookie holding who signed in, their role and organisation (never a secret). The cookie is its
/// own scheme: the API authenticates only X-Api-Key, so a browser's cookie can never drive the
/// JSON API (no CSRF there), and pages accept only the cookie. Every request re-checks that the
/// key is still active, or that the person is enabled and their sessions were not ended since.
/// </summary>
public static class ConsoleAuth
{
    public const string Scheme = "Console";
    public const string CookieName = "housing_session";

    // Policies: the same roles as the API operations each page uses.
    public const string Search = "console:search";
    public const string Referrals = "console:referrals";
    public const string Shelter = "console:shelter";
    /// <summary>A case manager's own asks and watches.</summary>
    public const string Agency = "console:agency";
    public const string Reports = "console:reports";
    /// <summary>Organisations and programs, as the API lets only admin keys create organisations and any program.</summary>
    public const string Admin = "console:admin";
    public const string Any = "console:any";

    private const string SignedInAtClaim = "housing:signed_in_at";
    private const string StampClaim = "housing:session_stamp";

    /// <summary>Between a person's password and their code (or setting up codes): a few minutes, then they start again.</summary>
    public const string Pending = "ConsolePending";
    public const string PendingCookieName = "housing_pending";
    public const string PendingStepClaim = "housing:pending_step";
    public const string OrganizationNameClaim = "housing:organization_name";

    public static AuthenticationBuilder AddConsoleCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/";
            o.LogoutPath = "/sign-out";
            o.AccessDeniedPath = "/forbidden";
            o.ReturnUrlParameter = "returnUrl";
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
        }).AddCookie(Pending, o =>
        {
            o.Cookie.Name = PendingCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            o.SlidingExpiration = false;
        });

    /// <summary>The idle timeout comes from <see cref="ConsoleOptions"/>, which the cookie's own options cannot inject.</summary>
    public sealed class CookieSetup(IOptions<ConsoleOptions> console) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == Scheme) options.ExpireTimeSpan = TimeSpan.FromMinutes(console.Value.SessionIdleMinutes);
        }
    }

    /// <summary>
    /// Signs in a console page's request from its cookie before the rate limiter, so a session
    /// counts against its key like the API does, not against its office's shared address. The
    /// handler caches the result: the page's own authorization does not check the cookie again.
    /// </summary>
    public static IApplicationBuilder UseConsoleSession(this IApplicationBuilder app) =>
        app.UseWhen(c => ConsolePaths.IsConsole(c.Request.Path), console => console.Use(async (context, next) =>
        {
            var session = await context.AuthenticateAsync(Scheme);
            if (session.Succeeded) context.User = session.Principal;
            await next(context);
        }));

    public static void AddConsolePolicies(this AuthorizationBuilder authorization)
    {
        Add(authorization, Any, Role.Admin, Role.CaseManager, Role.Shelter, Role.Reporter);
        Add(authorization, Search, Role.Admin, Role.CaseManager);
        Add(authorization, Referrals, Role.CaseManager, Role.Shelter);
        Add(authorization, Shelter, Role.Shelter);
        Add(authorization, Agency, Role.CaseManager);
        Add(authorization, Reports, Role.Admin, Role.Reporter);
        Add(authorization, Admin, Role.Admin);
    }

    private static void Add(AuthorizationBuilder authorization, string name, params Role[] roles) =>
        authorization.AddPolicy(name, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
            .RequireRole(roles.Select(r => HousingJson.Text(r))));

    /// <summary>One sign-in: its key and when it signed in, so what one session keeps (an uploaded export) is not another's.</summary>
    public static string Session(ClaimsPrincipal user) => $"{user.FindFirstValue(Caller.KeyIdClaim)}/{user.FindFirstValue(SignedInAtClaim)}";

    /// <param name="stamp">A person's session stamp at sign-in: when it changes (disabled, new password), the session ends.</param>
    public static ClaimsPrincipal Principal(Caller caller, string? organizationName, DateTimeOffset now, string? stamp = null)
    {
        var principal = caller.ToPrincipal(Scheme);
        var identity = (ClaimsIdentity)principal.Identity!;
        // The antiforgery token is bound to this claim, so a token from one session is useless in another.
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, caller.KeyId));
        identity.AddClaim(new Claim(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (organizationName is not null) identity.AddClaim(new Claim(OrganizationNameClaim, organizationName));
        if (stamp is not null) identity.AddClaim(new Claim(StampClaim, stamp));
        return principal;
    }

    /// <summary>A person half-way through signing in: who, the stamp their password was checked against, and the step left (<c>code</c> or <c>enrol</c>).</summary>
    public static ClaimsPrincipal PendingPrincipal(Guid personId, string stamp, string step) =>
        new(new ClaimsIdentity([new Claim(Caller.PersonClaim, personId.ToString()), new Claim(StampClaim, stamp), new Claim(PendingStepClaim, step)], Pending));

    /// <summary>The person, stamp and step of a pending sign-in.</summary>
    public static (Guid PersonId, string Stamp, string Step)? PendingOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(Caller.PersonClaim) is { } id && Guid.TryParse(id, out var personId)
        && user.FindFirstValue(StampClaim) is { } stamp && user.FindFirstValue(PendingStepClaim) is { } step
            ? (personId, stamp, step)
            : null;

    /// <summary>Ends the session when its key was revoked, the bootstrap key is gone, its person was disabled or signed in afresh elsewhere with a new password, or it is older than the maximum.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var user = context.Principal!;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var maxAge = TimeSpan.FromHours(services.GetRequiredService<IOptions<ConsoleOptions>>().Value.SessionMaxHours);
        var signedIn = long.TryParse(user.FindFirstValue(SignedInAtClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        var keyId = user.FindFirstValue(Caller.KeyIdClaim);
        var person = user.FindFirstValue(Caller.PersonClaim);
        var active = now - signedIn <= maxAge && keyId switch
        {
            null => false,
            // A person's row is read fresh, not cached: disabling someone ends their session on every instance at its next request.
            _ when person is not null => Guid.TryParse(person, out var personId) && user.FindFirstValue(StampClaim) is { } stamp
                && await services.GetRequiredService<People.PeopleStore>().SessionLiveAsync(personId, stamp, context.HttpContext.RequestAborted),
            _ when keyId == BootstrapAdminKey.Caller.KeyId => services.GetRequiredService<BootstrapAdminKey>().IsConfigured,
            _ => Guid.TryParse(keyId, out var id) && await services.GetRequiredService<ApiKeyStore>().IsActiveAsync(id, context.HttpContext.RequestAborted),
        };
        if (active) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}

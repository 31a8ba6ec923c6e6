using Housing.Api.Web;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Housing.Api.Security;

/// <summary>
/// Headers on every answer. Console pages and files: scripts and styles only from our own files
/// (no inline script, so an injected tag cannot run). The API: nothing may run or be framed at
/// all. Both: no sniffing a type, no framing, no referrer leaving the page, and nothing stored by
/// a browser or a proxy, because answers may show client details. Swagger UI keeps its own
/// scripts. Over HTTPS, HSTS comes from UseHsts.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<ConsoleOptions> console, IOptions<SingleSignOnOptions> sso)
{
    /// <summary>
    /// The console's policy; its maps' images may also come from the tile server the deployment chose
    /// (<c>Console:MapTiles</c>), and only then. Forms post only here, or to the single sign-on
    /// provider's origin when there is one: the sign-in page's button posts here and is redirected
    /// there, and a browser holds that redirect to <c>form-action</c> too (Chromium blocked it).
    /// </summary>
    public static string ContentSecurityPolicy(string? tiles, string? signInProvider = null) =>
        $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:{(tiles is null ? "" : " " + tiles)}; connect-src 'self'; " +
        $"form-action 'self'{(signInProvider is null ? "" : " " + signInProvider)}; frame-ancestors 'none'; base-uri 'none'";

    private readonly string _consolePolicy = ContentSecurityPolicy(console.Value.MapTilesSource, ProviderOrigin(sso.Value));

    private static string? ProviderOrigin(SingleSignOnOptions sso) =>
        sso.Configured && Uri.TryCreate(sso.Authority, UriKind.Absolute, out var authority) ? authority.GetLeftPart(UriPartial.Authority) : null;

    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    public Task InvokeAsync(HttpContext context)
    {
        Apply(context, _consolePolicy);
        // The exception handler clears every header before it writes its problem; the ones it
        // took away go back on as the answer starts, so an error carries them like any answer.
        context.Response.OnStarting(() =>
        {
            Apply(context, _consolePolicy);
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>Adds what is missing and leaves what is there: static files set their own caching, the exception handler its own.</summary>
    private static void Apply(HttpContext context, string consolePolicy)
    {
        var path = context.Request.Path;
        var headers = context.Response.Headers;
        headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
        headers.TryAdd(HeaderNames.XFrameOptions, "DENY");
        headers.TryAdd("Referrer-Policy", "no-referrer");
        if (ConsolePaths.IsConsole(path))
        {
            headers.TryAdd(HeaderNames.ContentSecurityPolicy, consolePolicy);
            headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
            // Static files replace this with their own caching (their URLs carry a version).
            headers.TryAdd(HeaderNames.CacheControl, "no-store");
        }
        else if (!path.StartsWithSegments("/swagger"))
        {
            headers.TryAdd(HeaderNames.ContentSecurityPolicy, ApiContentSecurityPolicy);
            headers.TryAdd(HeaderNames.CacheControl, "no-store");
        }
    }
}

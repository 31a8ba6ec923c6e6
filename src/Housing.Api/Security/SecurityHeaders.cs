using Housing.Api.Console;

namespace Housing.Api.Security;

/// <summary>
/// Headers on every answer. Console pages and files: scripts and styles only from our own files
/// (no inline script, so an injected tag cannot run). The API: nothing may run or be framed at
/// all. Both: no sniffing a type, no framing, no referrer leaving the page, and nothing stored by
/// a browser or a proxy, because answers may show client details. Swagger UI keeps its own
/// scripts. Over HTTPS, HSTS comes from UseHsts.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (ConsolePaths.IsConsole(path))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Static files replace this with their own caching (their URLs carry a version).
            headers.CacheControl = "no-store";
        }
        else if (!path.StartsWithSegments("/swagger"))
        {
            headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
            headers.CacheControl = "no-store";
        }
        return next(context);
    }
}

namespace Housing.Api.Console;

/// <summary>
/// Headers for the console's pages and files: scripts and styles only from our own files (no
/// inline script, so an injected tag cannot run), no framing, no referrer leaving the page, and
/// pages that may show client details are never stored by the browser or a proxy.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        if (ConsolePaths.IsConsole(context.Request.Path))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Static files replace this with their own caching (their URLs carry a version).
            headers.CacheControl = "no-store";
        }
        return next(context);
    }
}

using System.Diagnostics;

namespace Housing.Api.Operations;

/// <summary>
/// One structured line per request, inside a scope carrying the request id, which is also
/// returned as X-Request-Id and in every problem body. Never logs headers, bodies or query
/// strings: they can carry keys or client details.
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public const string Header = "X-Request-Id";
    private const int ClientClosedRequest = 499;

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = context.TraceIdentifier;
        context.Response.Headers[Header] = requestId;
        // Again as the answer starts: the exception handler clears the headers before writing its problem.
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers[Header] = http.TraceIdentifier;
            return Task.CompletedTask;
        }, context);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId });
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            // A client that hung up was sent nothing: say so (499, as proxies do), not the status
            // the error handler set for the unfinished body.
            var status = context.RequestAborted.IsCancellationRequested ? ClientClosedRequest : context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Error : LogLevel.Information;
            logger.Log(level, "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms",
                context.Request.Method, route, status, elapsed);
        }
    }
}

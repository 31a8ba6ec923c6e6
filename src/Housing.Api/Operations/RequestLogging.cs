using System.Diagnostics;

namespace Housing.Api.Operations;

/// <summary>
/// One structured line per request, with the request id, which is also returned as X-Request-Id
/// and in every problem body; every other line written during the request carries it too, in the
/// host's own scope (RequestId, with the trace and span ids). Never logs headers, bodies or query
/// strings: they can carry keys or client details. The line is written by generated code (no
/// boxing, no parsing of the template) and queued: a slow console never holds a request up
/// (Logging:Console:QueueFullMode, see docs/operations.md).
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
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
            Responded(logger, status >= 500 ? LogLevel.Error : LogLevel.Information, context.Request.Method, route, status, elapsed, requestId);
        }
    }

    [LoggerMessage(EventId = 1, Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms ({RequestId})")]
    private static partial void Responded(ILogger logger, LogLevel level, string method, string route, int statusCode, double elapsedMs, string requestId);
}

using System.IO.Pipelines;
using Housing.Api.Web;
using Microsoft.AspNetCore.Http.Features;

namespace Housing.Api.Operations;

/// <summary>
/// HEAD on an API path is answered as the GET would be, headers and all (status, ETag,
/// Content-Type, the security headers), with the body dropped: RFC 9110 asks for it, and a
/// monitor or a cache checking a resource should not have to fetch it. Minimal APIs route HEAD
/// only where an endpoint names it, so the request is routed as a GET. The method is HEAD again
/// for whatever runs after it (the request log); the console's pages answer HEAD themselves.
/// </summary>
public sealed class HeadRequests(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method) || ConsolePaths.IsConsole(context.Request.Path))
        {
            await next(context);
            return;
        }
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new DroppedBody(body));
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Features.Set(body);
        }
    }

    /// <summary>
    /// Kestrel already sends no body for HEAD, but not every server does (the test host
    /// sends what is written): dropping it here makes the answer the same on each.
    /// </summary>
    private sealed class DroppedBody(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
    {
        public Stream Stream => Stream.Null;

        public PipeWriter Writer { get; } = PipeWriter.Create(Stream.Null);

        public void DisableBuffering() => inner.DisableBuffering();

        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task CompleteAsync() => inner.CompleteAsync();
    }
}

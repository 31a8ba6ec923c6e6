using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Housing.Api.Tests.Webhooks;

/// <summary>One call the receiver got: the path, the headers a shelter verifies, the raw body, and what it answered.</summary>
public sealed record ReceivedCall(string Path, string? EventId, string? EventType, string? Timestamp, string? Signature, string? ContentType,
    string Body, int Answered);

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port, standing in for a shelter's endpoint. It records
/// every call, and answers 503 while <see cref="Down"/> or for the next calls set by <see cref="FailNext"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedCall> _calls = new();
    private int _failuresLeft;

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        ((IApplicationBuilder)_app).Run(ReceiveAsync);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>Answer 503 to every call while set.</summary>
    public volatile bool Down;

    public void FailNext(int calls) => Interlocked.Exchange(ref _failuresLeft, calls);

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public int Port => BaseAddress.Port;

    /// <summary>A URL on this receiver, such as <c>http://127.0.0.1:41234/shelter</c>.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public IReadOnlyList<ReceivedCall> Calls => _calls.ToList();

    /// <summary>The calls answered 2xx: the events that were delivered.</summary>
    public IReadOnlyList<ReceivedCall> Delivered(string? path = null) =>
        Calls.Where(c => c.Answered is >= 200 and < 300 && (path is null || c.Path == "/" + path.TrimStart('/'))).ToList();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var failing = Down || Interlocked.Decrement(ref _failuresLeft) >= 0;
        var status = failing ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        var headers = context.Request.Headers;
        _calls.Enqueue(new ReceivedCall(context.Request.Path, headers["Housing-Event-Id"], headers["Housing-Event-Type"],
            headers["Housing-Timestamp"], headers["Housing-Signature"], headers.ContentType, body, status));
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

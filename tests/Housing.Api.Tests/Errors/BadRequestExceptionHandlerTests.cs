using System.Text.Json.Nodes;
using Housing.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Errors;

/// <summary>
/// Refusals the in-memory server cannot provoke: Kestrel throws them while the body is read,
/// and the exception handler hands them to <see cref="BadRequestExceptionHandler"/>.
/// </summary>
public class BadRequestExceptionHandlerTests
{
    [TestCase(null)]
    [TestCase("text/html")]
    public async Task ABodyTooSlowIsATimeoutProblemNotAMalformedRequest(string? accept)
    {
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddHousingErrors()
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = "/v1/programs";
        if (accept is not null) context.Request.Headers.Accept = accept;
        context.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<BadRequestExceptionHandler>(services);
        // What Kestrel throws when a body arrives under MinRequestBodyDataRate.
        var slow = new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly. See MinRequestBodyDataRate.", StatusCodes.Status408RequestTimeout);

        var handled = await handler.TryHandleAsync(context, slow, CancellationToken.None);

        Assert.That(handled, Is.True);
        Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status408RequestTimeout));
        Assert.That(context.Response.ContentType, Does.StartWith("application/problem+json"));
        context.Response.Body.Position = 0;
        var problem = JsonNode.Parse(context.Response.Body)!;
        Assert.That(((int?)problem["status"], (string?)problem["title"]), Is.EqualTo((408, "Request timeout")));
        Assert.That((string?)problem["requestId"], Is.EqualTo(context.TraceIdentifier));
    }
}

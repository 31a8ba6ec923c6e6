using System.Net;
using System.Text;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Errors;

/// <summary>
/// Every refusal of an API request is the same kind of answer, whoever raises it (the key check,
/// routing, binding, the body limit, the exception handler) and whatever the client accepts:
/// problem+json with a status, a title and a requestId that matches X-Request-Id, under the
/// headers every answer carries. A client reads one shape, and a log line can always be found.
/// One app per refusal, asked with every Accept header in turn: the app is the expensive part.
/// </summary>
public class RefusalShapeTests(DatabaseEngine engine) : HousingTest(engine)
{
    private static readonly string?[] Accepts = ["text/html", "text/csv", "application/xml", "*/*", null, "application/json"];

    public static IEnumerable<TestCaseData> Refusals()
    {
        var refusals = new (string Name, HttpStatusCode Status, Func<HousingApp, Task<(HttpClient, Func<HttpRequestMessage>)>> Request)[]
        {
            ("no key", HttpStatusCode.Unauthorized, app => As(app.Client(null), HttpMethod.Get, "/v1/programs")),
            ("wrong role for a report", HttpStatusCode.Forbidden, async app => await As((await app.NewShelterAsync()).Client, HttpMethod.Get, "/v1/reports/capacity")),
            ("unmatched route", HttpStatusCode.NotFound, app => As(app.Admin, HttpMethod.Get, "/v1/nothing-here")),
            ("wrong method", HttpStatusCode.MethodNotAllowed, app => As(app.Admin, HttpMethod.Delete, "/v1/programs")),
            ("malformed JSON", HttpStatusCode.BadRequest, app => As(app.Admin, HttpMethod.Post, "/v1/programs", () => Json("{\"name\": "))),
            ("unbindable query", HttpStatusCode.BadRequest, app => As(app.Admin, HttpMethod.Get, "/v1/programs?limit=abc")),
            ("body too large", HttpStatusCode.RequestEntityTooLarge, app => As(app.Admin, HttpMethod.Post, "/v1/programs", () => Json($"{{\"name\": \"{new string('n', 70_000)}\"}}"))),
            ("body not JSON", HttpStatusCode.UnsupportedMediaType, app => As(app.Admin, HttpMethod.Post, "/v1/programs", () => new StringContent("name=Harbor", Encoding.UTF8, "text/plain"))),
            ("database fault", HttpStatusCode.InternalServerError, async app =>
            {
                await using var db = await app.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
                await db.ExecuteAsync("ALTER TABLE programs RENAME TO programs_away;");
                return await As(app.Admin, HttpMethod.Get, "/v1/programs");
            }),
        };
        foreach (var (name, status, request) in refusals)
            yield return new TestCaseData(request, status).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task EveryRefusalIsProblemJsonWithItsRequestIdAndTheSecurityHeadersWhateverTheClientAccepts(
        Func<HousingApp, Task<(HttpClient, Func<HttpRequestMessage>)>> refusal, HttpStatusCode status)
    {
        var (client, newRequest) = await refusal(App);
        foreach (var accept in Accepts)
        {
            var request = newRequest();
            if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);

            var response = await client.SendAsync(request);

            var problem = await response.ExpectProblemAsync(status);
            var requestId = (string?)problem["requestId"];
            Assert.That(requestId, Is.Not.Null.And.Not.Empty, accept ?? "no Accept");
            Assert.That(response.Headers.GetValues("X-Request-Id"), Is.EqualTo(new[] { requestId }), accept ?? "no Accept");
            AssertSecurityHeaders(response);
            Assert.That(problem.ToJsonString(), Does.Not.Contain("   at ").And.Not.Contain("Exception"), $"no stack trace or exception type ({accept ?? "no Accept"})");
        }
    }

    [Test]
    public async Task AnUnmatchedConsolePageIsStillAPageForABrowser()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/nothing-here");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");

        var response = await App.Client(null).SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Not found"));
        Assert.That(response.Headers.Contains("X-Request-Id"), Is.True);
        AssertSecurityHeaders(response);
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.That(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) ? sniff : [], Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.TryGetValues("X-Frame-Options", out var frame) ? frame : [], Is.EqualTo(new[] { "DENY" }));
        Assert.That(response.Headers.TryGetValues("Referrer-Policy", out var referrer) ? referrer : [], Is.EqualTo(new[] { "no-referrer" }));
        Assert.That(response.Headers.TryGetValues("Content-Security-Policy", out var csp) ? string.Join(" ", csp) : "",
            Does.Contain("default-src 'none'").And.Contain("frame-ancestors 'none'"));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "no-store");
    }

    /// <summary>The client, and a new request each time it is asked (a request is sent once).</summary>
    private static Task<(HttpClient, Func<HttpRequestMessage>)> As(HttpClient client, HttpMethod method, string url, Func<HttpContent>? content = null) =>
        Task.FromResult<(HttpClient, Func<HttpRequestMessage>)>((client, () => new HttpRequestMessage(method, url) { Content = content?.Invoke() }));

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}

using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Security;

/// <summary>API answers can carry client details: nothing may store, sniff, frame or run them.</summary>
public class SecurityHeaderTests(DatabaseEngine engine) : HousingTest(engine)
{
    [TestCase("/v1/programs", HttpStatusCode.OK)]
    [TestCase("/v1/nothing-here", HttpStatusCode.NotFound)]
    [TestCase("/openapi/v1.json", HttpStatusCode.OK)]
    public async Task EveryApiAnswerForbidsStoringSniffingAndFraming(string path, HttpStatusCode status)
    {
        var response = await Admin.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
        Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(string.Join(" ", response.Headers.GetValues("Content-Security-Policy")), Does.Contain("default-src 'none'").And.Contain("frame-ancestors 'none'"));
        Assert.That(response.Headers.Contains("Server"), Is.False, "no server banner");
    }
}

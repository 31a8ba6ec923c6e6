using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Errors;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Operations;

/// <summary>HEAD answers what GET answers, headers and status alike, without the body (RFC 9110 9.3.2).</summary>
public class HeadTests(DatabaseEngine engine) : HousingTest(engine)
{
    [TestCase("/v1/programs/{id}")]
    [TestCase("/v1/programs/{id}/availability")]
    [TestCase("/v1/programs")]
    [TestCase("/v1/organizations/{org}")]
    public async Task HeadOnAGetEndpointHasTheGetHeadersAndNoBody(string template)
    {
        var shelter = await App.NewShelterAsync();
        var id = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        var url = template.Replace("{id}", id.ToString()).Replace("{org}", shelter.OrganizationId.ToString());

        var get = await shelter.Client.GetAsync(url);
        var head = await shelter.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        await get.ExpectAsync(HttpStatusCode.OK);
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(head.Content.Headers.ContentType?.ToString(), Is.EqualTo(get.Content.Headers.ContentType?.ToString()));
        Assert.That(head.ETag(), Is.EqualTo(get.ETag()));
        Assert.That(head.Headers.Contains("X-Request-Id"), Is.True);
        RefusalShapeTests.AssertSecurityHeaders(head);
    }

    [TestCase(null, "/v1/programs", HttpStatusCode.Unauthorized)]
    [TestCase(HousingApp.AdminKey, "/v1/nothing-here", HttpStatusCode.NotFound)]
    [TestCase(HousingApp.AdminKey, "/v1/programs/not-a-guid", HttpStatusCode.NotFound)]
    public async Task HeadThatIsRefusedHasTheRefusalsHeadersAndNoBody(string? key, string url, HttpStatusCode status)
    {
        var head = await App.Client(key).SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.That(head.StatusCode, Is.EqualTo(status));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(head.Headers.Contains("X-Request-Id"), Is.True);
        RefusalShapeTests.AssertSecurityHeaders(head);
    }

    [Test]
    public async Task HeadWhereThereIsNoGetIsAMethodNotAllowedNamingTheMethodsThereAre()
    {
        var head = await Admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/matches"));

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(head.Content.Headers.Allow, Is.EquivalentTo(new[] { "POST" }));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
    }
}

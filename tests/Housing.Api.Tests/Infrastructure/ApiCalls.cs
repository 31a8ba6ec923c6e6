using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>The calls most tests make, each asserting its own success so a test fails where setup fails.</summary>
public static class ApiCalls
{
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, JsonNode? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode? body) =>
        client.SendJsonAsync(HttpMethod.Post, url, body);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, JsonNode? body, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Put, url, body, ifMatch);

    public static async Task<Guid> CreateOrganizationAsync(this HttpClient admin, string name = "Harbor House", string type = "provider")
    {
        var created = await (await admin.PostJsonAsync("/v1/organizations", Bodies.Organization(name, type))).ExpectAsync(HttpStatusCode.Created);
        return created.Id();
    }

    /// <summary>Issues a key as admin and returns the key itself.</summary>
    public static async Task<string> IssueKeyAsync(this HttpClient admin, string role, Guid? organizationId = null)
    {
        var body = new JsonObject { ["role"] = role, ["label"] = $"test {role}" };
        if (organizationId is { } org) body["organizationId"] = org.ToString();
        var created = await (await admin.PostJsonAsync("/v1/api-keys", body)).ExpectAsync(HttpStatusCode.Created);
        return (string)created["key"]!;
    }

    public static async Task<JsonNode> CreateProgramAsync(this HttpClient client, JsonNode body) =>
        await (await client.PostJsonAsync("/v1/programs", body)).ExpectAsync(HttpStatusCode.Created);

    public static async Task<Guid> CreateProgramIdAsync(this HttpClient client, JsonNode body) =>
        (await client.CreateProgramAsync(body)).Id();

    public static Task<HttpResponseMessage> PostAvailabilityAsync(this HttpClient client, Guid programId, JsonNode body, string? ifMatch = null) =>
        client.PutJsonAsync($"/v1/programs/{programId}/availability", body, ifMatch);

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);

    public static Guid Id(this JsonNode node, string property = "id") => Guid.Parse((string)node[property]!);

    /// <summary>The ETag header's tag, quotes included: <c>"1"</c>.</summary>
    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.Tag;

    public static IReadOnlyList<JsonNode> Items(this JsonNode page) => page["items"]!.AsArray().Select(i => i!).ToList();

    /// <summary>
    /// Lists page in id order. Version 7 ids made in the same millisecond are not ordered
    /// by creation, so tests sort what they expect the same way the service does.
    /// </summary>
    public static IReadOnlyList<Guid> InIdOrder(IEnumerable<Guid> ids) => ids.OrderBy(i => i.ToString("D"), StringComparer.Ordinal).ToList();
}

using System.Net;
using System.Text.Json.Nodes;

namespace Housing.Api.Tests.Infrastructure;

public static class Responses
{
    /// <summary>Asserts the status (showing the body when it is wrong) and returns the JSON body (an empty object when there is none).</summary>
    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>
    /// Asserts an RFC 9457 problem: the status, application/problem+json, the status repeated in
    /// the body and, when given, that <c>errors</c> names each field.
    /// </summary>
    public static async Task<JsonNode> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var problem = await response.ExpectAsync(status);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((int?)problem["status"], Is.EqualTo((int)status));
        Assert.That((string?)problem["title"], Is.Not.Null.And.Not.Empty);
        foreach (var field in fields)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.That(errors?.ContainsKey(field), Is.True, $"expected errors to name '{field}': {problem.ToJsonString()}");
        }
        return problem;
    }

    /// <summary>The field names in a validation problem's <c>errors</c>.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonNode problem) =>
        problem["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Housing.Api.Tests.Contract;

/// <summary>
/// The same document as a judge of requests, for requests written down rather than sent (the
/// docs' curl commands): is there such an operation, are its query and header parameters the
/// operation's own, and does the JSON body validate against its request schema?
/// </summary>
public sealed partial class ResponseContract
{
    private static readonly HashSet<string> s_everyOperationsHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Api-Key", "Content-Type", "Accept",
    };

    /// <summary>Why the request names something the contract does not have, or null.</summary>
    /// <param name="path">The path from /v1, its variable segments already filled in.</param>
    /// <param name="body">The JSON body, or null when there is none or it cannot be known.</param>
    public string? CheckRequest(string method, string path, IEnumerable<string> query, IEnumerable<string> headers, string? body)
    {
        var verb = method.ToLowerInvariant();
        var templates = _paths.Where(p => p.Pattern.IsMatch(path)).ToList();
        if (templates.Count == 0) return $"no operation has the path {path}";
        var (template, operation) = templates.Select(t => (t, op: t.Operations.GetValueOrDefault(verb))).FirstOrDefault(x => x.op is not null);
        if (operation is null) return $"{method} is not an operation of {templates[0].Template}";
        var name = (string?)operation["operationId"] ?? $"{verb} {template!.Template}";

        var parameters = (operation["parameters"]?.AsArray() ?? []).OfType<JsonObject>()
            .Select(p => (In: (string?)p["in"], Name: (string?)p["name"])).ToList();
        foreach (var q in query)
        {
            if (!parameters.Contains(("query", q))) return $"{name} has no query parameter {q}";
        }
        foreach (var h in headers.Where(h => !s_everyOperationsHeaders.Contains(h)))
        {
            if (!parameters.Any(p => p.In == "header" && string.Equals(p.Name, h, StringComparison.OrdinalIgnoreCase)))
                return $"{name} has no header parameter {h}";
        }
        if (body is null) return null;

        if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is not JsonObject schemaNode)
            return $"{name} takes no JSON body";
        JsonElement instance;
        try
        {
            using var parsed = JsonDocument.Parse(body);
            instance = parsed.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return $"{name}: the body is not JSON ({e.Message}): {body}";
        }
        var schema = _schemas.GetOrAdd($"{name} request", _ => new Lazy<Json.Schema.JsonSchema>(() => Compile(schemaNode))).Value;
        return schema.Evaluate(instance, Quick).IsValid ? null
            : $"{name}: the body does not match its schema:\n{Describe(schema.Evaluate(instance, Detailed))}\n  body: {body}";
    }
}

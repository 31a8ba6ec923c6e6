using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Housing.Api.Tests.Hostile;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;

namespace Housing.Api.Tests.Contract;

/// <summary>
/// openapi.yaml as a judge of answers: for a request's operation (path template and method), is
/// the status documented, the content type documented for that status, and the JSON body valid
/// against its schema (JSON Schema 2020-12, which OpenAPI 3.1 uses, by JsonSchema.Net)?
/// Every client the tests make asks it about every /v1 answer (<see cref="ContractCheckingHandler"/>),
/// so an answer a client generated from the contract would reject fails the test that got it.
/// Schemas are compiled once per status and media type, when first needed.
/// </summary>
public sealed partial class ResponseContract
{
    private const string Base = "https://housing.invalid/openapi/";
    private const string ComponentsId = Base + "components";
    private const string SchemaRefPrefix = "#/components/schemas/";

    private static readonly Lazy<ResponseContract> s_committed = new(LoadCommitted);

    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };

    private readonly IReadOnlyList<PathTemplate> _paths;
    private readonly BuildOptions _build;
    private readonly ConcurrentDictionary<string, Lazy<JsonSchema>> _schemas = new();
    private int _built;

    /// <summary>The committed openapi.yaml, read once per test run.</summary>
    public static ResponseContract Committed => s_committed.Value;

    /// <summary>Only the versioned API is the contract: console pages, /health, /openapi and /swagger are not in it.</summary>
    public static bool Covers(string path) => path.StartsWith("/v1/", StringComparison.Ordinal) || path == "/v1";

    private ResponseContract(JsonObject document)
    {
        _build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var components = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = ComponentsId,
            ["$defs"] = document["components"]?["schemas"]?.DeepClone() ?? new JsonObject(),
        };
        RewriteReferences(components, "#/$defs/");
        JsonSchema.Build(JsonSerializer.SerializeToElement(components), _build, new Uri(ComponentsId));

        InlineSharedResponses(document);
        _paths = (document["paths"]?.AsObject() ?? [])
            .Select(p => PathTemplate.From(p.Key, p.Value!.AsObject()))
            .OrderByDescending(p => p.Literals)
            .ToList();
    }

    /// <summary>An operation's answer may be a reference to one under components/responses; judge by what it refers to.</summary>
    private static void InlineSharedResponses(JsonObject document)
    {
        var shared = document["components"]?["responses"]?.AsObject();
        foreach (var (_, item) in document["paths"]?.AsObject() ?? [])
        {
            foreach (var (_, operation) in item?.AsObject() ?? [])
            {
                if (operation?["responses"] is not JsonObject responses) continue;
                foreach (var (status, response) in responses.ToList())
                {
                    if (response?["$ref"] is not JsonValue reference || !reference.TryGetValue<string>(out var target)) continue;
                    var name = target[(target.LastIndexOf('/') + 1)..];
                    responses[status] = shared?[name]?.DeepClone()
                        ?? throw new InvalidOperationException($"openapi.yaml refers to {target}, which it does not define");
                }
            }
        }
    }

    /// <summary>A contract from an OpenAPI 3.1 document as JSON, such as a test's own small one.</summary>
    public static ResponseContract FromJson(string json) => new(JsonNode.Parse(json)!.AsObject());

    private static ResponseContract LoadCommitted()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var path = Path.Combine(ContractOperations.RepositoryRoot(), "openapi.yaml");
        var (document, diagnostic) = OpenApiDocument.LoadAsync(path, settings).GetAwaiter().GetResult();
        if (document is null || diagnostic?.Errors.Count > 0)
            throw new InvalidOperationException("openapi.yaml could not be read: " + string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? []));
        return FromJson(document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1).GetAwaiter().GetResult());
    }

    /// <summary>Why the answer breaks the contract, or null when it keeps it (or its path is not in the contract).</summary>
    /// <param name="mediaType">The Content-Type's media type, without parameters; null when the answer has none.</param>
    public string? Check(HttpMethod method, string path, int status, string? mediaType, ReadOnlySpan<byte> body)
    {
        if (path.Length > 1 && path.EndsWith('/')) path = path[..^1];
        var templates = _paths.Where(p => p.Pattern.IsMatch(path)).ToList();
        // A /v1 path no template matches is routed nowhere; there is no operation to hold it to.
        if (templates.Count == 0) return null;

        var isHead = method == HttpMethod.Head;
        var verb = (isHead ? HttpMethod.Get : method).Method.ToLowerInvariant();
        var (template, operation) = templates.Select(t => (t, op: t.Operations.GetValueOrDefault(verb)))
            .FirstOrDefault(x => x.op is not null);
        if (operation is null)
        {
            // The method is not the path's: the only right answer is the 405 its operations document.
            if (status != 405) return $"{method} is not an operation of {templates[0].Template}, yet it answered {status} rather than 405";
            template = templates[0];
            operation = template.Operations.Values.FirstOrDefault(o => o["responses"]?["405"] is not null) ?? template.Operations.Values.First();
        }
        var operationName = (string?)operation!["operationId"] ?? $"{verb} {template!.Template}";

        var responses = operation["responses"]?.AsObject();
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var documented = new[] { code, $"{code[0]}XX", "default" }.FirstOrDefault(c => responses?.ContainsKey(c) == true);
        if (documented is null)
            return $"{operationName} does not document status {status} (it documents {string.Join(", ", responses?.Select(r => r.Key) ?? [])})";

        var content = responses![documented]!["content"]?.AsObject();
        if (isHead) return mediaType is null || content is null || MediaKey(content, mediaType) is not null
            ? null : $"{operationName} {documented} does not document {mediaType}";
        if (content is null || content.Count == 0)
            return body.Length == 0 ? null : $"{operationName} {documented} documents no body, yet one came ({mediaType ?? "no Content-Type"}): {Shorten(body)}";
        if (mediaType is null)
            return $"{operationName} {documented} documents {string.Join(", ", content.Select(c => c.Key))}, yet the answer has no Content-Type ({body.Length} bytes)";
        var key = MediaKey(content, mediaType);
        if (key is null)
            return $"{operationName} {documented} documents {string.Join(", ", content.Select(c => c.Key))}, not {mediaType}";

        if (!IsJson(mediaType)) return null;
        if (content[key]?["schema"] is not JsonObject schemaNode) return null;
        JsonElement instance;
        try
        {
            using var parsed = JsonDocument.Parse(body.ToArray());
            instance = parsed.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return $"{operationName} {documented} {mediaType}: the body is not JSON ({e.Message}): {Shorten(body)}";
        }

        var schema = _schemas.GetOrAdd($"{operationName} {documented} {key}", _ => new Lazy<JsonSchema>(() => Compile(schemaNode))).Value;
        if (schema.Evaluate(instance, Quick).IsValid) return null;
        return $"{operationName} {documented} {mediaType}: the body does not match its schema:\n{Describe(schema.Evaluate(instance, Detailed))}\n  body: {Shorten(body)}";
    }

    private JsonSchema Compile(JsonObject schemaNode)
    {
        var schema = schemaNode.DeepClone().AsObject();
        RewriteReferences(schema, ComponentsId + "#/$defs/");
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        var id = new Uri($"{Base}responses/{Interlocked.Increment(ref _built)}");
        return JsonSchema.Build(JsonSerializer.SerializeToElement(schema), _build, id);
    }

    /// <summary>OpenAPI points into its own components; JSON Schema resolves against the components document registered above.</summary>
    private static void RewriteReferences(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue r && r.TryGetValue<string>(out var target) && target.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
                    o["$ref"] = prefix + target[SchemaRefPrefix.Length..];
                foreach (var (_, child) in o.ToList()) RewriteReferences(child, prefix);
                break;
            case JsonArray a:
                foreach (var child in a) RewriteReferences(child, prefix);
                break;
        }
    }

    private static string? MediaKey(JsonObject content, string mediaType)
    {
        foreach (var (key, _) in content)
        {
            if (string.Equals(key, mediaType, StringComparison.OrdinalIgnoreCase) || key == "*/*") return key;
            if (key.EndsWith("/*", StringComparison.Ordinal) && mediaType.StartsWith(key[..^1], StringComparison.OrdinalIgnoreCase)) return key;
        }
        return null;
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static string Describe(EvaluationResults results)
    {
        var lines = (results.Details ?? []).Prepend(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"  at {(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "(root)")} ({d.EvaluationPath}): {e.Value}"))
            .Distinct()
            .Take(12)
            .ToList();
        return lines.Count > 0 ? string.Join("\n", lines) : "  (no detail)";
    }

    private static string Shorten(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length <= 1500 ? text : text[..1500] + "…";
    }

    private sealed record PathTemplate(string Template, Regex Pattern, int Literals, IReadOnlyDictionary<string, JsonObject> Operations)
    {
        public static PathTemplate From(string template, JsonObject item)
        {
            var segments = template.Trim('/').Split('/');
            var pattern = "^/" + string.Join("/", segments.Select(s => Parameter().IsMatch(s) ? "[^/]+" : Regex.Escape(s))) + "$";
            var operations = item.Where(p => p.Value is JsonObject && p.Key is "get" or "put" or "post" or "delete" or "patch" or "options" or "head" or "trace")
                .ToDictionary(p => p.Key, p => p.Value!.AsObject());
            return new PathTemplate(template, new Regex(pattern, RegexOptions.CultureInvariant), segments.Count(s => !Parameter().IsMatch(s)), operations);
        }
    }

    [GeneratedRegex(@"^\{[^}]+\}$")]
    private static partial Regex Parameter();
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Housing.Api.Tests.Hostile;

/// <summary>
/// Mutations of a JSON body, read off the operation's request schema and a valid body: for every
/// field the schema declares (at every depth the valid body reaches, and the first item of each
/// array) it leaves the field out, nulls it, gives it every JSON type the schema does not allow,
/// and the boundary and hostile values of its own type (to every string, whether text, enum, id or
/// date, bytes that are not UTF-8 and escapes that are no text); objects get unknown fields, arrays get
/// emptied, repeated and flooded. The schema decides what must be refused: a type it does not
/// allow, a value outside its enum or format, a field outside its properties. It states no
/// lengths or ranges, so a long string or a negative count may be accepted, and may then be stored.
/// </summary>
public static class BodyMutations
{
    private const int MaxDepth = 6;

    /// <param name="random">Picks which of the values a field may accept are sent (a few of each list, all of those it must refuse).</param>
    public static IEnumerable<Mutation> For(IOpenApiSchema schema, JsonNode example, Random random) =>
        Node(Shape.Of(schema), example, [], depth: 0, random);

    private static IEnumerable<Mutation> Node(Shape shape, JsonNode? value, IReadOnlyList<object> path, int depth, Random random)
    {
        if (depth > MaxDepth) yield break;
        if (shape.Types.HasFlag(JsonSchemaType.Object) && value is JsonObject obj)
        {
            var at = Name(path);
            yield return new($"{at}: an unknown field", "body:" + at + ".zzUnknown", shape.AdditionalAllowed ? Expect.Any : Expect.Reject,
                r => Set(r, [.. path, "zzUnknown"], 1));
            foreach (var (name, property) in shape.Properties)
            {
                var child = Shape.Of(property);
                var childPath = (IReadOnlyList<object>)[.. path, name];
                var present = obj.ContainsKey(name);
                foreach (var m in Field(child, childPath, present, shape.Required.Contains(name), random)) yield return m;
                if (present) foreach (var m in Node(child, obj[name], childPath, depth + 1, random)) yield return m;
            }
        }
        else if (shape.Types.HasFlag(JsonSchemaType.Array) && value is JsonArray array && shape.Items is { } items && array.Count > 0)
        {
            var item = Shape.Of(items);
            var itemPath = (IReadOnlyList<object>)[.. path, 0];
            foreach (var m in Field(item, itemPath, present: true, required: true, random)) yield return m;
            foreach (var m in Node(item, array[0], itemPath, depth + 1, random)) yield return m;
        }
    }

    /// <summary>Mutations of one field (or array item) itself.</summary>
    private static IEnumerable<Mutation> Field(Shape shape, IReadOnlyList<object> path, bool present, bool required, Random random)
    {
        var name = Name(path);
        var target = "body:" + name;
        Mutation M(string what, Expect expect, Func<FuzzRequest, FuzzRequest> apply) => new($"{name}: {what}", target, expect, apply);

        if (present && path[^1] is string) yield return M("left out", required ? Expect.Reject : Expect.Any, r => Remove(r, path));
        yield return M("null", shape.Nullable ? Expect.Any : Expect.Reject, r => Set(r, path, null));
        if (shape.Types != 0)
        {
            foreach (var (label, wrong) in WrongKinds(shape.Types)) yield return M(label, Expect.Reject, r => Set(r, path, wrong()));
        }

        if (shape.Enum is { Count: > 0 } values)
        {
            foreach (var v in Pick(values, 3, random)) yield return M($"\"{v}\"", Expect.Any, r => Set(r, path, v));
            var two = values.Count > 1 ? $"{values[0]}, {values[^1]}" : values[0] + ", " + values[0];
            foreach (var bad in new[] { "FUZZ", values[0].ToUpperInvariant(), values[0] + " ", " " + values[0], "", values[0] + "\u0000", two, "1" })
                yield return M($"\"{Printable(bad)}\" (not in its enum)", Expect.Reject, r => Set(r, path, bad));
        }
        else if (shape.Types.HasFlag(JsonSchemaType.String) && shape.Format == "uuid")
        {
            yield return M("an unknown id", Expect.Any, r => Set(r, path, Guid.NewGuid().ToString()));
            yield return M("the empty id", Expect.Any, r => Set(r, path, Guid.Empty.ToString()));
            yield return M("its id in capitals", Expect.Any, r => Set(r, path, Text(r, path)?.ToUpperInvariant()));
            foreach (var bad in new[] { "not-a-guid", "", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", Guid.Empty + "0", "1" })
                yield return M($"\"{bad}\" (not a uuid)", Expect.Reject, r => Set(r, path, bad));
        }
        else if (shape.Types.HasFlag(JsonSchemaType.String) && shape.Format == "date")
        {
            foreach (var good in new[] { "0001-01-01", "9999-12-31", "2026-03-02" }) yield return M($"\"{good}\"", Expect.Any, r => Set(r, path, good));
            foreach (var bad in new[] { "2025-13-01", "2025-02-30", "01/01/2025", "2025-1-1", "", "2025-01-01T00:00:00Z", "+12025-01-01", "2025-01-01\u0000" })
                yield return M($"\"{Printable(bad)}\" (not a date)", Expect.Reject, r => Set(r, path, bad));
        }
        else if (shape.Types.HasFlag(JsonSchemaType.String))
        {
            foreach (var (label, text) in Pick(HostileValues.OddStrings, 5, random)) yield return M(label, Expect.Any, r => Set(r, path, text));
            foreach (var (label, text) in HostileValues.ControlStrings) yield return M(label, Expect.Reject, r => Set(r, path, text));
            yield return M("70,000 characters (over the body limit)", Expect.Reject, r => Set(r, path, new string('x', 70_000)));
        }
        // Whatever a string stands for (free text, a name in its enum, an id, a date), one that is not
        // text at all is refused: each kind is read by other code (invalid UTF-8 in an enum once gave a 500).
        if (shape.Types.HasFlag(JsonSchemaType.String))
        {
            foreach (var (label, raw) in HostileValues.RawStrings) yield return M(label, Expect.Reject, r => SetRaw(r, path, raw));
        }

        if (shape.Types.HasFlag(JsonSchemaType.Integer))
        {
            var (min, max) = shape.Format == "int64" ? (long.MinValue, long.MaxValue) : (int.MinValue, int.MaxValue);
            foreach (var good in Pick([0, -1, 1, min, max], 3, random)) yield return M($"{good}", Expect.Any, r => Set(r, path, good));
            var overflow = new[] { ((decimal)max + 1).ToString(CultureInfo.InvariantCulture), ((decimal)min - 1).ToString(CultureInfo.InvariantCulture) };
            foreach (var bad in overflow.Concat(["1.5", "1.0", "1e3", "99999999999999999999999"]))
                yield return M($"{bad} (not an {shape.Format ?? "integer"})", Expect.Reject, r => SetRaw(r, path, Encoding.ASCII.GetBytes(bad)));
            foreach (var bad in new[] { "007", "0x10", "+1", "-", "1_000" })
                yield return M($"{bad} (not JSON)", Expect.Reject, r => SetRaw(r, path, Encoding.ASCII.GetBytes(bad)));
        }
        else if (shape.Types.HasFlag(JsonSchemaType.Number))
        {
            foreach (var good in Pick([0d, -1d, 1e308, -1e308, double.Epsilon, 1e6, -1e6], 3, random))
                yield return M(good.ToString("R", CultureInfo.InvariantCulture), Expect.Any, r => Set(r, path, good));
            foreach (var bad in new[] { "1e309", "-1e309", "NaN", "Infinity", "-Infinity", ".5", "1.", "+1", "0x1p3" })
                yield return M($"{bad} (not a finite JSON number)", Expect.Reject, r => SetRaw(r, path, Encoding.ASCII.GetBytes(bad)));
        }
        else if (shape.Types.HasFlag(JsonSchemaType.Boolean))
        {
            foreach (var bad in new[] { "True", "FALSE", "tru", "nul" })
                yield return M($"{bad} (not JSON)", Expect.Reject, r => SetRaw(r, path, Encoding.ASCII.GetBytes(bad)));
        }
        else if (shape.Types.HasFlag(JsonSchemaType.Object))
        {
            yield return M("an empty object", Expect.Any, r => Set(r, path, new JsonObject()));
        }
        else if (shape.Types.HasFlag(JsonSchemaType.Array))
        {
            yield return M("empty", Expect.Any, r => Set(r, path, new JsonArray()));
            yield return M("its first item twice", Expect.Any, r => Set(r, path, Repeat(r, path, 2)));
            yield return M("its first item 2,000 times", Expect.Any, r => Set(r, path, Repeat(r, path, 2000)));
            var itemNullable = shape.Items is { } items && Shape.Of(items).Nullable;
            yield return M("[null]", itemNullable ? Expect.Any : Expect.Reject, r => Set(r, path, new JsonArray((JsonNode?)null)));
        }
    }

    /// <summary><paramref name="count"/> of the values, chosen by the seed, in their listed order.</summary>
    private static IEnumerable<T> Pick<T>(IReadOnlyList<T> values, int count, Random random) =>
        values.Select(v => (Value: v, Key: random.Next())).OrderBy(p => p.Key).Take(count).Select(p => p.Value).ToList();

    private static IEnumerable<(string Label, Func<JsonNode?> Value)> WrongKinds(JsonSchemaType types)
    {
        if (!types.HasFlag(JsonSchemaType.String))
        {
            yield return ("a string", () => "fuzz");
            yield return ("a number sent as text", () => "7");
        }
        if (!types.HasFlag(JsonSchemaType.Integer) && !types.HasFlag(JsonSchemaType.Number)) yield return ("an integer", () => 7);
        if (!types.HasFlag(JsonSchemaType.Number)) yield return ("a fraction", () => 7.5);
        if (!types.HasFlag(JsonSchemaType.Boolean)) yield return ("true", () => true);
        if (!types.HasFlag(JsonSchemaType.Object)) yield return ("an object", () => new JsonObject { ["a"] = 1 });
        if (!types.HasFlag(JsonSchemaType.Array)) yield return ("an array", () => new JsonArray(1, "a"));
    }

    public static string Name(IReadOnlyList<object> path)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment is int i) text.Append('[').Append(i).Append(']');
            else text.Append(text.Length == 0 ? "" : ".").Append(segment);
        }
        return text.Length == 0 ? "$" : text.ToString();
    }

    public static FuzzRequest Set(FuzzRequest request, IReadOnlyList<object> path, JsonNode? value)
    {
        var body = request.Body?.DeepClone();
        if (body is null || path.Count == 0) return request with { Body = value };
        switch (Parent(body, path), path[^1])
        {
            case (JsonObject o, string name):
                o[name] = value;
                break;
            case (JsonArray a, int i) when i < a.Count:
                a[i] = value;
                break;
        }
        return request with { Body = body };
    }

    private static FuzzRequest SetRaw(FuzzRequest request, IReadOnlyList<object> path, byte[] raw)
    {
        var (withRaw, token) = request.WithSubstitution(raw);
        return Set(withRaw, path, token);
    }

    private static FuzzRequest Remove(FuzzRequest request, IReadOnlyList<object> path)
    {
        var body = request.Body?.DeepClone();
        if (body is not null && Parent(body, path) is JsonObject o && path[^1] is string name) o.Remove(name);
        return request with { Body = body };
    }

    private static JsonNode? Parent(JsonNode body, IReadOnlyList<object> path)
    {
        JsonNode? node = body;
        foreach (var segment in path.Take(path.Count - 1))
        {
            node = (node, segment) switch
            {
                (JsonObject o, string name) => o[name],
                (JsonArray a, int i) when i < a.Count => a[i],
                _ => null,
            };
        }
        return node;
    }

    private static JsonNode? Get(FuzzRequest request, IReadOnlyList<object> path) =>
        request.Body is { } body && Parent(body, path) is { } parent
            ? (parent, path[^1]) switch
            {
                (JsonObject o, string name) => o[name],
                (JsonArray a, int i) when i < a.Count => a[i],
                _ => null,
            }
            : null;

    private static string? Text(FuzzRequest request, IReadOnlyList<object> path) =>
        Get(request, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonArray Repeat(FuzzRequest request, IReadOnlyList<object> path, int times) =>
        Get(request, path) is JsonArray { Count: > 0 } a
            ? new JsonArray(Enumerable.Range(0, times).Select(_ => a[0]?.DeepClone()).ToArray())
            : new JsonArray();

    public static string Printable(string text) =>
        new(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '\u00bf' : c).ToArray());
}

/// <summary>A schema as the fuzzer reads it: references followed, "oneOf [null, X]" folded into nullable X.</summary>
public sealed record Shape(JsonSchemaType Types, bool Nullable, IReadOnlyList<string>? Enum, string? Format, IOpenApiSchema? Items,
    IReadOnlyDictionary<string, IOpenApiSchema> Properties, ISet<string> Required, bool AdditionalAllowed)
{
    public static Shape Of(IOpenApiSchema schema)
    {
        var nullable = false;
        while (schema.OneOf is { Count: > 0 } one)
        {
            nullable |= one.Any(o => o.Type == JsonSchemaType.Null);
            schema = one.First(o => o.Type != JsonSchemaType.Null);
        }
        var types = schema.Type ?? 0;
        nullable |= types.HasFlag(JsonSchemaType.Null);
        types &= ~JsonSchemaType.Null;
        nullable |= schema.Enum?.Any(e => e is null) == true;
        var values = schema.Enum?.Where(e => e is not null).Select(e => e!.GetValue<string>()).ToList();
        if (types == 0 && values is { Count: > 0 }) types = JsonSchemaType.String;
        if (types == 0 && schema.Properties is { Count: > 0 }) types = JsonSchemaType.Object;
        return new Shape(types, nullable, values, schema.Format, schema.Items,
            (IReadOnlyDictionary<string, IOpenApiSchema>?)schema.Properties ?? new Dictionary<string, IOpenApiSchema>(),
            schema.Required ?? new HashSet<string>(), schema.AdditionalPropertiesAllowed);
    }
}

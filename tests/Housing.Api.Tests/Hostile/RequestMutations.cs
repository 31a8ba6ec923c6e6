using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Housing.Api.Tests.Hostile;

/// <summary>The keys a fuzzed request may carry instead of its own: one per role, a revoked one.</summary>
public sealed record FuzzKeys(IReadOnlyDictionary<string, string> ByRole, string Revoked);

/// <summary>
/// Mutations of everything around the body, from the operation as the contract declares it:
/// the API key, the content type, the body's bytes as a whole, each path, query and header
/// parameter, and the HTTP method.
/// </summary>
public static class RequestMutations
{
    public static IEnumerable<Mutation> For(ContractOperation op, FuzzRequest valid, FuzzKeys keys, IReadOnlyDictionary<string, string> foreignIds)
    {
        var mutations = new List<Mutation>();
        if (op.Secured) mutations.AddRange(Auth(op, valid, keys));
        if (op.Body is not null) mutations.AddRange(Content(op, valid));
        foreach (var parameter in op.Parameters)
        {
            mutations.AddRange(parameter.In switch
            {
                ParameterLocation.Path => PathValue(parameter, foreignIds.GetValueOrDefault(parameter.Name)),
                ParameterLocation.Query => QueryValue(parameter),
                ParameterLocation.Header => HeaderValue(parameter),
                _ => [],
            });
        }
        mutations.Add(new("an unknown query parameter", "query:zz", Expect.Any, r => r with { Query = r.Query.Add(new("zz", "1")) }));
        if (!op.Parameters.Any(p => p.Name == "If-Match"))
            mutations.Add(new("an If-Match it does not use", "header:If-Match", Expect.Any, r => Header(r, "If-Match", "\"nonsense\"")));
        if (op.Method == HttpMethod.Post && !op.Parameters.Any(p => p.Name == "Idempotency-Key"))
            mutations.Add(new("an Idempotency-Key it does not use", "header:Idempotency-Key", Expect.Any, r => Header(r, "Idempotency-Key", "fuzz")));
        foreach (var method in op.OtherMethods)
            mutations.Add(new($"{method} instead of {op.Method}", "method", Expect.Reject, r => r with { Method = method }));
        return mutations;
    }

    private static IEnumerable<Mutation> Auth(ContractOperation op, FuzzRequest valid, FuzzKeys keys)
    {
        var own = valid.ApiKeys.Single();
        Mutation M(string what, Expect expect, Func<FuzzRequest, FuzzRequest> apply) => new(what, "auth", expect, apply);
        yield return M("no X-Api-Key", Expect.Reject, r => r with { ApiKeys = [] });
        foreach (var (label, key) in new[]
                 {
                     ("an empty X-Api-Key", ""), ("a blank X-Api-Key", "   "), ("an unknown key", "hk_" + new string('q', 43)),
                     ("a key of 201 characters", new string('k', 201)), ("a key of 10,000 characters", new string('k', 10_000)),
                     ("the key with a NUL", own + "\u0000"), ("the key in capitals", own.ToUpperInvariant()),
                     ("the key with a character fewer", own[..^1]), ("a revoked key", keys.Revoked), ("an emoji key", "🔑"),
                 })
            yield return M(label, Expect.Reject, r => r with { ApiKeys = [key] });
        yield return M("two X-Api-Key headers", Expect.Reject, r => r with { ApiKeys = [own, own] });
        yield return M("the key as a bearer token instead", Expect.Reject, r => Header(r with { ApiKeys = [] }, "Authorization", "Bearer " + own));
        yield return M("the key with spaces around it", Expect.Any, r => r with { ApiKeys = [" " + own + " "] });
        foreach (var (role, key) in keys.ByRole.Where(k => k.Value != own))
            yield return M($"a {role} key", op.Roles.Contains(role) ? Expect.Any : Expect.Reject, r => r with { ApiKeys = [key] });
    }

    private static IEnumerable<Mutation> Content(ContractOperation op, FuzzRequest valid)
    {
        var text = valid.Body?.ToJsonString() ?? "{}";
        var utf8 = Encoding.UTF8.GetBytes(text);
        Mutation Type(string type, Expect expect) => new($"Content-Type {type}", "content-type", expect, r => r with { ContentType = type });
        Mutation Raw(string what, Expect expect, byte[] bytes) => new($"a body that is {what}", "body", expect, r => r with { RawBody = bytes });
        Mutation Text(string what, Expect expect, string body) => Raw(what, expect, Encoding.UTF8.GetBytes(body));

        yield return new("no Content-Type", "content-type", Expect.Reject, r => r with { ContentType = null });
        foreach (var type in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                     "application/jsonx", "json", "*/*", "application/json; charset=utf-16", "text/json/x", "application/json\u0000" })
            yield return Type(type, Expect.Reject);
        foreach (var type in new[] { "APPLICATION/JSON", "application/json; charset=utf-8", "application/vnd.fuzz+json", "application/problem+json" })
            yield return Type(type, Expect.Any);
        yield return new("no body at all", "body", op.BodyRequired ? Expect.Reject : Expect.Any, r => r with { Body = null, RawBody = null });

        foreach (var (what, body) in new[]
                 {
                     ("empty", ""), ("whitespace", " \r\n\t "), ("null", "null"), ("an array", "[]"), ("a number", "1"), ("a string", "\"text\""),
                     ("true", "true"), ("an open brace", "{"), ("cut off", text[..(text.Length / 2)]), ("a close brace", "}"), ("two objects", "{}{}"),
                     ("followed by garbage", text + "garbage"), ("with a comment", "{/* comment */" + text[1..]), ("single-quoted", text.Replace('"', '\'')),
                     ("with a trailing comma", text[..^1] + ",}"), ("NaN", "NaN"), ("a NUL", "\u0000"), ("XML", "<program/>"),
                     ("nested 1,000 deep", new string('[', 1000) + new string(']', 1000)), ("an object nested 100 deep", Nest(100)),
                 })
            yield return Text(what, Expect.Reject, body);
        if (valid.Body is JsonObject { Count: > 0 } obj)
        {
            var (key, value) = obj.First();
            yield return Text("a field given twice", Expect.Reject, $"{{\"{key}\":{value?.ToJsonString() ?? "null"},{text[1..]}");
            yield return Text("a field name in another case", Expect.Reject, text.Replace($"\"{key}\":", $"\"{key.ToUpperInvariant()}\":", StringComparison.Ordinal));
        }
        yield return Text("an empty object", Expect.Any, "{}");
        yield return Raw("valid after a byte-order mark", Expect.Any, [0xEF, 0xBB, 0xBF, .. utf8]);
        yield return Text("valid after 60,000 spaces", Expect.Any, new string(' ', 60_000) + text);
        yield return Text("valid after 70,000 spaces (over the limit)", Expect.Reject, new string(' ', 70_000) + text);
        yield return Raw("valid, in UTF-16", Expect.Reject, Encoding.Unicode.GetBytes(text));
        yield return Raw("valid, in UTF-32", Expect.Reject, Encoding.UTF32.GetBytes(text));
        yield return Raw("100,000 random bytes", Expect.Reject, RandomBytes(100_000));
        yield return Raw("4,000 random bytes", Expect.Reject, RandomBytes(4_000));
    }

    private static IEnumerable<Mutation> PathValue(ContractParameter parameter, string? foreign)
    {
        var name = parameter.Name;
        Mutation M(string what, Expect expect, Func<string, string> value, string? target = null) =>
            new($"path {name}: {what}", target ?? "path:" + name, expect, r => r with { PathValues = r.PathValues.SetItem(name, value(r.PathValues[name])) });
        var isUuid = parameter.Schema is { } s && Shape.Of(s).Format == "uuid";
        var bad = isUuid ? Expect.Reject : Expect.Any;
        if (isUuid)
        {
            yield return M("in capitals", Expect.Any, v => v.ToUpperInvariant());
            yield return M("in braces", Expect.Any, v => "{" + v + "}");
            yield return M("without hyphens", Expect.Any, v => v.Replace("-", "", StringComparison.Ordinal));
            yield return M("the empty id", Expect.Reject, _ => Guid.Empty.ToString());
            yield return M("an unknown id", Expect.Reject, _ => Guid.NewGuid().ToString());
            // Refused for this caller only: it must not be combined with a change of key.
            if (foreign is not null) yield return M("another organisation's", Expect.Reject, _ => foreign, "auth+path:" + name);
        }
        else
        {
            foreach (var value in new[] { "2025-02-30", "2026-13-01", "99999-01-01", "2026-03-03", "0001-01-01", "20260302", "2026-03-02T00:00:00Z" })
                yield return M(value, Expect.Any, _ => Uri.EscapeDataString(value));
        }
        foreach (var (what, value) in new[]
                 {
                     // No escaped NUL: Kestrel refuses it before the app (400, no body) and the in-memory server throws.
                     ("not an id", "not-an-id"), ("1", "1"), ("5,000 characters", new string('9', 5000)),
                     ("an escaped slash", "..%2F..%2Fapi-keys"), ("an escaped space", "%20"), ("bad percent-encoding", "%ZZ"),
                     ("an overlong UTF-8 escape", "%C0%AF"), ("an emoji", Uri.EscapeDataString("👩‍👧")), ("SQL", Uri.EscapeDataString("1' OR '1'='1")),
                     ("its value twice", "{0}{0}"),
                 })
            yield return M(what, bad, v => value == "{0}{0}" ? v + v : value);
    }

    private static IEnumerable<Mutation> QueryValue(ContractParameter parameter)
    {
        var name = parameter.Name;
        var shape = parameter.Schema is { } s ? Shape.Of(s) : null;
        Mutation M(string what, Expect expect, string value) =>
            new($"query {name}={BodyMutations.Printable(what)}", "query:" + name, expect, r => r with { Query = Without(r, name).Add(new(name, value)) });
        Mutation Raw(string what, Expect expect, string raw) =>
            new($"query {name}: {what}", "query:" + name, expect, r => r with { Query = Without(r, name), RawQuery = $"{Uri.EscapeDataString(name)}={raw}" });

        if (shape?.Types.HasFlag(JsonSchemaType.Integer) == true)
        {
            var (min, max) = shape.Format == "int64" ? (long.MinValue, long.MaxValue) : (int.MinValue, int.MaxValue);
            foreach (var good in new[] { "0", "-1", "-0", " 5", min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), "" })
                yield return M(good, Expect.Any, good);
            foreach (var bad in new[] { "abc", "1.5", "1e3", "0x10", ((decimal)max + 1).ToString(CultureInfo.InvariantCulture), "99999999999999999999999", "٣" })
                yield return M(bad, Expect.Reject, bad);
        }
        else if (shape?.Types.HasFlag(JsonSchemaType.Boolean) == true)
        {
            foreach (var good in new[] { "TRUE", "false", "" }) yield return M(good, Expect.Any, good);
            foreach (var bad in new[] { "maybe", "1", "yes", "true!" }) yield return M(bad, Expect.Reject, bad);
        }
        else if (shape?.Format == "uuid")
        {
            foreach (var good in new[] { Guid.NewGuid().ToString(), Guid.Empty.ToString(), "" }) yield return M(good, Expect.Any, good);
            foreach (var bad in new[] { "abc", "1", Guid.Empty + "0" }) yield return M(bad, Expect.Reject, bad);
        }
        foreach (var (what, value) in HostileValues.ParameterStrings) yield return M(what, Expect.Any, value);
        yield return new($"query {name} twice", "query:" + name, Expect.Any,
            r => r with { Query = r.Query.Add(new(name, r.Query.FirstOrDefault(q => q.Key == name).Value ?? "1")).Add(new(name, "2")) });
        foreach (var (what, raw) in new[] { ("bad percent-encoding", "%ZZ"), ("a cut-off escape", "%E0%A4%A"), ("an overlong UTF-8 escape", "%C0%AF"), ("an invalid UTF-8 escape", "%FF"), ("an escaped NUL", "%00") })
            yield return Raw(what, Expect.Any, raw);
    }

    private static IEnumerable<Mutation> HeaderValue(ContractParameter parameter)
    {
        var name = parameter.Name;
        Mutation M(string what, Expect expect, string value) => new($"{name}: {BodyMutations.Printable(what)}", "header:" + name, expect, r => Header(r, name, value));
        if (name == "If-Match")
        {
            foreach (var bad in new[] { "1", "\"1", "\"1\"\"2\"", "\"1\",,\"" }) yield return M(bad + " (malformed)", Expect.Reject, bad);
            // Well-formed but not current: 412, unless the body is what is already stored, when the retry
            // succeeds without a new version (the README's rule), so the service may answer either.
            foreach (var stale in new[] { "W/\"1\"", "\"999999\"", "\"a\", \"b\"", "\"" + new string('9', 10_000) + "\"", "\"\u0000\"", "\"-1\"", "*", "" })
                yield return M(stale, Expect.Any, stale);
            yield break;
        }
        foreach (var (what, value) in HostileValues.ParameterStrings) yield return M(what, Expect.Any, value);
        yield return M("101 characters", Expect.Any, new string('i', 101));
    }

    private static FuzzRequest Header(FuzzRequest r, string name, string value) =>
        r with { Headers = r.Headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Add(new(name, value)) };

    private static System.Collections.Immutable.ImmutableList<KeyValuePair<string, string>> Without(FuzzRequest r, string name) =>
        r.Query.RemoveAll(q => q.Key == name);

    private static string Nest(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }
}

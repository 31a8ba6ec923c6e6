using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Housing.Api.Tests.Hostile;

/// <summary>What the service must do with a mutated request.</summary>
public enum Expect
{
    /// <summary>The contract makes it invalid (a wrong type, an unknown field or enum value, a bad key...): only 4xx will do.</summary>
    Reject,

    /// <summary>The contract does not rule it out (an optional field left out, an odd but valid string...): 2xx is allowed too.</summary>
    Any,
}

/// <summary>
/// One request, kept in parts so mutations can change one part: path values (sent as given, so
/// they may carry raw escapes), query pairs (escaped when sent), headers, and a JSON body with
/// optional raw substitutions for what a JSON tree cannot hold (invalid UTF-8, NaN, leading zeros).
/// </summary>
public sealed record FuzzRequest
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public required HttpMethod Method { get; init; }
    public required string PathTemplate { get; init; }
    public ImmutableDictionary<string, string> PathValues { get; init; } = ImmutableDictionary<string, string>.Empty;
    public ImmutableList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>Appended to the query string as it is, for broken percent-encoding.</summary>
    public string? RawQuery { get; init; }

    /// <summary>X-Api-Key values: none, one, or several.</summary>
    public ImmutableList<string> ApiKeys { get; init; } = [];

    public ImmutableList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public JsonNode? Body { get; init; }

    /// <summary>Sent instead of <see cref="Body"/> when set.</summary>
    public byte[]? RawBody { get; init; }

    /// <summary>Quoted placeholder strings in the serialized body, and the bytes that replace them.</summary>
    public ImmutableDictionary<string, byte[]> Substitutions { get; init; } = ImmutableDictionary<string, byte[]>.Empty;

    public string? ContentType { get; init; } = "application/json";

    public string Url
    {
        get
        {
            var path = PathValues.Aggregate(PathTemplate, (p, v) => p.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));
            var query = Query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)).ToList();
            if (RawQuery is not null) query.Add(RawQuery);
            return query.Count == 0 ? path : path + "?" + string.Join('&', query);
        }
    }

    public byte[]? BodyBytes()
    {
        if (RawBody is not null) return RawBody;
        if (Body is null) return null;
        var bytes = Encoding.UTF8.GetBytes(Body.ToJsonString(Relaxed));
        foreach (var (token, raw) in Substitutions) bytes = Replace(bytes, Encoding.ASCII.GetBytes(JsonSerializer.Serialize(token)), raw);
        return bytes;
    }

    /// <summary>A placeholder string for <paramref name="raw"/>, to put where the raw JSON should go.</summary>
    public (FuzzRequest Request, string Token) WithSubstitution(byte[] raw)
    {
        var token = $"@@raw{Substitutions.Count}@@";
        return (this with { Substitutions = Substitutions.Add(token, raw) }, token);
    }

    /// <summary>The message, or null when the client library itself refuses a header value.</summary>
    public HttpRequestMessage? ToMessage()
    {
        var message = new HttpRequestMessage(Method, new Uri(Url, UriKind.Relative));
        foreach (var key in ApiKeys)
        {
            if (!message.Headers.TryAddWithoutValidation("X-Api-Key", key)) return null;
        }
        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value)) return null;
        }
        if (BodyBytes() is { } bytes)
        {
            message.Content = new ByteArrayContent(bytes);
            if (ContentType is not null && !message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType)) return null;
        }
        return message;
    }

    /// <summary>The request in a line or two, enough to send it again by hand.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"{Method} {Shorten(Url, 300)}");
        if (ApiKeys.Count != 1) text.Append($" [X-Api-Key ×{ApiKeys.Count}]");
        foreach (var (name, value) in Headers) text.Append($" [{name}: {Shorten(value, 80)}]");
        if (BodyBytes() is { } bytes)
        {
            text.Append($" [Content-Type: {ContentType ?? "none"}] ");
            text.Append(Shorten(Encoding.UTF8.GetString(bytes), 600));
        }
        return text.ToString();
    }

    private static string Shorten(string text, int max)
    {
        var printable = new string(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '\u00bf' : c).ToArray());
        return printable.Length <= max ? printable : printable[..max] + $"… ({text.Length} chars)";
    }

    private static byte[] Replace(byte[] bytes, byte[] find, byte[] with)
    {
        var at = bytes.AsSpan().IndexOf(find);
        return at < 0 ? bytes : [.. bytes.AsSpan(0, at), .. with, .. bytes.AsSpan(at + find.Length)];
    }
}

/// <summary>
/// A change to a valid request, with what it aims at (so combinations never touch one part twice)
/// and whether the contract leaves the service any choice but to refuse it.
/// </summary>
public sealed record Mutation(string Name, string Target, Expect Expect, Func<FuzzRequest, FuzzRequest> Apply)
{
    public override string ToString() => Name;
}

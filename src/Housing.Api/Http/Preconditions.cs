using Microsoft.Extensions.Primitives;

namespace Housing.Api.Http;

/// <summary>
/// If-Match as RFC 9110 §13.1.1 defines it: strong comparison, "*" matches any current
/// version, and a weak tag never matches.
/// </summary>
public sealed record IfMatch(bool Any, IReadOnlyList<string> Tags)
{
    public bool Matches(string currentTag) => Any || Tags.Contains(currentTag);

    /// <summary>Null when the header is absent; false when it is present but malformed.</summary>
    public static bool TryParse(StringValues header, out IfMatch? ifMatch)
    {
        ifMatch = null;
        if (StringValues.IsNullOrEmpty(header)) return true;
        var tags = new List<string>();
        foreach (var value in header)
        {
            foreach (var raw in value!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (raw == "*") { ifMatch = new IfMatch(true, []); return true; }
                if (raw.StartsWith("W/\"", StringComparison.Ordinal) && raw.EndsWith('"') && raw.Length >= 4) continue;
                if (raw.Length < 2 || raw[0] != '"' || raw[^1] != '"' || raw.AsSpan(1, raw.Length - 2).Contains('"')) return false;
                tags.Add(raw[1..^1]);
            }
        }
        ifMatch = new IfMatch(false, tags);
        return true;
    }
}

public static class ETags
{
    /// <summary>Marks an endpoint whose answers carry the resource's ETag, so the contract documents the header.</summary>
    public static TBuilder SendsETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SendsETagMetadata());

    public static string Quote(string tag) => $"\"{tag}\"";

    /// <summary>Made for each request, in its language.</summary>
    public static IDictionary<string, string[]> MalformedIfMatch => new Dictionary<string, string[]>
    {
        ["If-Match"] = [ProblemText.Problem_IfMatch_Malformed],
    };
}

public sealed class SendsETagMetadata;

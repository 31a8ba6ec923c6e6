using System.Text.RegularExpressions;

namespace Housing.Api.Errors;

/// <summary>Collects per-field errors, keyed by the JSON path the client sent.</summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>Whether <paramref name="field"/> already has an error, so a rule that needs it well formed can pass it by.</summary>
    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public T? Required<T>(string field, T? value) where T : struct
    {
        if (value is null) Add(field, ProblemText.Problem_Required);
        return value;
    }

    /// <summary>
    /// Text as it is kept: trimmed, and null when blank; refused with control characters. Its
    /// presence and length are the request's shape (<see cref="RequestShape"/>), checked before.
    /// </summary>
    public string? Text(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        NoControlCharacters(field, trimmed);
        return trimmed;
    }

    /// <summary>
    /// Refuses text with control characters, for a value kept as sent rather than trimmed like
    /// <see cref="Text"/>: PostgreSQL cannot even take a NUL as a parameter, so it must not get that far.
    /// </summary>
    public void NoControlCharacters(string field, string? value)
    {
        if (value is not null && HasControlCharacters(value)) Add(field, ProblemText.Problem_ControlCharacters);
    }

    /// <summary>
    /// A free-text query filter: matched as trimmed, like <see cref="Text"/>, but refused with a
    /// control character anywhere, even at an end that trimming would drop (<c>?action=x%0A</c>
    /// is a mistake to report, not a filter that quietly matches nothing or something else).
    /// Its length is the query's shape (<see cref="RequestShape"/>).
    /// </summary>
    public string? Filter(string field, string? value)
    {
        if (value is null || !HasControlCharacters(value)) return Text(field, value);
        Add(field, ProblemText.Problem_ControlCharacters);
        return null;
    }

    public int? Range(string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max)) Add(field, Say.Format(ProblemText.Problem_Between, min, max));
        return value;
    }

    public double? Range(string field, double? value, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max)) Add(field, Say.Format(ProblemText.Problem_Between, min, max));
        return value;
    }

    public IDictionary<string, string[]> Errors =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    private static bool HasControlCharacters(string value) => ControlCharacters().IsMatch(value);

    [GeneratedRegex(@"[\p{Cc}\p{Cs}\u2028\u2029]")]
    private static partial Regex ControlCharacters();
}

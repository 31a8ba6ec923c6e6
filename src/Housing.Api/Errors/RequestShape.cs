using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Housing.Api.Http;

namespace Housing.Api.Errors;

/// <summary>
/// The shape rules a request states with attributes on its records (<see cref="RequiredAttribute"/>,
/// <see cref="RangeAttribute"/>, <see cref="StringLengthAttribute"/>, <see cref="MinLengthAttribute"/>,
/// <see cref="MaxLengthAttribute"/>, <see cref="RegularExpressionAttribute"/>, <see cref="UniqueItemsAttribute"/>),
/// checked in this one place for the API and the console alike. The contract publishes the same
/// attributes (<see cref="OpenApi.ShapeSchema"/>), so it says what is checked here and no more.
/// It walks nested records and the items of lists, and keys each error by the JSON path the
/// client sent (<c>household.members[0].age</c>). Rules between fields stay in each feature's rules class.
/// </summary>
public static class RequestShape
{
    private sealed record Field(string Name, Func<object, object?> Get, ValidationAttribute[] Attributes, bool Nested, bool NestedItems);

    private static readonly ConcurrentDictionary<Type, Field[]> Fields = new();

    /// <summary>Adds an error to <paramref name="v"/> for each shape rule <paramref name="request"/> breaks.</summary>
    /// <param name="at">The JSON path of <paramref name="request"/> within the body, ending in a dot; empty for the body itself.</param>
    public static void Check(object? request, Validation v, string at = "")
    {
        if (request is not null) Walk(request, v, at);
    }

    private static void Walk(object value, Validation v, string at)
    {
        foreach (var field in Fields.GetOrAdd(value.GetType(), Read))
        {
            var x = field.Get(value);
            var broken = false;
            foreach (var attribute in field.Attributes)
            {
                if (Broken(attribute, x) is not { } message) continue;
                v.Add(at + field.Name, message);
                broken = true;
                break;
            }
            if (x is null || broken || !(field.Nested || field.NestedItems)) continue;
            // Paths are made only where they are needed: for an error, or to walk further in.
            var path = at + field.Name;
            if (field.Nested) Walk(x, v, path + ".");
            else if (x is IList items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is { } item) Walk(item, v, $"{path}[{i}].");
                    else v.Add($"{path}[{i}]", ProblemText.Problem_Required);
                }
            }
        }
    }

    /// <summary>The sentence for the rule <paramref name="value"/> breaks, or null; a null value breaks only <see cref="RequiredAttribute"/>.</summary>
    private static string? Broken(ValidationAttribute attribute, object? value)
    {
        // The attribute's own sentence is read (by reflection) only for a rule that is broken.
        switch (attribute)
        {
            case RequiredAttribute required:
                if (value is null) return Own(attribute) ?? ProblemText.Problem_Required;
                return value is string s && !required.AllowEmptyStrings && string.IsNullOrWhiteSpace(s) ? Own(attribute) ?? ProblemText.Problem_NotEmpty : null;
            case RangeAttribute range:
                if (value is null || Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d
                    && !double.IsNaN(d) && Above(d, range) && Below(d, range)) return null;
                return Own(attribute) ?? Say.Format(ProblemText.Problem_Between, Number(range.Minimum), Number(range.Maximum));
            case StringLengthAttribute length when value is string text:
                if (text.Length > length.MaximumLength) return Own(attribute) ?? Say.Format(ProblemText.Problem_AtMostCharacters, length.MaximumLength);
                return text.Length < length.MinimumLength ? Own(attribute) ?? Say.Format(ProblemText.Problem_AtLeastCharacters, length.MinimumLength) : null;
            case MinLengthAttribute min when Count(value) is { } n && n < min.Length:
                return Own(attribute) ?? Say.Format(value is string ? ProblemText.Problem_AtLeastCharacters : ProblemText.Problem_AtLeastEntries, min.Length);
            case MaxLengthAttribute max when Count(value) is { } n && n > max.Length:
                return Own(attribute) ?? Say.Format(value is string ? ProblemText.Problem_AtMostCharacters : ProblemText.Problem_AtMostEntries, max.Length);
            case MinLengthAttribute or MaxLengthAttribute:
                return null;
            case RegularExpressionAttribute regex when value is string text:
                // The attribute passes empty text by; the contract's pattern does not, nor do we.
                var match = Regex.Match(text, regex.Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(regex.MatchTimeoutInMilliseconds));
                return match.Success && match.Index == 0 && match.Length == text.Length ? null : Own(attribute) ?? ProblemText.Problem_NotValid;
            case UniqueItemsAttribute when value is IEnumerable items and not string:
                var seen = new HashSet<object?>();
                foreach (var item in items) if (!seen.Add(item)) return Own(attribute) ?? ProblemText.Problem_Unique;
                return null;
            default:
                return value is null || attribute.IsValid(value) ? null : Own(attribute) ?? ProblemText.Problem_NotValid;
        }
    }

    /// <summary>
    /// The attribute's own sentence: from <see cref="ProblemText"/> in the request's language
    /// (<c>ErrorMessageResourceType</c>), else as written; null for the rule's usual one.
    /// </summary>
    private static string? Own(ValidationAttribute attribute) =>
        attribute.ErrorMessageResourceType is { } resources && attribute.ErrorMessageResourceName is { } name
            ? resources.GetProperty(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as string
            : attribute.ErrorMessage;

    private static bool Above(double d, RangeAttribute r) => r.MinimumIsExclusive ? d > Convert.ToDouble(r.Minimum, CultureInfo.InvariantCulture) : d >= Convert.ToDouble(r.Minimum, CultureInfo.InvariantCulture);

    private static bool Below(double d, RangeAttribute r) => r.MaximumIsExclusive ? d < Convert.ToDouble(r.Maximum, CultureInfo.InvariantCulture) : d <= Convert.ToDouble(r.Maximum, CultureInfo.InvariantCulture);

    private static string Number(object bound) => Convert.ToString(bound, CultureInfo.InvariantCulture) ?? "";

    private static int? Count(object? value) => value switch
    {
        string s => s.Length,
        ICollection c => c.Count,
        _ => null,
    };

    /// <summary>The fields of a type as the serializer names them, with their rules, read once per type.</summary>
    private static Field[] Read(Type type)
    {
        var info = HousingJson.Options.GetTypeInfo(type);
        if (info.Kind != JsonTypeInfoKind.Object) return [];
        return info.Properties
            .Where(p => p.Get is not null)
            .Select(p => new Field(
                p.Name,
                p.Get!,
                Order(p.AttributeProvider?.GetCustomAttributes(typeof(ValidationAttribute), inherit: true).Cast<ValidationAttribute>() ?? []),
                IsRequest(p.PropertyType),
                ItemType(p.PropertyType) is { } item && IsRequest(item)))
            .ToArray();
    }

    /// <summary>Presence first, then the rest in the order written: one sentence per field.</summary>
    private static ValidationAttribute[] Order(IEnumerable<ValidationAttribute> attributes) =>
        attributes.OrderBy(a => a is RequiredAttribute ? 0 : 1).ToArray();

    /// <summary>A record of ours, walked field by field (not text, not an enum, not a framework type).</summary>
    private static bool IsRequest(Type type) =>
        type.IsClass && type != typeof(string) && type.Assembly == typeof(RequestShape).Assembly;

    private static Type? ItemType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(IEnumerable).IsAssignableFrom(type) ? item : null;
}

/// <summary>
/// The list's entries must differ from each other (published as <c>uniqueItems</c>).
/// Checked by <see cref="RequestShape"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class UniqueItemsAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not IEnumerable items || value is string || items.Cast<object?>().Distinct().Count() == items.Cast<object?>().Count();
}

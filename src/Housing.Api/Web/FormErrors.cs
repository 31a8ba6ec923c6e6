using System.Text.RegularExpressions;

namespace Housing.Api.Web;

/// <summary>
/// Validation messages keyed by the API's field names ("household.members[1].age"): the console
/// shows them in a summary that links to each field, and beside the field itself.
/// </summary>
public sealed partial class FormErrors(IDictionary<string, string[]> errors)
{
    public static readonly FormErrors None = new(new Dictionary<string, string[]>());

    public IReadOnlyDictionary<string, string[]> ByField { get; } = new Dictionary<string, string[]>(errors);

    public bool Any => ByField.Count > 0;

    public IReadOnlyList<string> For(string field) => ByField.TryGetValue(field, out var messages) ? messages : [];

    public bool Has(string field) => ByField.ContainsKey(field);

    /// <summary>The id of the message shown beside a field, for its aria-describedby.</summary>
    public static string IdFor(string field) => "error-" + NonWord().Replace(field, "-").Trim('-');

    /// <summary>The id of the input for a field, so the summary can link to it.</summary>
    public static string InputId(string field) => "f-" + NonWord().Replace(field, "-").Trim('-');

    /// <summary>A field's name as the person filling the form knows it.</summary>
    public static string Label(string field)
    {
        var row = Row().Match(field);
        if (row.Success)
        {
            var n = int.Parse(row.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
            var what = row.Groups[3].Value switch
            {
                "age" => "age",
                "role" => "adult or child",
                "genders" => "gender",
                "radiusKm" => "radius",
                "" => "details",
                var other => other,
            };
            return row.Groups[1].Value == "household.members" ? $"Person {n}: {what}" : $"Unsafe place {n}: {what}";
        }
        return field switch
        {
            "household" or "household.members" => "People in the household",
            "household.languages" => "Languages",
            "household.homelessCategory" => "Homeless category",
            "wants.kinds" => "Kinds of program",
            "wants.services" => "Services",
            "safety.unsafeOrganizationIds" => "Unsafe organisations",
            "clientReference" => "Client reference",
            "programIds" => "Programs to refer to",
            "endsAt" => "Watch for",
            "mode" => "When a bed opens",
            "reason" => "Reason",
            "arriveBy" => "Can arrive by",
            "text" => "Note",
            "counts" => "Counts",
            _ when field.StartsWith("safety.unsafeRegions", StringComparison.Ordinal) => "Unsafe regions",
            _ when field.StartsWith("safety.unsafeOrganizationIds", StringComparison.Ordinal) => "Unsafe organisations",
            _ when field.StartsWith("programIds", StringComparison.Ordinal) => "Programs to refer to",
            _ => field,
        };
    }

    [GeneratedRegex(@"^(household\.members|safety\.unsafePlaces)\[(\d+)\]\.?(\w*)$")]
    private static partial Regex Row();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWord();
}

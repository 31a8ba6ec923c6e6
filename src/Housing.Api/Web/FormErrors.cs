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
                "age" => ConsoleText.Field_Age,
                "role" => ConsoleText.Field_Role,
                "genders" => ConsoleText.Field_Gender,
                "radiusKm" => ConsoleText.Field_Radius,
                "place" => ConsoleText.Field_Place,
                "latitude" => ConsoleText.Field_Latitude,
                "longitude" => ConsoleText.Field_Longitude,
                "" => ConsoleText.Field_Details,
                var other => other,
            };
            return Say.Format(row.Groups[1].Value == "household.members" ? ConsoleText.Field_PersonRow : ConsoleText.Field_PlaceRow, n, what);
        }
        return field switch
        {
            "household" or "household.members" => ConsoleText.Field_Household,
            "household.languages" => ConsoleText.Field_Languages,
            "household.homelessCategory" => ConsoleText.Field_HomelessCategory,
            "wants.kinds" => ConsoleText.Field_Kinds,
            "wants.services" => ConsoleText.Field_Services,
            "wants.cocCodes" => ConsoleText.Search_Coc,
            "safety.unsafeOrganizationIds" => ConsoleText.Field_UnsafeOrganizations,
            "clientReference" => ConsoleText.Field_ClientReference,
            "programIds" => ConsoleText.Field_ProgramIds,
            "endsAt" => ConsoleText.Field_EndsAt,
            "mode" => ConsoleText.Field_Mode,
            "reason" => ConsoleText.Field_Reason,
            "arriveBy" => ConsoleText.Field_ArriveBy,
            "text" => ConsoleText.Field_Note,
            "counts" => ConsoleText.Field_Counts,
            "kind" => ConsoleText.Field_Kind,
            "region" => ConsoleText.Field_Region,
            "householdType" => ConsoleText.Field_HouseholdType,
            "minOpen" => ConsoleText.Field_MinOpen,
            "fresh" => ConsoleText.Field_Fresh,
            "apiKey" => ConsoleText.SignIn_Key,
            "answer" => ConsoleText.Field_Answer,
            _ when field.StartsWith("safety.unsafeRegions", StringComparison.Ordinal) => ConsoleText.Field_UnsafeRegions,
            _ when field.StartsWith("safety.unsafeOrganizationIds", StringComparison.Ordinal) => ConsoleText.Field_UnsafeOrganizations,
            _ when field.StartsWith("programIds", StringComparison.Ordinal) => ConsoleText.Field_ProgramIds,
            _ => AdminFields.Label(field) ?? field,
        };
    }

    [GeneratedRegex(@"^(household\.members|safety\.unsafePlaces)\[(\d+)\]\.?(\w*)$")]
    private static partial Regex Row();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWord();
}

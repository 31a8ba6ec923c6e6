using System.Globalization;
using Housing.Api.Http;
using Housing.Api.Programs;
using Housing.Api.Web;

namespace Housing.Api.Reports.Html;

/// <summary>
/// How the report's page writes a figure or a group for a reader: shares as percentages, one
/// decimal at most, "n/a" where there is none, and groups in the console's words (<see cref="Display"/>).
/// </summary>
public static class Show
{
    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Minutes(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " min" : "n/a";

    public static string Hours(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " h" : "never posted";

    /// <summary>A group's name: a kind or household type in words ("Rapid rehousing", "Families with children"), else its label.</summary>
    public static string Group(RollupRow row) => row.Dimension switch
    {
        "kind" when HousingJson.TryParse<ProgramKind>(row.Group, out var kind) => Kind(kind),
        "household_type" when HousingJson.TryParse<HouseholdType>(row.Group, out var type) => Household(type),
        _ => row.Label,
    };

    /// <summary>The console's words, starting a table's row: "Families with children".</summary>
    public static string Household(HouseholdType type) => Capital(Display.Household(type));

    public static string Kind(ProgramKind kind) => Display.Kind(kind);

    private static string Capital(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
}

using System.Globalization;
using Housing.Api.Http;
using Housing.Api.Programs;
using Housing.Api.Referrals;

namespace Housing.Api.Reports.Html;

/// <summary>
/// How the report's page writes a figure or a group for a reader, in the language it is rendered
/// in: shares as percentages, one decimal at most, "n/a" where there is none, and codes in words (<see cref="Terms"/>).
/// </summary>
public static class Show
{
    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : ReportText.Report_NotAvailable;

    /// <summary>A count a report stored before it was reported does not have.</summary>
    public static string Count(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : ReportText.Report_NotAvailable;

    public static string Minutes(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " min" : ReportText.Report_NotAvailable;

    public static string Hours(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " h" : ReportText.Report_NeverPosted;

    /// <summary>A group's name: a kind or household type in words ("Rapid re-housing", "Families with children"), else its label.</summary>
    public static string Group(RollupRow row) => row.Dimension switch
    {
        "kind" when HousingJson.TryParse<ProgramKind>(row.Group, out var kind) => Kind(kind),
        "household_type" when HousingJson.TryParse<HouseholdType>(row.Group, out var type) => Household(type),
        _ => row.Label,
    };

    /// <summary>A household type starting a table's row: "Families with children".</summary>
    public static string Household(HouseholdType type) => Terms.Capitalized(Terms.Of(type));

    public static string Kind(ProgramKind kind) => Terms.Kind(kind);

    /// <summary>A decline's coded reason, as the report keeps it ("no_capacity"), starting a row: "No room".</summary>
    public static string DeclineReason(string code) =>
        Terms.Capitalized(HousingJson.TryParse<DeclineReason>(code, out var reason) ? Terms.Of(reason) : ReportText.Report_NoReasonGiven);

    /// <summary>Why a search found nothing, by its main reason's code.</summary>
    public static string ExclusionReason(string code) =>
        HousingJson.TryParse<Matching.ExclusionReason>(code, out var reason)
            ? Matching.ExclusionReasons.Sentence(reason)
            : ReportText.Report_NoProgramToConsider;
}

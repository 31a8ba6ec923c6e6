using System.Globalization;

namespace Housing.Api.Reports.Html;

/// <summary>How the report's page writes a figure for a reader: one decimal at most, and "n/a" where there is none.</summary>
public static class Show
{
    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Minutes(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " min" : "n/a";
}

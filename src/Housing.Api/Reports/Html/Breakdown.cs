namespace Housing.Api.Reports.Html;

/// <summary>
/// One way the report breaks its figures down, with every sentence shown about it whole (one
/// string each, for translation): the first column's heading, the chart's title and description
/// (null for no chart), and the captions of its capacity, referral and ask tables.
/// </summary>
public sealed record Breakdown(
    string Dimension, string Column, string? Chart, string? ChartDescription,
    string Capacity, string More, string Referrals, string Asks)
{
    public static readonly Breakdown County = new("county", "Which programs", null, null,
        "Capacity of the whole county", "Referrals and asks in the whole county", "Referrals in the whole county", "Asks in the whole county");

    public static readonly IReadOnlyList<Breakdown> Rollups =
    [
        new("kind", "Kind", "Utilisation by kind", "Share of beds and slots in use at the end of the day, by kind of program, in programs that are not confidential.",
            "Capacity by kind", "Referrals and asks by kind", "Referrals by kind", "Asks by kind"),
        new("region", "Region", "Utilisation by region", "Share of beds and slots in use at the end of the day, by region, in programs that are not confidential.",
            "Capacity by region", "Referrals and asks by region", "Referrals by region", "Asks by region"),
        new("household_type", "Household type", "Utilisation by household type", "Share of beds and slots in use at the end of the day, by the household type they serve, in programs that are not confidential.",
            "Capacity by household type", "Referrals and asks by household type", "Referrals by household type", "Asks by household type"),
    ];

    public static readonly Breakdown Organizations = new("organization", "Organisation", null, null,
        "Capacity by organisation", "Referrals and asks by organisation", "Referrals by organisation", "Asks by organisation");
}


namespace Housing.Api.Reports.Html;

/// <summary>
/// One way the report breaks its figures down, with every sentence shown about it whole (one
/// string each, in <see cref="ReportText"/>): the first column's heading, the chart's title and
/// description (null for no chart), and the captions of its capacity, referral and ask tables.
/// Made anew for each page, in the language it is rendered in.
/// </summary>
public sealed record Breakdown(
    string Dimension, string Column, string? Chart, string? ChartDescription,
    string Capacity, string More, string Referrals, string Asks)
{
    public static Breakdown County => new("county", ReportText.Report_County_Column, null, null,
        ReportText.Report_County_Capacity, ReportText.Report_County_More, ReportText.Report_County_Referrals, ReportText.Report_County_Asks);

    public static IReadOnlyList<Breakdown> Rollups =>
    [
        new("kind", ReportText.Report_Kind, ReportText.Report_Kind_Chart, ReportText.Report_Kind_ChartDescription,
            ReportText.Report_Kind_Capacity, ReportText.Report_Kind_More, ReportText.Report_Kind_Referrals, ReportText.Report_Kind_Asks),
        new("region", ReportText.Report_Region, ReportText.Report_Region_Chart, ReportText.Report_Region_ChartDescription,
            ReportText.Report_Region_Capacity, ReportText.Report_Region_More, ReportText.Report_Region_Referrals, ReportText.Report_Region_Asks),
        new("coc", ReportText.Report_Coc, ReportText.Report_Coc_Chart, ReportText.Report_Coc_ChartDescription,
            ReportText.Report_Coc_Capacity, ReportText.Report_Coc_More, ReportText.Report_Coc_Referrals, ReportText.Report_Coc_Asks),
        new("household_type", ReportText.Report_HouseholdType, ReportText.Report_Household_Chart, ReportText.Report_Household_ChartDescription,
            ReportText.Report_Household_Capacity, ReportText.Report_Household_More, ReportText.Report_Household_Referrals, ReportText.Report_Household_Asks),
    ];

    public static Breakdown Organizations => new("organization", ReportText.Report_Organization, null, null,
        ReportText.Report_Organization_Capacity, ReportText.Report_Organization_More, ReportText.Report_Organization_Referrals, ReportText.Report_Organization_Asks);
}

using System.Globalization;
using System.Net;
using System.Text;
using Housing.Api.Errors;
using Housing.Api.Programs;

namespace Housing.Api.Reports;

/// <summary>
/// The report as one self-contained page for people who would rather look than read: bar
/// charts as inline SVG (each with a title and description, and the same figures in a table
/// beside it), no scripts, no fonts, no external requests. Every text is HTML-encoded.
/// </summary>
public static class ReportHtml
{
    public const string ContentType = "text/html";

    public static string Render(CapacityReport r)
    {
        var html = new StringBuilder();
        var date = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        html.Append($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Capacity report {date}</title>
            <style>
            body{"{"}font-family:system-ui,sans-serif;margin:2rem;max-width:72rem;color:#1a1a1a{"}"}
            table{"{"}border-collapse:collapse;margin:1rem 0{"}"} th,td{"{"}border:1px solid #ccc;padding:.25rem .5rem;text-align:right{"}"}
            th:first-child,td:first-child{"{"}text-align:left{"}"} .note{"{"}color:#555{"}"} figure{"{"}margin:1rem 0{"}"}
            </style></head><body>
            <h1>Capacity report for {date}</h1>
            """);
        html.Append(Body(r));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>
    /// Everything below the page's heading: the notes, the charts and the tables. The console
    /// shows the same body inside its own page, under its own styles.
    /// </summary>
    public static string Body(CapacityReport r)
    {
        var html = new StringBuilder();
        var date = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        html.Append($"<p class=\"note\">Local day in {E(r.TimeZone)}: {E(r.WindowStart.ToString("u", CultureInfo.InvariantCulture))} to {E(r.WindowEnd.ToString("u", CultureInfo.InvariantCulture))} (UTC). Built {E(r.BuiltAt.ToString("u", CultureInfo.InvariantCulture))}.");
        if (r.Provisional) html.Append(" <strong>Provisional:</strong> built before the day ended; it is rebuilt once the day is over.");
        html.Append($" Programs that did not post within {r.StaleHours} hours of the end of the day are stale. Confidential programs have no row and are in no breakdown: they are counted only in the county totals and in one aggregate of their own, which is suppressed, with the totals, when it holds 1 to {r.SuppressBelow - 1} programs, so that no figure singles one out.</p>\n");

        html.Append("<h2>Summary</h2>\n<p>");
        if (r.Totals is { } t)
        {
            html.Append(E($"{t.Programs} programs: {t.Open} of {t.Inventory} open at the end of the day ({Percent(t.Utilisation)} used), {t.Held} held for referrals, {t.StalePrograms} with stale or no data. "));
            html.Append(E($"{t.ReferralsMade} referrals offered: {t.Accepted} accepted, {t.Declined} declined ({t.DeclinedByClient} by the client, {t.DeclinedByProvider} by the provider), {t.Expired} expired; median answer {Minutes(t.MedianMinutesToAnswer)}. "));
        }
        else html.Append(E($"County totals are suppressed: with the programs below they would give the {r.Confidential.Programs} confidential programs' figures. "));
        var u = r.UnmetNeed;
        html.Append(E($"{u.Unmatched} of {u.Searches} searches found nothing.")).Append("</p>\n");

        html.Append("<h2>Confidential programs</h2>\n").Append(RollupTable([(r.Confidential.Label, r.Confidential.Figures)]));

        foreach (var dimension in new[] { ("kind", "kind"), ("region", "region"), ("household_type", "household type") })
        {
            var rows = r.Rollups.Where(g => g.Dimension == dimension.Item1).ToList();
            if (rows.Count == 0) continue;
            html.Append($"<h2>Utilisation by {E(dimension.Item2)}</h2>\n");
            html.Append(BarChart($"chart-{dimension.Item1}", $"Utilisation by {dimension.Item2}",
                $"Share of inventory in use at the end of {date}, by {dimension.Item2}, in programs that are not confidential.",
                rows.Select(g => (g.Label, g.Figures.Utilisation, Percent(g.Figures.Utilisation))).ToList(), 1));
            html.Append(RollupTable(Groups(rows)));
        }

        html.Append("<h2>Unmet need</h2>\n");
        if (u.ByTopReason.Count > 0)
        {
            var max = u.ByTopReason.Max(x => x.Unmatched);
            html.Append(BarChart("chart-unmet", "Searches that found nothing, by main reason",
                "Each bar counts the searches with no match whose programs were excluded most often for that reason.",
                u.ByTopReason.Select(x => (x.Reason, (double?)x.Unmatched, x.Unmatched.ToString(CultureInfo.InvariantCulture))).ToList(), max));
        }
        html.Append("<table><caption>Searches by household shape</caption><thead><tr><th scope=\"col\">Household type</th><th scope=\"col\">Adults</th><th scope=\"col\">Children</th><th scope=\"col\">Searches</th><th scope=\"col\">Found nothing</th></tr></thead><tbody>\n");
        foreach (var h in u.ByHousehold)
            html.Append($"<tr><td>{E(HousingJson.Text(h.HouseholdType))}</td><td>{h.Adults}</td><td>{h.Children}</td><td>{h.Searches}</td><td>{h.Unmatched}</td></tr>\n");
        html.Append("</tbody></table>\n");

        html.Append(WatchesAndAsks(r));

        html.Append("<h2>Programs</h2>\n<table><caption>Each program that is not confidential</caption><thead><tr><th scope=\"col\">Program</th><th scope=\"col\">Organisation</th><th scope=\"col\">Kind</th><th scope=\"col\">Region</th><th scope=\"col\">Inventory</th><th scope=\"col\">Open</th><th scope=\"col\">Held</th><th scope=\"col\">Used</th><th scope=\"col\">Data age (h)</th><th scope=\"col\">Referrals</th><th scope=\"col\">Accepted</th><th scope=\"col\">Declined</th><th scope=\"col\">Expired</th><th scope=\"col\">Median answer</th><th scope=\"col\">Response rate</th><th scope=\"col\">Asked</th><th scope=\"col\">Asks answered</th><th scope=\"col\">Said yes</th><th scope=\"col\">Ask answer rate</th></tr></thead><tbody>\n");
        foreach (var p in r.Programs)
        {
            var f = p.Figures;
            var age = p.DataAgeHours is { } a ? a.ToString("0.#", CultureInfo.InvariantCulture) : "never posted";
            html.Append($"<tr><td>{E(p.Name)}</td><td>{E(p.OrganizationName)}</td><td>{E(HousingJson.Text(p.Kind))}</td><td>{E(p.Region)}</td><td>{f.Inventory}</td><td>{f.Open}</td><td>{f.Held}</td><td>{Percent(f.Utilisation)}</td><td>{E(age)}{(p.Stale ? " (stale)" : "")}</td><td>{f.ReferralsMade}</td><td>{f.Accepted}</td><td>{f.Declined}</td><td>{f.Expired}</td><td>{E(Minutes(f.MedianMinutesToAnswer))}</td><td>{Percent(f.ResponseRate)}</td><td>{f.AsksReceived}</td><td>{f.AsksAnswered}</td><td>{f.AsksAnsweredYes}</td><td>{Percent(f.AskAnswerRate)}</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
        var organizations = r.Rollups.Where(g => g.Dimension == "organization").ToList();
        if (organizations.Count > 0)
        {
            html.Append("<h2>Organisations</h2>\n<p class=\"note\">Programs that are not confidential.</p>\n").Append(RollupTable(Groups(organizations)));
        }
        return html.ToString();
    }

    /// <summary>The day's watches and asks, whole and by household type.</summary>
    private static string WatchesAndAsks(CapacityReport r)
    {
        if (r.Watches is null || r.Asks is null)
            return "<h2>Watches and asks</h2>\n<p class=\"note\">Not counted in this report: it was built before watches and asks were reported. Rebuild it to add them.</p>\n";
        var html = new StringBuilder("<h2>Watches</h2>\n<p class=\"note\">Standing searches, one per household: opened that day, and ended that day by how they ended. They name no program.</p>\n");
        html.Append("<table><caption>Watches by household type</caption><thead><tr><th scope=\"col\">Household type</th><th scope=\"col\">Opened</th><th scope=\"col\">Fulfilled</th><th scope=\"col\">Expired</th><th scope=\"col\">Declined</th><th scope=\"col\">Cancelled</th><th scope=\"col\">Median time to a bed</th></tr></thead><tbody>\n");
        foreach (var (label, w) in r.Watches.ByHouseholdType.Select(h => (HouseholdLabel(h.HouseholdType), h.Counts)).Append(("All households", r.Watches.Counts)))
            html.Append($"<tr><td>{E(label)}</td><td>{w.Opened}</td><td>{w.Fulfilled}</td><td>{w.Expired}</td><td>{w.Declined}</td><td>{w.Cancelled}</td><td>{E(Minutes(w.MedianMinutesToFulfil))}</td></tr>\n");
        html.Append("</tbody></table>\n");

        html.Append("<h2>Asks</h2>\n<p class=\"note\">Asks sent that day to several programs at once, and their programs' answers. The answer rate leaves out lines withdrawn before the program answered (another said yes first, or the case manager cancelled).</p>\n");
        if (r.Asks.Counts is not { } all)
            return html.Append("<p>").Append(E($"Asks are suppressed with the county totals: they include the {r.Confidential.Programs} confidential programs' answers.")).Append("</p>\n").ToString();
        html.Append("<table><caption>Asks by household type</caption><thead><tr><th scope=\"col\">Household type</th><th scope=\"col\">Asks sent</th><th scope=\"col\">Programs asked</th><th scope=\"col\">Answered</th><th scope=\"col\">Said yes</th><th scope=\"col\">Answer rate</th><th scope=\"col\">Median time to the first yes</th></tr></thead><tbody>\n");
        var rows = r.Asks.ByHouseholdType.Select(h => (HouseholdLabel(h.HouseholdType), h.Counts)).Append(("All households", all));
        foreach (var (label, a) in rows)
            html.Append($"<tr><td>{E(label)}</td><td>{a.Sent}</td><td>{a.Lines}</td><td>{a.Answered}</td><td>{a.AnsweredYes}</td><td>{Percent(a.AnswerRate)}</td><td>{E(Minutes(a.MedianMinutesToFirstYes))}</td></tr>\n");
        html.Append("</tbody></table>\n");
        if (r.Asks.ByHouseholdTypeSuppressed)
            html.Append("<p class=\"note\">Asks by household type are suppressed: a household type's asks reached too few confidential programs.</p>\n");
        return html.ToString();
    }

    private static string HouseholdLabel(HouseholdType type) => type switch
    {
        HouseholdType.AdultsOnly => "Adults only",
        HouseholdType.AdultsWithChildren => "Adults with children",
        _ => "Children only",
    };

    private static List<(string Label, Figures? Figures)> Groups(IEnumerable<RollupRow> rows) => rows.Select(g => (g.Label, (Figures?)g.Figures)).ToList();

    private static string RollupTable(IReadOnlyList<(string Label, Figures? Figures)> rows)
    {
        var html = new StringBuilder("<table><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Programs</th><th scope=\"col\">Inventory</th><th scope=\"col\">Open</th><th scope=\"col\">Held</th><th scope=\"col\">Used</th><th scope=\"col\">Stale</th><th scope=\"col\">Referrals</th><th scope=\"col\">Accepted</th><th scope=\"col\">Declined</th><th scope=\"col\">Expired</th><th scope=\"col\">Median answer</th><th scope=\"col\">Response rate</th><th scope=\"col\">Asked</th><th scope=\"col\">Asks answered</th><th scope=\"col\">Said yes</th><th scope=\"col\">Ask answer rate</th></tr></thead><tbody>\n");
        foreach (var g in rows)
        {
            if (g.Figures is not { } f)
            {
                html.Append($"<tr><td>{E(g.Label)}</td><td colspan=\"16\">suppressed (too few confidential programs)</td></tr>\n");
                continue;
            }
            html.Append($"<tr><td>{E(g.Label)}</td><td>{f.Programs}</td><td>{f.Inventory}</td><td>{f.Open}</td><td>{f.Held}</td><td>{Percent(f.Utilisation)}</td><td>{f.StalePrograms}</td><td>{f.ReferralsMade}</td><td>{f.Accepted}</td><td>{f.Declined}</td><td>{f.Expired}</td><td>{E(Minutes(f.MedianMinutesToAnswer))}</td><td>{Percent(f.ResponseRate)}</td><td>{f.AsksReceived}</td><td>{f.AsksAnswered}</td><td>{f.AsksAnsweredYes}</td><td>{Percent(f.AskAnswerRate)}</td></tr>\n");
        }
        return html.Append("</tbody></table>\n").ToString();
    }

    /// <summary>A horizontal bar chart; a bar without a value is drawn as its text alone.</summary>
    private static string BarChart(string id, string title, string description, IReadOnlyList<(string Label, double? Value, string Text)> bars, double max)
    {
        const int labelWidth = 220, barWidth = 400, rowHeight = 24;
        var height = bars.Count * rowHeight + 8;
        var svg = new StringBuilder($"<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{labelWidth + barWidth + 90}\" height=\"{height}\" viewBox=\"0 0 {labelWidth + barWidth + 90} {height}\" aria-labelledby=\"{id}-title {id}-desc\">");
        svg.Append($"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            var y = 4 + i * rowHeight;
            var width = value is { } v && max > 0 ? Math.Max(0, Math.Min(1, v / max)) * barWidth : 0;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"13\">{E(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{width:0.#}\" height=\"{rowHeight - 8}\" fill=\"#2b6cb0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 6:0.#}\" y=\"{y + 16}\" font-size=\"13\">{E(text)}</text>");
        }
        return svg.Append($"</svg><figcaption>{E(title)}</figcaption></figure>\n").ToString();
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Minutes(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " min" : "n/a";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}

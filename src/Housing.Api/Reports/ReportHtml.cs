using System.Globalization;
using Housing.Api.Reports.Html;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Housing.Api.Reports;

/// <summary>
/// The report as one self-contained page for people who would rather look than read: bar
/// charts as inline SVG (each with a title and description, and the same figures in a table
/// beside it), no scripts, no fonts, no external requests. The page is Razor components
/// (<c>Html/</c>), whose every text is HTML-encoded; rendered here from the stored report, so the
/// API, the console's download and the nightly folder give the same page (in the reader's
/// language: English in the folder), and the console shows the same <see cref="ReportBody"/> inside its own.
/// </summary>
public sealed class ReportHtml(IServiceScopeFactory scopes, ILoggerFactory logs)
{
    public const string ContentType = "text/html";

    /// <summary>
    /// The page in <paramref name="language"/>, else in the current language (the request's). It
    /// is rendered from the stored report each time it is asked for, never kept, so one stored
    /// report reads in either language.
    /// </summary>
    public async Task<string> RenderAsync(CapacityReport report, CultureInfo? language = null)
    {
        var (culture, uiCulture) = (language ?? CultureInfo.CurrentCulture, language ?? CultureInfo.CurrentUICulture);
        // A renderer keeps each component it rendered until it is disposed: one renderer, in its own scope, per page.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            // The renderer's dispatcher may run this elsewhere: the page keeps the caller's language.
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            var page = await renderer.RenderComponentAsync<ReportDocument>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ReportDocument.Report)] = report }));
            return page.ToHtmlString();
        });
    }
}

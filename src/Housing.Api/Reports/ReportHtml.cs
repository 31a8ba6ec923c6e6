using Housing.Api.Reports.Html;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Housing.Api.Reports;

/// <summary>
/// The report as one self-contained page for people who would rather look than read: bar
/// charts as inline SVG (each with a title and description, and the same figures in a table
/// beside it), no scripts, no fonts, no external requests. The page is Razor components
/// (<c>Html/</c>), whose every text is HTML-encoded; rendered here outside any request, so the
/// API, the console's download and the nightly folder give the same page, and the console shows
/// the same <see cref="ReportBody"/> inside its own.
/// </summary>
public sealed class ReportHtml(IServiceScopeFactory scopes, ILoggerFactory logs)
{
    public const string ContentType = "text/html";

    public async Task<string> RenderAsync(CapacityReport report)
    {
        // A renderer keeps each component it rendered until it is disposed: one renderer, in its own scope, per page.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var page = await renderer.RenderComponentAsync<ReportDocument>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ReportDocument.Report)] = report }));
            return page.ToHtmlString();
        });
    }
}

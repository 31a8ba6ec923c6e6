using Housing.Api.Consistency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web.Pages.Admin;

/// <summary>
/// The latest consistency check, as <c>GET /v1/admin/consistency</c> answers it: what it found
/// open and what it repaired, each program linked to its page; and a button that runs it now
/// (the API's <c>POST /v1/admin/consistency/run</c>), then comes back here.
/// </summary>
[AdminOnly]
public sealed class ConsistencyModel(ConsistencyOperations consistency, IOptions<ConsistencyOptions> options) : AdminToolsPage
{
    public ConsistencyReport? Report { get; private set; }

    public int IntervalMinutes => options.Value.IntervalMinutes;

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Report = await consistency.LatestAsync(ct);
        Notice = done == "ran" ? ConsistencyText.Page_Ran : null;
        Problem = done == "busy" ? ConsistencyText.Page_Busy : null;
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        var outcome = await consistency.RunAsync(ct);
        // A failed run is shown as the latest result, with its error.
        return LocalRedirect(outcome.Refusal?.Kind == Housing.Api.Errors.RefusalKind.Conflict ? "/admin/consistency?done=busy" : "/admin/consistency?done=ran");
    }
}

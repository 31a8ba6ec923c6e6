using Housing.Api.Catalog;
using Housing.Api.Http;
using Housing.Api.Overflow;
using Housing.Api.Places;
using Housing.Api.Reports;
using Housing.Api.Web.Pages.Referrals;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Admin;

/// <summary>
/// Overflow nights: activate overflow beds for regions and days with a reason (the same
/// operation as <c>POST /v1/overflow-activations</c>), see what runs and what is coming, and end
/// one early after a confirmation.
/// </summary>
[AdminOnly]
public sealed class OverflowModel(OverflowOperations overflow, ProgramCatalog catalog, RegionNames regionNames, TimeProvider clock) : ConsolePage
{
    public IReadOnlyList<OverflowActivationView> Activations { get; private set; } = [];
    public IReadOnlyList<string> Regions { get; private set; } = [];
    public string RegionName(string code) => regionNames.Name(code);
    public DateOnly Today => OverflowOperations.Today(clock.GetUtcNow());

    [BindProperty] public OverflowForm Form { get; set; } = new();

    /// <summary>An ending posted without its confirmation: the page asks instead.</summary>
    public OverflowActivationView? Confirming { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        var today = OverflowOperations.Today(clock.GetUtcNow());
        Form = new OverflowForm { StartsOn = today.Iso(), EndsOn = today.AddDays(1).Iso() };
        await LoadAsync(ct);
        Notice = done switch
        {
            "activated" => ConsoleText.Overflow_Activated,
            "ended" => ConsoleText.Overflow_Ended,
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostActivateAsync(CancellationToken ct)
    {
        var request = new ActivateOverflowRequest(Form.Regions,
            DateOnly.TryParse(Form.StartsOn, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null,
            DateOnly.TryParse(Form.EndsOn, System.Globalization.CultureInfo.InvariantCulture, out var e) ? e : null,
            HousingJson.TryParse<OverflowReason>(Form.Reason, out var reason) ? reason : null, Form.Note);
        var outcome = await overflow.ActivateAsync(Caller, request, ct);
        if (outcome.Value is not null) return LocalRedirect("/admin/overflow?done=activated");
        Explain(outcome);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, string? confirm, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Activations.FirstOrDefault(a => a.Id == id) is not { } activation) return NotFound();
        if (confirm != Confirmation.Yes)
        {
            Confirming = activation; // never on one click
            return Page();
        }
        var outcome = await overflow.EndAsync(Caller, id, ct);
        if (outcome.Value is null) { Explain(outcome); return Page(); }
        return LocalRedirect("/admin/overflow?done=ended");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Activations = await overflow.ListAsync(ct);
        Regions = regionNames.Ordered(catalog.Entries.Select(e => e.Program.Definition.Region));
    }
}

public sealed class OverflowForm
{
    public List<string> Regions { get; set; } = [];
    public string? StartsOn { get; set; }
    public string? EndsOn { get; set; }
    public string? Reason { get; set; }
    public string? Note { get; set; }
}

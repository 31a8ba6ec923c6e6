using Housing.Api.Audit;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Organizations;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web;

/// <summary>
/// An organisation's default eligibility, the rules its programs inherit: an admin's for any
/// organisation, a shelter's for its own (another is a 404). Saved as
/// <c>PUT /v1/organizations/{id}/eligibility</c> does, with the same rules and the version the page
/// showed as If-Match; every program that inherits a rule changes with it.
/// </summary>
public abstract class DefaultEligibilityPage(DefaultEligibilityStore defaults, OrganizationStore organizations, ProgramStore programs,
    TimeProvider clock) : ConsolePage
{
    [BindProperty]
    public ProgramForm Form { get; set; } = new();

    public Organization? Organization { get; private set; }

    /// <summary>The organisation's programs that inherit at least one rule, with the rules.</summary>
    public IReadOnlyList<HousingProgram> Inheriting { get; private set; } = [];

    /// <summary>Where the page is, for the organisation <paramref name="id"/>.</summary>
    protected abstract string PathOf(Guid id);

    protected async Task<IActionResult> GetAsync(Guid id, string? done, int? changed, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } current) return NotFound();
        Form = ProgramForm.FromDefaults(current);
        if (done == "saved") Notice = changed == 1 ? AdminText.Defaults_Saved_One : Say.Format(AdminText.Defaults_Saved_Many, changed ?? 0);
        return Page();
    }

    protected async Task<IActionResult> PostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null) return NotFound();
        var v = new Validation();
        var eligibility = Form.Eligibility(v);
        if (v.IsValid)
        {
            RequestShape.Check(eligibility, v);
            EligibilityRules.Validate(v, "eligibility.", eligibility);
        }
        if (!v.IsValid)
        {
            ShowErrors(AdminFields.Worded(v.Errors));
            return Page();
        }
        var (outcome, set, changed) = await defaults.SetAsync(id, EligibilityRules.Normalise(eligibility), new IfMatch(false, [Form.Version ?? ""]),
            Caller.OrganizationScope, Actor.Of(Caller), clock.GetUtcNow(), ct);
        switch (outcome)
        {
            case UpdateOutcome.NotFound:
                return NotFound();
            case UpdateOutcome.Stale:
                Form = ProgramForm.FromDefaults(set!);
                Problem = AdminText.Defaults_Stale;
                return Page();
            default:
                return LocalRedirect($"{PathOf(id)}?done=saved&changed={changed}");
        }
    }

    private async Task<DefaultEligibility?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await defaults.GetAsync(id, Caller.OrganizationScope, ct) is not { } current) return null;
        Organization = await organizations.GetAsync(id, ct);
        Inheriting = (await programs.ListAsync(new ProgramFilter(null, null, id), Caller.ProgramScope, null, Paging.MaxLimit, ct))
            .Where(p => p.Definition.InheritedRules.Count > 0)
            .OrderBy(p => p.Definition.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return current;
    }
}

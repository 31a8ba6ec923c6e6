using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Organizations;
using Housing.Api.Places;
using Housing.Api.Programs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web;

/// <summary>
/// The one program editor (<c>Shared/_ProgramEditor</c>), for an admin creating or editing any
/// program and a shelter editing its own. Saving goes through <see cref="ProgramOperations"/>,
/// the API's own create and update, so the rules, the ownership and the If-Match are the API's.
/// Inventory rows are added and removed by posting the form back (no JavaScript needed).
/// </summary>
public abstract class ProgramEditorPage(ProgramOperations operations, IOptions<RegionOptions> regions, RegionNames names) : ConsolePage
{
    [BindProperty]
    public ProgramForm Form { get; set; } = new();

    /// <summary>The regions the deployment names, in the order of their names.</summary>
    public IReadOnlyList<string> NamedRegions => names.Ordered(regions.Value.Names.Keys);

    /// <summary>Creating: the organisations to choose from. Editing: empty, the organisation stays.</summary>
    public IReadOnlyList<Organizations.Organization> Organizations { get; protected set; } = [];

    /// <summary>Editing: the organisation the program belongs to, which does not change.</summary>
    public string? OrganizationName { get; protected set; }

    /// <summary>Editing: the organisation's default eligibility, shown beside each rule a program may inherit. Creating: null, as the organisation is chosen on the form.</summary>
    public EligibilityProfile? OrganizationDefaults { get; protected set; }

    /// <summary>What the stored program's rules conflict with (the HUD child-age warning).</summary>
    public IReadOnlyList<ProgramWarning> Warnings { get; protected set; } = [];

    /// <summary>A new program (its organisation chosen on the form), or an edit of a stored one.</summary>
    public abstract bool Creating { get; }

    /// <summary>The page itself, where the form posts back to.</summary>
    public string Here => HttpContext.Request.Path;

    /// <summary>Adds or removes an inventory row when the post asked for that; true when it did, and nothing is saved.</summary>
    protected bool ChangeRows(string? add, int? remove)
    {
        if (add is not null || remove is not null) Form.TidyRooms();
        if (add is not null)
        {
            if (Form.Inventory.Count < ProgramForm.MaxRows) Form.Inventory.Add(new InventoryForm());
            else Problem = Say.Format(AdminText.Editor_MaxRows, ProgramForm.MaxRows);
            return true;
        }
        if (remove is not { } row) return false;
        if (row >= 0 && row < Form.Inventory.Count) Form.Inventory.RemoveAt(row);
        if (Form.Inventory.Count == 0) Form.Inventory.Add(new InventoryForm());
        return true;
    }

    /// <summary>
    /// Saves the form: creates when <paramref name="id"/> is null, else replaces that program if
    /// it is still at the version the form was drawn from. Null when it was saved (the program's
    /// id and the notice to show); otherwise the page says why, beside the fields, and nothing was written.
    /// </summary>
    protected async Task<(Guid Id, string Done)?> SaveAsync(Guid? id, Guid? organizationId, CancellationToken ct)
    {
        var found = new Validation();
        var request = Form.ToRequest(found, out var rows, out var windowRows);
        if (organizationId is { } org) request = request with { OrganizationId = org };
        if (!found.IsValid)
        {
            var rules = new Validation();
            ProgramRules.Validate(request, rules);
            ShowErrors(AdminFields.Worded(ProgramForm.Mistakes(found.Errors, rules.Errors, rows, windowRows, Form.RoomRows)));
            return null;
        }

        var saved = id is { } existing
            ? await operations.UpdateAsync(Caller, existing, request, new IfMatch(false, [Form.Version ?? ""]), ct)
            : await operations.CreateAsync(Caller, request, ct);
        if (saved.Errors is { } errors)
        {
            ShowErrors(AdminFields.Worded(ProgramForm.Mistakes(new Dictionary<string, string[]>(), errors, rows, windowRows, Form.RoomRows)));
            return null;
        }
        if (saved.Value is not { } write)
        {
            Problem = saved.Refusal?.Detail;
            return null;
        }
        if (write.Outcome == UpdateOutcome.Stale)
        {
            // Someone saved since this form was drawn: theirs is shown, nothing of this one is written.
            Form = ProgramForm.From(write.Program, NamedRegions);
            Warnings = EligibilityRules.Warnings(write.Program.Definition);
            Problem = AdminText.Editor_Stale;
            return null;
        }
        return (write.Program.Id, id is null ? "created" : "saved");
    }

    /// <summary>What the page says after a save it redirected from.</summary>
    protected void Said(string? done) => Notice = done switch
    {
        "created" => AdminText.Editor_Created,
        "saved" => AdminText.Editor_Saved,
        _ => null,
    };

    protected void Show(HousingProgram program)
    {
        Form = ProgramForm.From(program, NamedRegions);
        Warnings = EligibilityRules.Warnings(program.Definition);
    }

}

/// <summary>
/// An edit of a stored program, which keeps its organisation. The program is read in the
/// caller's scope first, so another organisation's program is a 404 for a shelter, as in the API.
/// </summary>
public abstract class ProgramEditPage(ProgramOperations operations, ProgramStore programs, OrganizationStore organizations,
    DefaultEligibilityStore defaults, IOptions<RegionOptions> regions, RegionNames names) : ProgramEditorPage(operations, regions, names)
{
    public override bool Creating => false;

    public Guid Id { get; private set; }

    /// <summary>The program's name as stored (the form's may be being changed).</summary>
    public string Title { get; private set; } = "";

    /// <summary>Where the editor is, for the program <paramref name="id"/>.</summary>
    protected abstract string PathOf(Guid id);

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } program) return NotFound();
        Show(program);
        Said(done);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? add, int? remove, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } program) return NotFound();
        Warnings = EligibilityRules.Warnings(program.Definition);
        if (ChangeRows(add, remove)) return Page();
        if (await SaveAsync(id, program.Definition.OrganizationId, ct) is { } saved) return LocalRedirect($"{PathOf(saved.Id)}?done={saved.Done}");
        return Page();
    }

    private async Task<HousingProgram?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await programs.GetAsync(id, Caller.ProgramScope, ct) is not { } program) return null;
        Id = id;
        Title = program.Definition.Name;
        OrganizationName = (await organizations.GetAsync(program.Definition.OrganizationId, ct))?.Name;
        OrganizationDefaults = (await defaults.GetAsync(program.Definition.OrganizationId, Caller.OrganizationScope, ct))?.Eligibility ?? new EligibilityProfile();
        return program;
    }
}

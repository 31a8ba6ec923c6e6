using Housing.Api.Auth;
using Housing.Api.Http;
using Housing.Api.Organizations;
using Housing.Api.People;
using Housing.Api.Web.Pages.Referrals;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Admin;

/// <summary>
/// People who sign in to the console: invite one (the link to set a password is shown once, in
/// the answer to the post), send a new link, disable (after a confirmation) and enable. The
/// same operations as <c>/v1/people</c>.
/// </summary>
[AdminOnly]
public sealed class PeopleModel(PeopleOperations people, OrganizationStore organizations, LocalTime local) : ConsolePage
{
    public IReadOnlyList<PersonView> People { get; private set; } = [];
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    /// <summary>Refused sign-ins today and in the last 7 days (UTC), any reason: a flood shows here.</summary>
    public int RefusedToday { get; private set; }
    public int RefusedWeek { get; private set; }

    [BindProperty] public InviteForm Invite { get; set; } = new();

    /// <summary>Set only in the answer to the post that made it.</summary>
    public PersonLink? Link { get; private set; }

    /// <summary>A disabling posted without its confirmation: the page asks instead.</summary>
    public PersonView? Confirming { get; private set; }

    public string OrganizationName(Guid? id) =>
        id is { } org ? Organizations.FirstOrDefault(o => o.Id == org)?.Name ?? org.ToString() : AdminToolsText.Keys_NoOrganization;

    public string Status(PersonView p) => p switch
    {
        { Status: PersonStatus.Disabled } => ConsoleText.People_Status_Disabled,
        { LockedUntil: { } until } => Say.Format(ConsoleText.People_Status_Waiting, local.Time(until)),
        { Status: PersonStatus.Invited } => ConsoleText.People_Status_Invited,
        _ => ConsoleText.People_Status_Active,
    };

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        await LoadAsync(ct);
        Notice = done switch
        {
            "disabled" => ConsoleText.People_Disabled,
            "enabled" => ConsoleText.People_Enabled,
            "codes-reset" => ConsoleText.People_CodesReset,
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var request = new InvitePersonRequest(Invite.Email,
            HousingJson.TryParse<Role>(Invite.Role, out var role) ? role : null,
            Guid.TryParse(Invite.OrganizationId, out var org) ? org : null);
        var outcome = await people.InviteAsync(Caller, request, PeopleApi.BaseUrl(Request), ct);
        if (outcome.Value is { } link)
        {
            Link = link;
            Invite = new InviteForm();
            ModelState.Clear();
        }
        else Explain(outcome);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync(Guid id, CancellationToken ct)
    {
        var outcome = await people.NewLinkAsync(Caller, id, PeopleApi.BaseUrl(Request), ct);
        if (outcome.Refusal is { Kind: Api.Errors.RefusalKind.NotFound }) return NotFound();
        Link = outcome.Value;
        Explain(outcome);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id, string? confirm, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (People.FirstOrDefault(p => p.Id == id) is not { } person) return NotFound();
        if (confirm != Confirmation.Yes)
        {
            // Never on one click: ask, and change nothing.
            Confirming = person;
            return Page();
        }
        var outcome = await people.SetDisabledAsync(Caller, id, disabled: true, ct);
        if (outcome.Value is null) { Explain(outcome); return Page(); }
        return LocalRedirect("/admin/people?done=disabled");
    }

    public async Task<IActionResult> OnPostResetCodesAsync(Guid id, CancellationToken ct)
    {
        var outcome = await people.ResetCodesAsync(Caller, id, ct);
        if (outcome.Refusal is { Kind: Api.Errors.RefusalKind.NotFound }) return NotFound();
        return LocalRedirect("/admin/people?done=codes-reset");
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct)
    {
        var outcome = await people.SetDisabledAsync(Caller, id, disabled: false, ct);
        if (outcome.Refusal is { Kind: Api.Errors.RefusalKind.NotFound }) return NotFound();
        return LocalRedirect("/admin/people?done=enabled");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        People = await people.ListAsync(ct);
        var refused = await people.RefusedSignInsAsync(7, ct);
        (RefusedToday, RefusedWeek) = (refused[0].Refused, refused.Sum(d => d.Refused));
        Organizations = (await organizations.ListAsync(null, null, null, 5000, ct)).OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList();
    }
}

public sealed class InviteForm
{
    public string? Email { get; set; }
    public string? Role { get; set; }
    public string? OrganizationId { get; set; }
}

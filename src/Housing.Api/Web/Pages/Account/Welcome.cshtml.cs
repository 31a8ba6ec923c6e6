using Housing.Api.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Account;

/// <summary>A person sets their password from the one-time link an admin passed on (or the service emailed).</summary>
[AllowAnonymous]
public sealed class WelcomeModel(PeopleOperations people) : ConsolePage
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirm { get; set; }

    /// <summary>The person the link is for; null when the link no longer works.</summary>
    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Email = (await people.LinkHolderAsync(Token, ct))?.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await people.SetPasswordAsync(Token, Password, Confirm, ct);
        (Password, Confirm) = (null, null); // never echoed back into the page
        if (outcome.Value is not null) return LocalRedirect("/?done=password");
        Email = (await people.LinkHolderAsync(Token, ct))?.Email;
        Explain(outcome);
        return Page();
    }
}

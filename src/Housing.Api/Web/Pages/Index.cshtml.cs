using Housing.Api.Auth;
using Housing.Api.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages;

/// <summary>Sign in with an API key; a signed-in person goes straight to their role's first page.</summary>
public sealed class IndexModel(ApiKeyStore keys, BootstrapAdminKey bootstrap, OrganizationStore organizations, TimeProvider clock) : ConsolePage
{
    [BindProperty] public string? ApiKey { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var session = await HttpContext.AuthenticateAsync(ConsoleAuth.Scheme);
        return session.Succeeded ? Redirect(Home(Caller.From(session.Principal!))) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var presented = ApiKey?.Trim() ?? "";
        ApiKey = null; // never echoed back into the page
        if (presented.Length is 0 or > 200)
        {
            Errors = new FormErrors(new Dictionary<string, string[]> { ["apiKey"] = [ConsoleText.SignIn_Paste] });
            return Page();
        }
        var caller = bootstrap.Matches(presented) ? BootstrapAdminKey.Caller : await keys.AuthenticateAsync(presented, ct);
        if (caller is null)
        {
            Errors = new FormErrors(new Dictionary<string, string[]> { ["apiKey"] = [ConsoleText.SignIn_Invalid] });
            return Page();
        }
        var organization = caller.OrganizationId is { } id ? (await organizations.GetAsync(id, ct))?.Name : null;
        await HttpContext.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal(caller, organization, clock.GetUtcNow()),
            new AuthenticationProperties { IsPersistent = false });
        return BackTo(ReturnUrl, Home(caller));
    }

    public static string Home(Caller caller) => caller.Role switch
    {
        Role.CaseManager or Role.Admin => "/search",
        Role.Shelter => "/shelter",
        _ => "/reports",
    };
}

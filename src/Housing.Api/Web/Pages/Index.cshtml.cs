using Housing.Api.Auth;
using Housing.Api.Organizations;
using Housing.Api.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages;

/// <summary>
/// Sign in: a person with their email and password (then a code from their app), or a machine's
/// API key (the first admin's, before anyone is invited). A signed-in person goes straight to their role's first page.
/// </summary>
public sealed class IndexModel(ApiKeyStore keys, BootstrapAdminKey bootstrap, OrganizationStore organizations, PeopleOperations people,
    PersonSignIn signIn, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SingleSignOnOptions> sso) : ConsolePage
{
    [BindProperty] public string? ApiKey { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Said after a password was set, or a session ended.</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var session = await HttpContext.AuthenticateAsync(ConsoleAuth.Scheme);
        if (session.Succeeded) return Redirect(Home(Caller.From(session.Principal!)));
        Notice = Done == "password" ? ConsoleText.SignIn_PasswordSet : null;
        Problem = Done == "sso-refused" ? ConsoleText.SignIn_SsoRefused : null;
        return Page();
    }

    /// <summary>The agency's identity provider, when the deployment has one: the button's words.</summary>
    public string? SingleSignOnName => sso.Value.Configured ? sso.Value.DisplayName : null;

    /// <summary>Off to the agency's identity provider, and back to the page asked for.</summary>
    public IActionResult OnPostSso() => sso.Value.Configured
        ? Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl is { Length: > 0 } && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, SingleSignOn.Scheme)
        : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ApiKey is null && Email is not null) return await WithPasswordAsync(ct);
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

    /// <summary>One answer for every failure (unknown email, wrong password, disabled, waiting), so the page tells no one who has an account.</summary>
    private async Task<IActionResult> WithPasswordAsync(CancellationToken ct)
    {
        var (outcome, person) = await people.CheckPasswordAsync(Email, Password, ct);
        Password = null; // never echoed back into the page
        switch (outcome)
        {
            case PasswordOutcome.SignedIn:
                await signIn.CompleteAsync(HttpContext, person!, ct);
                return BackTo(ReturnUrl, Home(person!.Caller));
            case PasswordOutcome.NeedsCode:
                await PersonSignIn.PendingAsync(HttpContext, person!, "code");
                return LocalRedirect(WithReturn("/account/code"));
            case PasswordOutcome.NeedsEnrolment:
                await PersonSignIn.PendingAsync(HttpContext, person!, "enrol");
                return LocalRedirect(WithReturn("/account/codes"));
            default:
                Errors = new FormErrors(new Dictionary<string, string[]>
                {
                    ["password"] = [Say.Format(ConsoleText.SignIn_PasswordRefused, people.Options.MaxFailedSignIns, people.Options.LockoutMinutes)],
                });
                return Page();
        }
    }

    private string WithReturn(string path) =>
        ReturnUrl is { Length: > 0 } && Url.IsLocalUrl(ReturnUrl) ? $"{path}?returnUrl={Uri.EscapeDataString(ReturnUrl)}" : path;

    public static string Home(Caller caller) => caller.Role switch
    {
        Role.CaseManager or Role.Admin => "/search",
        Role.Shelter => "/shelter",
        _ => "/reports",
    };
}

using Housing.Api.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Account;

/// <summary>
/// Setting up codes from an authenticator app: required at the first sign-in for the roles that
/// must use them, and open to anyone signed in as a person. The secret travels in the form sealed
/// and bound to the person for ten minutes, and is kept only once a code from it proves the app has it.
/// </summary>
[AllowAnonymous]
public sealed class CodesModel(PeopleOperations people, PersonSignIn signIn, IDataProtectionProvider protection) : ConsolePage
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Housing.People.Enrol.v1").ToTimeLimitedDataProtector();

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Sealed { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Secret { get; private set; }
    public string? Email { get; private set; }
    public bool AlreadyOn { get; private set; }

    /// <summary>Shown once, after the codes were turned on.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public string Next { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await WhoAsync(ct) is not { } person) return LocalRedirect("/");
        Show(person, Totp.NewSecret());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await WhoAsync(ct) is not { } person) return LocalRedirect("/");
        var secret = Open(person.Id);
        if (secret is null)
        {
            Show(person, Totp.NewSecret());
            Problem = ConsoleText.Codes_Expired;
            return Page();
        }
        var codes = person.HasTwoFactor ? null : await people.EnrolAsync(person.Id, secret, Code, ct);
        Code = null;
        if (codes is null)
        {
            Show(person, secret);
            Errors = new FormErrors(new Dictionary<string, string[]> { ["code"] = [ConsoleText.Codes_Wrong] });
            return Page();
        }
        RecoveryCodes = codes;
        Email = person.Email;
        Next = ReturnUrl is { Length: > 0 } && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : IndexModel.Home(person.Caller);
        if (User.Identity?.IsAuthenticated != true) await signIn.CompleteAsync(HttpContext, (await people.GetAsync(person.Id, ct))!, ct);
        return Page();
    }

    private void Show(Person person, string secret)
    {
        Email = person.Email;
        AlreadyOn = person.HasTwoFactor;
        Secret = secret;
        Sealed = _protector.Protect($"{person.Id}|{secret}", TimeSpan.FromMinutes(10));
    }

    private string? Open(Guid personId)
    {
        try
        {
            var parts = _protector.Unprotect(Sealed ?? "").Split('|');
            return parts.Length == 2 && parts[0] == personId.ToString() ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>A person half-way through signing in who must set codes up, or a person signed in.</summary>
    private async Task<Person?> WhoAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
            return Caller.PersonId is { } id ? await people.GetAsync(id, ct) : null;
        var pending = ConsoleAuth.PendingOf((await HttpContext.AuthenticateAsync(ConsoleAuth.Pending)).Principal);
        if (pending is not { Step: "enrol" } p) return null;
        var person = await people.GetAsync(p.PersonId, ct);
        return person is { DisabledAt: null } && person.SessionStamp == p.Stamp ? person : null;
    }
}

using Housing.Api.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages.Account;

/// <summary>The second step of a person's sign-in: a code from their app, or one of their recovery codes.</summary>
[AllowAnonymous]
public sealed class CodeModel(PeopleOperations people, PersonSignIn signIn) : ConsolePage
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await PendingAsync() is null ? LocalRedirect("/") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await PendingAsync() is not { } pending) return LocalRedirect("/");
        var person = await people.CheckCodeAsync(pending.PersonId, pending.Stamp, Code, ct);
        Code = null;
        if (person is null)
        {
            Errors = new FormErrors(new Dictionary<string, string[]>
            {
                ["code"] = [Say.Format(ConsoleText.Code_Refused, people.Options.MaxFailedSignIns, people.Options.LockoutMinutes)],
            });
            return Page();
        }
        await signIn.CompleteAsync(HttpContext, person, ct);
        return BackTo(ReturnUrl, IndexModel.Home(person.Caller));
    }

    private async Task<(Guid PersonId, string Stamp, string Step)?> PendingAsync()
    {
        var pending = ConsoleAuth.PendingOf((await HttpContext.AuthenticateAsync(ConsoleAuth.Pending)).Principal);
        return pending is { Step: "code" } ? pending : null;
    }
}

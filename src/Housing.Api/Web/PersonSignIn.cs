using Housing.Api.Organizations;
using Housing.Api.People;
using Microsoft.AspNetCore.Authentication;

namespace Housing.Api.Web;

/// <summary>The end of a person's sign-in, however they got there (password, code, recovery code, single sign-on): the console's session, and no pending step left.</summary>
public sealed class PersonSignIn(OrganizationStore organizations, TimeProvider clock)
{
    public async Task CompleteAsync(HttpContext http, Person person, CancellationToken ct)
    {
        var organization = person.OrganizationId is { } id ? (await organizations.GetAsync(id, ct))?.Name : null;
        await http.SignOutAsync(ConsoleAuth.Pending);
        var principal = ConsoleAuth.Principal(person.Caller, organization, clock.GetUtcNow(), person.SessionStamp);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Email, person.Email));
        await http.SignInAsync(ConsoleAuth.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Half-way: the password was right, a code (or setting codes up) is still to come.</summary>
    public static Task PendingAsync(HttpContext http, Person person, string step) =>
        http.SignInAsync(ConsoleAuth.Pending, ConsoleAuth.PendingPrincipal(person.Id, person.SessionStamp, step),
            new AuthenticationProperties { IsPersistent = false });
}

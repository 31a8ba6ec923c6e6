using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Housing.Api.Web.Pages;

/// <summary>
/// Sign-out is a POST with an antiforgery token, so no other site can sign a person out. It reads
/// the session like any page, because the token was issued to the session's user.
/// </summary>
[Authorize(Policy = ConsoleAuth.Any)]
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return Redirect("/?signedOut=1");
    }
}

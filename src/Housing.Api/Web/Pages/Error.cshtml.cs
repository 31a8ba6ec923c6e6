using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Housing.Api.Web.Pages;

/// <summary>The console's answer to an error status: a page, where the API answers problem+json.</summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;

    public string Title => Code switch
    {
        400 => "That request could not be used",
        403 => "Not for your role",
        404 => "Not found",
        _ => "Something went wrong",
    };

    public string Explanation => Code switch
    {
        400 => "The form may have been open too long, or opened in another session. Go back, reload the page and try again.",
        403 => "Your key's role cannot open this page.",
        404 => "There is nothing here that your key may see.",
        _ => "Try again in a moment.",
    };
}

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
        400 => ConsoleText.Error_BadRequest_Title,
        403 => ConsoleText.Error_Forbidden_Title,
        404 => ConsoleText.Error_NotFound_Title,
        _ => ConsoleText.Error_Other_Title,
    };

    public string Explanation => Code switch
    {
        400 => ConsoleText.Error_BadRequest,
        403 => ConsoleText.Error_Forbidden,
        404 => ConsoleText.Error_NotFound,
        _ => ConsoleText.Error_Other,
    };
}

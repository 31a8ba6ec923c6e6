using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web.Pages;

/// <summary>
/// The language switch: English or Spanish for the rest of the browser session, signed in or not.
/// A POST with an antiforgery token, so no other site can change it; without JavaScript it is a button.
/// </summary>
public sealed class LanguageModel : ConsolePage
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public IActionResult OnPost(string? language)
    {
        if (Language.Of(language) is { } chosen && chosen.Length == language!.Trim().Length)
            LanguageServices.Remember(Response, chosen);
        return BackTo(ReturnUrl, "/");
    }
}

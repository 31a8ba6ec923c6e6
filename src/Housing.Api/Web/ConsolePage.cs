using Housing.Api.Auth;
using Housing.Api.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Housing.Api.Web;

/// <summary>What every console page shares: who is signed in, and the messages a handler leaves for the page.</summary>
public abstract class ConsolePage : PageModel
{
    public Caller Caller => Caller.From(User);

    /// <summary>Something that went well, announced politely.</summary>
    public string? Notice { get; protected set; }

    /// <summary>Something that went wrong, announced at once.</summary>
    public string? Problem { get; protected set; }

    public FormErrors Errors { get; protected set; } = FormErrors.None;

    /// <summary>With a hold-limit refusal: the referrals that hold the key's beds, so the problem can link to them.</summary>
    public IReadOnlyList<Referrals.HeldReferral> Holding { get; protected set; } = [];

    public static string CheckTheFields => ConsoleText.Problem_CheckFields;

    /// <summary>
    /// Keeps why an operation was not done for the page: the rules' messages beside their
    /// fields, or the refusal in its own words.
    /// </summary>
    protected void Explain<T>(Outcome<T> outcome) where T : class
    {
        if (outcome.Errors is { } errors) ShowErrors(errors);
        else if (outcome.Refusal is { } refusal) Problem = refusal.Detail;
    }

    protected void ShowErrors(IDictionary<string, string[]> errors)
    {
        Errors = new FormErrors(errors);
        Problem = CheckTheFields;
    }

    /// <summary>Back to a page of ours after a change (post, redirect, get), never to another site.</summary>
    protected IActionResult BackTo(string? returnUrl, string fallback) =>
        LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : fallback);
}

using Housing.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
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

    /// <summary>
    /// Takes an API handler's answer: its value when it succeeded; otherwise null, with the
    /// validation messages or the problem's detail kept for the page.
    /// </summary>
    protected T? Take<T>(IResult result) where T : class
    {
        switch (result)
        {
            case IValueHttpResult<T> { Value: { } value }:
                return value;
            case ValidationProblem validation:
                Errors = new FormErrors(validation.ProblemDetails.Errors);
                Problem = "Please check the fields marked below.";
                return null;
            case ProblemHttpResult problem:
                Problem = problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title;
                StatusOfProblem = problem.StatusCode;
                return null;
            default:
                throw new InvalidOperationException($"Unexpected answer {result.GetType().Name}.");
        }
    }

    /// <summary>The status of the last problem taken, so a page can answer 404 as the API does.</summary>
    protected int? StatusOfProblem { get; private set; }

    protected bool WasNotFound => StatusOfProblem == StatusCodes.Status404NotFound;

    /// <summary>Back to a page of ours after a change (post, redirect, get), never to another site.</summary>
    protected IActionResult BackTo(string? returnUrl, string fallback) =>
        LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : fallback);
}

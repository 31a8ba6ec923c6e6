using Microsoft.AspNetCore.Mvc;

namespace Housing.Api.Web;

/// <summary>Lets a page handler answer with what an API handler returns (a download, for instance).</summary>
public sealed class ResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}

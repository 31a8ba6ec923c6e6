using System.Net;

namespace Housing.Api.Errors;

public static class ProblemTypesApi
{
    public static void MapProblemTypes(this IEndpointRouteBuilder app) =>
        app.MapGet("/problems/{slug}", (string slug) =>
            Problems.Types.TryGetValue(slug, out var text)
                ? Results.Content($"<!doctype html><html lang=\"{Language.Current}\"><title>{slug}</title><h1>{slug}</h1><p>{WebUtility.HtmlEncode(text)}</p>", "text/html; charset=utf-8")
                : Results.NotFound())
        .ExcludeFromDescription();
}

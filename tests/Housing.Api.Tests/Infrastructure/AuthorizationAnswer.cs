using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// What an identity provider's authorization endpoint told the browser to deliver to the client's
/// redirect URI: <see cref="Target"/> and its <see cref="Fields"/> (<c>code</c> and <c>state</c>, or
/// <c>error</c>), read from a redirect (<c>response_mode=query</c>) or from the self-posting form of
/// <c>response_mode=form_post</c>. <see cref="DeliverAsync"/> sends them on as that browser would.
/// </summary>
public sealed partial record AuthorizationAnswer(HttpMethod Method, Uri Target, IReadOnlyDictionary<string, string> Fields)
{
    public string? Code => Fields.GetValueOrDefault("code");

    public string? State => Fields.GetValueOrDefault("state");

    public string? Error => Fields.GetValueOrDefault("error");

    /// <summary>Sends the answer to the relying party with <paramref name="client"/>, which holds its cookies.</summary>
    public Task<HttpResponseMessage> DeliverAsync(HttpClient client) => Method == HttpMethod.Post
        ? client.PostAsync(Target, new FormUrlEncodedContent(Fields))
        : client.GetAsync(QueryHelpers.AddQueryString(Target.ToString(), Fields.ToDictionary(f => f.Key, f => (string?)f.Value)));

    public static async Task<AuthorizationAnswer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther && response.Headers.Location is { } location)
        {
            var query = QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
            return new(HttpMethod.Get, new Uri(location.GetLeftPart(UriPartial.Path)), query);
        }
        if (response.StatusCode == HttpStatusCode.OK && FormPattern().Match(body) is { Success: true } form)
        {
            var fields = InputPattern().Matches(form.Groups[2].Value)
                .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
            return new(HttpMethod.Post, new Uri(WebUtility.HtmlDecode(form.Groups[1].Value)), fields);
        }
        throw new AssertionException($"The provider sent the browser nowhere: {(int)response.StatusCode} {body}");
    }

    [GeneratedRegex("""<form[^>]*method="post"[^>]*action="([^"]*)"[^>]*>(.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input type="hidden" name="([^"]*)" value="([^"]*)" />""")]
    private static partial Regex InputPattern();
}

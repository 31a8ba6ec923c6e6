using System.Net;
using System.Text.RegularExpressions;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// The console as a browser without JavaScript uses it, over the in-memory server: a cookie
/// jar, redirects followed, and forms posted with the antiforgery token of the page they are on.
/// </summary>
public sealed partial class ConsoleBrowser(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static async Task<ConsoleBrowser> SignInAsync(HousingApp app, string apiKey)
    {
        var browser = new ConsoleBrowser(app.CreateClient());
        var signIn = await browser.GetPageAsync("/");
        var response = await browser.PostFormAsync("/", signIn, new() { ["ApiKey"] = apiKey });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.RequestMessage!.RequestUri!.AbsolutePath, Is.Not.EqualTo("/"), "signed in and sent to the role's first page");
        return browser;
    }

    public async Task<string> GetPageAsync(string url)
    {
        var response = await Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {url}: {html}");
        return html;
    }

    /// <summary>Posts the fields with the token found in <paramref name="page"/> (pass null to leave it out).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, string? page, Dictionary<string, string> fields)
    {
        var body = new List<KeyValuePair<string, string>>(fields);
        if (page is not null) body.Add(new("__RequestVerificationToken", Token(page)));
        return Client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    /// <summary>Posts fields that may repeat (ticked checkboxes), with the token found in <paramref name="page"/>.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var body = fields.Where(f => f.Key != "__RequestVerificationToken").ToList();
        body.Add(new("__RequestVerificationToken", Token(page)));
        return Client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    public static string Token(string page) => TokenPattern().Match(page) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new AssertionException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

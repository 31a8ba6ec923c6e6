using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Housing.Api.People;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>A person's way in, as they take it: invited by an admin, a password set from the link, signed in, codes turned on.</summary>
public static partial class PersonSignIns
{
    public const string Password = "lantern harbor quietly 42";

    /// <summary>Invites through the API: the person's id and their one-time link.</summary>
    public static async Task<(Guid Id, string Link)> InviteAsync(HttpClient admin, string email, string role, Guid? organizationId = null)
    {
        var body = new JsonObject { ["email"] = email, ["role"] = role };
        if (organizationId is { } org) body["organizationId"] = org;
        var created = await (await admin.PostJsonAsync("/v1/people", body)).ExpectAsync(HttpStatusCode.Created);
        return (Guid.Parse((string)created["person"]!["id"]!), (string)created["link"]!);
    }

    /// <summary>The link's path and query, as the browser opens it.</summary>
    public static string PathOf(string link) => new Uri(link).PathAndQuery;

    public static async Task SetPasswordAsync(ConsoleBrowser browser, string link, string password = Password)
    {
        var page = await browser.GetPageAsync(PathOf(link));
        var token = WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);
        var response = await browser.PostFormAsync("/account/welcome", page, new() { ["Token"] = token, ["Password"] = password, ["Confirm"] = password });
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/"), html);
        Assert.That(html, Does.Contain("Your password is set."));
    }

    /// <summary>Posts the sign-in form; the answer the browser ends on.</summary>
    public static async Task<HttpResponseMessage> PostPasswordAsync(ConsoleBrowser browser, string email, string password = Password)
    {
        var page = await browser.GetPageAsync("/");
        return await browser.PostFormAsync("/", page, new() { ["Email"] = email, ["Password"] = password });
    }

    /// <summary>Turns codes on from the page the sign-in led to: the key the page showed and the recovery codes.</summary>
    public static async Task<(string Secret, IReadOnlyList<string> RecoveryCodes)> TurnOnCodesAsync(ConsoleBrowser browser, HousingApp app)
    {
        var page = await browser.GetPageAsync("/account/codes");
        var secret = SecretShown().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.That(secret, Has.Length.EqualTo(32), page);
        var sealedSecret = WebUtility.HtmlDecode(SealedField().Match(page).Groups[1].Value);
        var done = await (await browser.PostFormAsync("/account/codes", page,
            new() { ["Sealed"] = sealedSecret, ["Code"] = Totp.Code(secret, app.Clock.GetUtcNow()) })).Content.ReadAsStringAsync();
        var codes = RecoveryCode().Matches(done).Select(m => m.Groups[1].Value).ToList();
        Assert.That(codes, Has.Count.EqualTo(10), done);
        return (secret, codes);
    }

    /// <summary>A person all the way in: invited, password set, signed in, codes on if their role needs them.</summary>
    public static async Task<(ConsoleBrowser Browser, Guid Id, string? Secret)> NewPersonAsync(HousingApp app, string email, string role, Guid? organizationId = null)
    {
        var (id, link) = await InviteAsync(app.Admin, email, role, organizationId);
        var browser = new ConsoleBrowser(app.CreateClient());
        await SetPasswordAsync(browser, link);
        var signedIn = await PostPasswordAsync(browser, email);
        string? secret = null;
        if (signedIn.RequestMessage!.RequestUri!.AbsolutePath == "/account/codes") (secret, _) = await TurnOnCodesAsync(browser, app);
        return (browser, id, secret);
    }

    [GeneratedRegex("name=\"Token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("id=\"secret\">([A-Z2-7 ]+)<")]
    private static partial Regex SecretShown();

    [GeneratedRegex("name=\"Sealed\" value=\"([^\"]+)\"")]
    private static partial Regex SealedField();

    [GeneratedRegex("<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}

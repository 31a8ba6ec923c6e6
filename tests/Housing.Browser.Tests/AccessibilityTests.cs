using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>
/// Every page of the console, as the role that uses it sees it with real data, passes axe-core
/// at 1280 and 375 px with no serious or critical violation (<see cref="Axe"/>). Every fold is
/// opened first, so what it hides is checked too. A new page is one more line in <see cref="Pages"/>.
/// </summary>
public sealed class AccessibilityTests : BrowserTest
{
    /// <summary>A page: who looks at it, where, and for a page that only a form leads to, what to do first.</summary>
    /// <param name="Path">May name a seeded thing in braces: {pending}, {accepted}, {ask}, {watch}, {program}.</param>
    /// <param name="Locale">The language the browser asks for (Accept-Language), for a page in another language.</param>
    public sealed record ConsolePage(string Name, string? Role, string Path, Func<IPage, Task>? Then = null, string? Locale = null);

    private const string CaseManager = "case_manager", Shelter = "shelter", Reporter = "reporter", Admin = "admin";

    public static readonly IReadOnlyList<ConsolePage> Pages =
    [
        new("sign in", null, "/"),
        new("sign in refused", null, "/", SignInWithABadKeyAsync),
        new("sign out", CaseManager, "/sign-out"),
        new("find a bed", CaseManager, "/search"),
        new("find a bed, matches", CaseManager, "/search", SearchForAWomanAloneAsync),
        new("find a bed, nothing fits", CaseManager, "/search", SearchForAFamilyOfSevenAsync),
        new("find a bed, form errors", CaseManager, "/search", SearchWithAnAgeInWordsAsync),
        new("open beds", CaseManager, "/beds"),
        new("open beds, filtered", CaseManager, "/beds?householdType=adults_only&minOpen=2&fresh=recent"),
        new("open beds, filter refused", CaseManager, "/beds?minOpen=many"),
        new("referrals", CaseManager, "/referrals"),
        new("referral, pending", CaseManager, "/referrals/{pending}"),
        new("referral, placement details", CaseManager, "/referrals/{accepted}", ShowPlacementAsync),
        new("asks", CaseManager, "/asks"),
        new("ask", CaseManager, "/asks/{ask}"),
        new("watches", CaseManager, "/watches"),
        new("watch", CaseManager, "/watches/{watch}"),
        new("shelter's programs", Shelter, "/shelter"),
        new("shelter's program", Shelter, "/shelter/programs/{program}"),
        new("shelter's program, beds out of service with mistakes", Shelter, "/shelter/programs/{program}", TakeBedsOfflineWithMistakesAsync),
        new("shelter's referrals", Shelter, "/referrals"),
        new("shelter's referral to decide", Shelter, "/referrals/{pending}"),
        new("reports", Reporter, "/reports"),
        new("reports, for an admin", Admin, "/reports"),
        new("admin", Admin, "/admin"),
        new("admin, organisations", Admin, "/admin/organizations"),
        new("admin, new organisation refused", Admin, "/admin/organizations", CreateAnOrganisationWithoutANameAsync),
        new("admin, organisation", Admin, "/admin/organizations/{harbor}"),
        new("admin, programs", Admin, "/admin/programs"),
        new("admin, stale counts", Admin, "/admin/counts"),
        new("admin, overflow nights", Admin, "/admin/overflow"),
        new("admin, HMIS import", Admin, "/admin/import"),
        new("admin, an organisation's default eligibility", Admin, "/admin/organizations/{harbor}/eligibility"),
        new("shelter's default eligibility", Shelter, "/shelter/eligibility"),
        new("admin, programs filtered", Admin, "/admin/programs?kind=emergency&region=spa-4"),
        new("admin, new program", Admin, "/admin/programs/new"),
        new("admin, program editor", Admin, "/admin/programs/{program}"),
        new("admin, program editor with mistakes", Admin, "/admin/programs/{program}", SaveAProgramWithMistakesAsync),
        new("shelter's program editor", Shelter, "/shelter/programs/{program}/edit"),
        new("admin: API keys", Admin, "/admin/keys"),
        new("admin: API keys, a new key shown once", Admin, "/admin/keys", IssueAKeyAsync),
        new("admin: API keys, revoke confirm step", Admin, "/admin/keys", AskToRevokeWithoutTheDialogAsync),
        new("admin: webhooks", Admin, "/admin/webhooks"),
        new("admin: an organisation's webhook", Admin, "/admin/webhooks?organizationId={harbor}"),
        new("admin: an organisation's webhook, refused", Admin, "/admin/webhooks?organizationId={harbor}", SetAWebhookWithABadUrlAsync),
        new("admin: people", Admin, "/admin/people"),
        new("set a password, link no longer works", null, "/account/welcome?token=spent"),
        new("admin: audit log", Admin, "/admin/audit"),
        new("admin: audit log, filtered", Admin, "/admin/audit?entityType=program&action=program.updated"),
        new("admin: audit log, filter refused", Admin, "/admin/audit?from=2026-13-40"),
        new("admin: consistency check", Admin, "/admin/consistency"),
        new("not found", CaseManager, "/referrals/00000000-0000-7000-8000-000000000001"),
        new("not for this role", CaseManager, "/reports"),
        new("something went wrong", CaseManager, "/error/500"),
        // In Spanish, whose longer words must still fit a phone.
        new("sign in, in Spanish", null, "/", Locale: Spanish),
        new("find a bed, in Spanish", CaseManager, "/search", Locale: Spanish),
        new("find a bed, matches, in Spanish", CaseManager, "/search", SearchForAWomanAloneInSpanishAsync, Spanish),
        new("open beds, in Spanish", CaseManager, "/beds", Locale: Spanish),
        new("referral, pending, in Spanish", CaseManager, "/referrals/{pending}", Locale: Spanish),
        new("ask, in Spanish", CaseManager, "/asks/{ask}", Locale: Spanish),
        new("watch, in Spanish", CaseManager, "/watches/{watch}", Locale: Spanish),
        new("shelter's programs, in Spanish", Shelter, "/shelter", Locale: Spanish),
        new("shelter's program, in Spanish", Shelter, "/shelter/programs/{program}", Locale: Spanish),
        new("shelter's referral to decide, in Spanish", Shelter, "/referrals/{pending}", Locale: Spanish),
        new("admin, in Spanish", Admin, "/admin", Locale: Spanish),
        new("admin, organisations, in Spanish", Admin, "/admin/organizations", Locale: Spanish),
        new("admin, organisation, in Spanish", Admin, "/admin/organizations/{harbor}", Locale: Spanish),
        new("admin, programs, in Spanish", Admin, "/admin/programs", Locale: Spanish),
        new("admin, program editor, in Spanish", Admin, "/admin/programs/{program}", Locale: Spanish),
        new("shelter's program editor, in Spanish", Shelter, "/shelter/programs/{program}/edit", Locale: Spanish),
        new("admin, HMIS import, in Spanish", Admin, "/admin/import", Locale: Spanish),
        new("shelter's default eligibility, in Spanish", Shelter, "/shelter/eligibility", Locale: Spanish),
        new("admin: API keys, in Spanish", Admin, "/admin/keys", Locale: Spanish),
        new("admin: an organisation's webhook, in Spanish", Admin, "/admin/webhooks?organizationId={harbor}", Locale: Spanish),
        new("admin: audit log, in Spanish", Admin, "/admin/audit?entityType=program", Locale: Spanish),
        new("admin: people, in Spanish", Admin, "/admin/people", Locale: Spanish),
        new("admin: consistency check, in Spanish", Admin, "/admin/consistency", Locale: Spanish),
        new("admin, stale counts, in Spanish", Admin, "/admin/counts", Locale: Spanish),
        new("admin, overflow nights, in Spanish", Admin, "/admin/overflow", Locale: Spanish),
    ];

    private const string Spanish = "es-MX,es;q=0.9";

    public static IEnumerable<string> PageNames => Pages.Select(p => p.Name);

    private readonly Dictionary<string, IReadOnlyList<Microsoft.Playwright.Cookie>> _signedIn = [];
    private readonly Dictionary<string, string> _seeded = [];

    protected override async Task SeedAsync()
    {
        var (_, caseManagerKey) = await OrganizationWithKeyAsync("Pacific Coalition", "agency", "case_manager");
        var (harbor, harborKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        var (bridge, bridgeKey) = await OrganizationWithKeyAsync("Bridge Home Inc", "provider", "shelter");
        var shelter = App.Api(harborKey);
        var program = await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(harbor), adultsOnly: 3, families: 6);
        var safeHaven = await ProgramWithOpenBedsAsync(shelter, Bodies.ConfidentialEmergency(harbor), adultsOnly: 2, families: 5);
        var full = await ProgramWithOpenBedsAsync(App.Api(bridgeKey), Bodies.Emergency(bridge, "Bridge Home Shelter", "spa-6"), adultsOnly: 0, families: 0);

        var caseManager = App.Api(caseManagerKey);
        var pending = await ReferAsync(caseManager, program, "PCAT-1001");
        var accepted = await ReferAsync(caseManager, safeHaven, "PCAT-1002");
        await (await shelter.PostAsync($"/v1/referrals/{accepted}/accept", null)).ExpectAsync(HttpStatusCode.OK);
        var ask = await (await caseManager.PostJsonAsync("/v1/asks", new JsonObject
        {
            ["clientReference"] = "PCAT-1003",
            ["household"] = FamilyOfSeven(),
            ["programIds"] = new JsonArray(program.ToString(), full.ToString()),
        })).ExpectAsync(HttpStatusCode.Created);
        var watch = await (await caseManager.PostJsonAsync("/v1/watches", new JsonObject
        {
            ["clientReference"] = "PCAT-1004",
            ["household"] = WomanAlone(),
            ["mode"] = "notify",
        })).ExpectAsync(HttpStatusCode.Created);
        await (await App.Admin.PostJsonAsync("/v1/reports/capacity/runs", new JsonObject { ["date"] = Today() })).ExpectAsync(HttpStatusCode.OK);
        await ConsistencyFindingsAsync(App.Api(bridgeKey), bridge, caseManager);

        _seeded["pending"] = pending.ToString();
        _seeded["accepted"] = accepted.ToString();
        _seeded["ask"] = ask.Id().ToString();
        _seeded["watch"] = watch.Id().ToString();
        _seeded["program"] = program.ToString();
        // Beds out of service, for the program's page to list with their return button.
        await (await shelter.PostJsonAsync($"/v1/programs/{program}/offline-beds", new JsonObject
        {
            ["householdType"] = "adults_only",
            ["beds"] = 2,
            ["reason"] = "pests",
            ["returnsOn"] = DateTimeOffset.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["note"] = "Room 3",
        })).ExpectAsync(HttpStatusCode.Created);
        _seeded["harbor"] = harbor.ToString();
        // A program update for the audit log to list with the fields it changed.
        var edited = Bodies.Emergency(harbor);
        edited["intakeContact"]!["hours"] = "8:00 to 20:00";
        await (await shelter.PutJsonAsync($"/v1/programs/{program}", edited)).ExpectAsync(HttpStatusCode.OK);
        _signedIn[CaseManager] = await SignedInCookiesAsync(caseManagerKey);
        _signedIn[Shelter] = await SignedInCookiesAsync(harborKey);
        _signedIn[Reporter] = await SignedInCookiesAsync(await App.Admin.IssueKeyAsync("reporter"));
        _signedIn[Admin] = await SignedInCookiesAsync(BrowserApp.AdminKey);
    }

    [TestCaseSource(nameof(PageNames))]
    public async Task ThePageHasNoSeriousOrCriticalAxeViolationOnADesktopOrAPhone(string name)
    {
        var page = Pages.Single(p => p.Name == name);
        if (page.Role is { } role) await Page.Context.AddCookiesAsync(_signedIn[role]);
        if (page.Locale is { } locale) await Page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = locale });
        await Page.GotoAsync(_seeded.Aggregate(page.Path, (path, s) => path.Replace($"{{{s.Key}}}", s.Value, StringComparison.Ordinal)));
        if (page.Role is not null)
            Assert.That(new Uri(Page.Url).AbsolutePath, Is.Not.EqualTo("/"), "the seeded session no longer signs in: the page was not checked");
        if (page.Then is { } then) await then(Page);
        await Page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        await Axe.AssertAccessibleAsync(Page, name);
        if (page.Locale is not null) await InSpanishOnAPhoneAsync(name);
    }

    /// <summary>The page says it is Spanish, and its longer words still fit a phone without sideways scrolling.</summary>
    private async Task InSpanishOnAPhoneAsync(string name)
    {
        Assert.That(await Page.Locator("html").GetAttributeAsync("lang"), Is.EqualTo("es"));
        var own = Page.ViewportSize;
        await Page.SetViewportSizeAsync(375, 740);
        Assert.That(await Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - innerWidth"), Is.LessThanOrEqualTo(0),
            $"{name} scrolls sideways at 375 px");
        await ShotAsync(Page, string.Concat(name.Where(char.IsLetterOrDigit)) + "-375");
        if (own is not null) await Page.SetViewportSizeAsync(own.Width, own.Height);
    }

    private static async Task SignInWithABadKeyAsync(IPage page)
    {
        await page.GetByLabel("API key").FillAsync("hk_not-a-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
    }

    private static async Task SearchForAWomanAloneAsync(IPage page)
    {
        await CaseManagerFlowTests.Person(page, 0, "adult", "31", "woman");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();
        await Expect(page.Locator("li.match").First).ToBeVisibleAsync();
    }

    private static async Task SearchForAWomanAloneInSpanishAsync(IPage page)
    {
        await CaseManagerFlowTests.Person(page, 0, "adult", "31", "woman");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar opciones" }).ClickAsync();
        await Expect(page.Locator("li.match").First).ToBeVisibleAsync();
    }

    /// <summary>Seven people: every program that would take them is too full, so the page offers to ask and to watch.</summary>
    private static async Task SearchForAFamilyOfSevenAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        await CaseManagerFlowTests.Person(page, 0, "adult", "33", "woman");
        for (var child = 1; child <= 6; child++) await CaseManagerFlowTests.Person(page, child, "child", $"{child + 1}", "woman");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();
        await Expect(page.Locator(".nextsteps")).ToContainTextAsync("would take this household if they had room");
    }

    private static async Task SearchWithAnAgeInWordsAsync(IPage page)
    {
        await page.Locator("#f-household-members-0-age").FillAsync("twenty");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
    }

    private static async Task CreateAnOrganisationWithoutANameAsync(IPage page)
    {
        await page.GetByLabel("Email").FillAsync("nobody");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the organisation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
    }

    private static async Task SaveAProgramWithMistakesAsync(IPage page)
    {
        await page.GetByLabel("Longest stay, in days").FillAsync("ninety");
        await page.GetByLabel("Latitude").FillAsync("north");
        await page.Locator("#f-inventory-0-endDate").FillAsync("2024-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the program" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
    }

    private static async Task TakeBedsOfflineWithMistakesAsync(IPage page)
    {
        await page.GetByText("Take beds out of service").ClickAsync();
        await page.GetByLabel("How many beds").FillAsync("many");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take out of service" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
    }

    private static async Task ShowPlacementAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Show placement details" }).ClickAsync();
        await Expect(page.Locator("dl.placement")).ToContainTextAsync(Bodies.ConfidentialAddress);
    }


    private static async Task IssueAKeyAsync(IPage page)
    {
        await page.Locator("#f-role").SelectOptionAsync("reporter");
        await page.Locator("#f-label").FillAsync("County dashboard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue the key" }).ClickAsync();
        await Expect(page.Locator("#issued-key")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^hk_"));
    }

    /// <summary>The confirm step a browser without JavaScript gets: here by removing the form's dialog.</summary>
    private static async Task AskToRevokeWithoutTheDialogAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('form[data-confirm]').forEach(f => f.removeAttribute('data-confirm'))");
        await page.Locator("form[action*='handler=Revoke'] button").First.ClickAsync();
        await Expect(page.Locator(".confirm-step")).ToBeVisibleAsync();
    }

    private static async Task SetAWebhookWithABadUrlAsync(IPage page)
    {
        await page.Locator("#f-url").EvaluateAsync("e => e.type = 'text'");
        await page.Locator("#f-url").FillAsync("not a url");
        await page.Locator("#f-secret").FillAsync("whsec-a11y-0123456789abcdef0123456789abcdef");
        await page.Locator("form[action*='handler=Set'] button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
    }

    private static JsonObject WomanAlone() => new()
    {
        ["members"] = new JsonArray(new JsonObject { ["role"] = "adult", ["age"] = 31, ["genders"] = new JsonArray("woman") }),
    };

    /// <summary>Too many for any program's open beds: asked, not referred.</summary>
    private static JsonObject FamilyOfSeven() => new()
    {
        ["members"] = new JsonArray([
            new JsonObject { ["role"] = "adult", ["age"] = 33, ["genders"] = new JsonArray("woman") },
            .. Enumerable.Range(2, 6).Select(age => new JsonObject { ["role"] = "child", ["age"] = age, ["genders"] = new JsonArray("woman") })]),
    };

    private static async Task<Guid> ReferAsync(HttpClient caseManager, Guid program, string reference) =>
        (await (await caseManager.PostJsonAsync("/v1/referrals", new JsonObject
        {
            ["programIds"] = new JsonArray(program.ToString()),
            ["clientReference"] = reference,
            ["household"] = WomanAlone(),
        })).ExpectAsync(HttpStatusCode.Created)).Id();

    /// <summary>
    /// A consistency check with something repaired and something open, for its page and the hub's
    /// line: a hold whose referral ended behind the service's back (released), and a count above
    /// an inventory cut after it (reported).
    /// </summary>
    private async Task ConsistencyFindingsAsync(HttpClient shelter, Guid organization, HttpClient caseManager)
    {
        var program = await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(organization, "Bridge Home Annex", "spa-6"), adultsOnly: 5, families: 2);
        var phantom = await ReferAsync(caseManager, program, "PCAT-1005");
        await using (var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
            await db.ExecuteAsync("UPDATE referral_steps SET status = 'declined' WHERE referral_id = @id;", new { id = phantom.ToString() });
        var smaller = Bodies.Emergency(organization, "Bridge Home Annex", "spa-6");
        smaller["inventory"] = new JsonArray(Bodies.Beds("adults_only", beds: 3, units: 0), Bodies.Beds("adults_with_children", beds: 12, units: 4));
        await (await shelter.PutJsonAsync($"/v1/programs/{program}", smaller)).ExpectAsync(HttpStatusCode.OK);
        await (await App.Admin.PostAsync("/v1/admin/consistency/run", null)).ExpectAsync(HttpStatusCode.OK);
    }

    private static string Today() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles")).ToString("yyyy-MM-dd");
}

using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>Today's report with its charts and downloads; and the session: bad keys, cookie flags, sign-out, revocation.</summary>
public sealed class ReportAndSessionTests : BrowserTest
{
    private string _reporterKey = "";
    private string _today = "";

    protected override async Task SeedAsync()
    {
        var (harbor, shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        var shelter = App.Api(shelterKey);
        await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(harbor), adultsOnly: 5, families: 6);
        await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(harbor, "Harbor House Annex", "spa-8"), adultsOnly: 2, families: 0);
        _reporterKey = await App.Admin.IssueKeyAsync("reporter");
        _today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles")).ToString("yyyy-MM-dd");
        await (await App.Admin.PostJsonAsync("/v1/reports/capacity/runs", new JsonObject { ["date"] = _today })).ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task TheReportPageShowsTodaysChartsAndItsDownloads()
    {
        await SignInAsync(_reporterKey);
        await Expect(Page).ToHaveURLAsync(new Regex("/reports$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Capacity report for {_today} (today)");
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Utilisation by kind" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Utilisation by region" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".report")).ToContainTextAsync("Harbor House Annex");
        await Expect(Page.Locator(".downloads a")).ToHaveCountAsync(5);
        await ShotAsync(Page, "report");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Report as CSV" }).ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo($"capacity-{_today}.csv"));
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.That(csv, Does.StartWith(string.Join(",", Housing.Api.Reports.ReportCsv.Header)));

        var inventory = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "HUD HMIS Inventory.csv" }).ClickAsync());
        Assert.That(await File.ReadAllTextAsync(await inventory.PathAsync()), Does.Contain("Harbor House Annex").Or.Contain("InventoryID"));
    }

    [Test]
    public async Task SignInWithABadKeyShowsWhyAndStartsNoSession()
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("API key").FillAsync("hk_not-a-key");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the key" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That key is not valid, or it has been revoked.");
        await Expect(Page.GetByLabel("API key")).ToHaveValueAsync("");
        var cookies = await Page.Context.CookiesAsync();
        Assert.That(cookies.Select(c => c.Name), Has.No.Member("housing_session"));
        await ShotAsync(Page, "bad-key");
    }

    [Test]
    public async Task TheSessionCookieIsHttpOnlyAndStrictAndSignOutEndsIt()
    {
        await SignInAsync(_reporterKey);
        var session = (await Page.Context.CookiesAsync()).Single(c => c.Name == "housing_session");
        Assert.That(session.HttpOnly, Is.True);
        Assert.That(session.SameSite, Is.EqualTo(SameSiteAttribute.Strict));
        Assert.That(session.Expires, Is.EqualTo(-1), "a session cookie, gone when the browser closes");
        Assert.That(session.Value, Does.Not.Contain(_reporterKey[..20]));
        var antiforgery = (await Page.Context.CookiesAsync()).Single(c => c.Name == "housing_antiforgery");
        Assert.That(antiforgery.HttpOnly && antiforgery.SameSite == SameSiteAttribute.Strict, Is.True);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Page.GotoAsync("/reports");
        await Expect(Page).ToHaveURLAsync(new Regex("/\\?returnUrl=%2Freports$"));
    }

    [Test]
    public async Task RevokingTheKeyEndsItsSession()
    {
        var created = await (await App.Admin.PostJsonAsync("/v1/api-keys", new JsonObject { ["role"] = "reporter", ["label"] = "to revoke" }))
            .ExpectAsync(HttpStatusCode.Created);
        await SignInAsync((string)created["key"]!);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Reports" })).ToBeVisibleAsync();

        (await App.Admin.DeleteAsync($"/v1/api-keys/{created.Id()}")).EnsureSuccessStatusCode();
        await Page.ReloadAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task TheReportFitsTheScreenAndItsWideTablesScrollInsideARegionByKeyboard(int width, int height)
    {
        var context = await NewContextAsync(new ViewportSize { Width = width, Height = height });
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(_reporterKey, page);
            await Expect(page.Locator(".report")).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - innerWidth");
            Assert.That(overflow, Is.LessThanOrEqualTo(0), $"the report page scrolls sideways at {width} px");
            // Times in the service's zone, named by its city; kinds and household types in words.
            await Expect(page.Locator(".report .note").First).ToContainTextAsync("(Los Angeles)");
            await Expect(page.Locator(".report")).Not.ToContainTextAsync("UTC");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Capacity by household type" })).ToContainTextAsync("Families with children");
            await ShotAsync(page, $"report-{width}");

            // Each program's figures start folded; open, the widest table scrolls inside its own
            // region, which Tab reaches and the arrow keys move, while the page stays put.
            var each = page.GetByRole(AriaRole.Region, new() { Name = "Referrals and asks of each program" });
            await Expect(each).Not.ToBeVisibleAsync();
            await page.GetByText("Each of the 2 programs that are not confidential").ClickAsync();
            await Expect(each).ToContainTextAsync("Harbor House Annex");
            if (width < 1000)
            {
                Assert.That(await each.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), Is.True, "too narrow a screen for eleven columns");
                await page.GetByRole(AriaRole.Region, new() { Name = "Capacity of each program" }).FocusAsync();
                await page.Keyboard.PressAsync("Tab");
                await Expect(each).ToBeFocusedAsync();
                await page.Keyboard.PressAsync("ArrowRight");
                await page.Keyboard.PressAsync("ArrowRight");
                // The browser scrolls smoothly: wait for the region to have moved, up to the default timeout.
                await page.WaitForFunctionAsync("e => e.scrollLeft > 0", await each.ElementHandleAsync());
            }
            Assert.That(await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - innerWidth"), Is.LessThanOrEqualTo(0));
            await ShotAsync(page, $"report-programs-{width}");
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}

using System.Text.Json.Nodes;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using NUnit.Framework.Interfaces;

namespace Housing.Browser.Tests.Infrastructure;

/// <summary>
/// One app and one headless Chromium per fixture (starting them is most of a browser test's
/// cost); a fresh browser context, so fresh cookies, per test. Playwright cannot download its
/// own browser here: it drives Debian's chromium. Where that is not installed the tests are
/// ignored, saying so, and under CI (CI=true) they fail instead, so a missing browser is never
/// a silent pass. A failing test leaves a screenshot and the page's HTML as attachments.
/// </summary>
[NonParallelizable]
public abstract class BrowserTest
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;

    protected BrowserApp App { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAppAndBrowser()
    {
        if (!File.Exists(ChromiumPath))
        {
            const string missing = $"{ChromiumPath} is not installed (apt-get install chromium); .ci/run installs it.";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(missing);
            Assert.Ignore(missing);
        }
        App = new BrowserApp(await AppSettingsAsync());
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await SeedAsync();
    }

    /// <summary>Settings of the fixture's own for its app, made before the app starts (such as a provider the app must know).</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>?> AppSettingsAsync() => Task.FromResult<IReadOnlyDictionary<string, string>?>(null);

    /// <summary>What the fixture's tests share, written through the API as a client would.</summary>
    protected abstract Task SeedAsync();

    [SetUp]
    public async Task OpenPage()
    {
        _context = await NewContextAsync(Viewport);
        Page = await _context.NewPageAsync();
    }

    /// <summary>Desktop by default; a phone-sized fixture overrides it.</summary>
    protected virtual ViewportSize Viewport => new() { Width = 1280, Height = 900 };

    /// <param name="javaScript">False for a browser without JavaScript: every page must work without it.</param>
    protected async Task<IBrowserContext> NewContextAsync(ViewportSize viewport, bool javaScript = true)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = viewport,
            AcceptDownloads = true,
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>
    /// Signs in with the key once and gives the session's cookies, so a test can take the session
    /// over (<c>Page.Context.AddCookiesAsync</c>) rather than sign in again.
    /// </summary>
    protected async Task<IReadOnlyList<Cookie>> SignedInCookiesAsync(string apiKey)
    {
        var context = await NewContextAsync(Viewport);
        try
        {
            await SignInAsync(apiKey, await context.NewPageAsync());
            return (await context.CookiesAsync()).Select(c => new Cookie
            {
                Name = c.Name,
                Value = c.Value,
                Domain = c.Domain,
                Path = c.Path,
                Expires = c.Expires,
                HttpOnly = c.HttpOnly,
                Secure = c.Secure,
                SameSite = c.SameSite,
            }).ToList();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [TearDown]
    public async Task ClosePage()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed) await SaveAsync(Page, "failure");
        if (_context is not null) await _context.CloseAsync();
    }

    /// <summary>
    /// Saves a full-page screenshot and the HTML as attachments of the current test. Tests also
    /// call it at the steps worth looking at when HOUSING_SCREENSHOTS names a folder to keep them in.
    /// </summary>
    protected static async Task SaveAsync(IPage page, string step)
    {
        if (page.IsClosed) return;
        var folder = Environment.GetEnvironmentVariable("HOUSING_SCREENSHOTS") is { Length: > 0 } kept && step != "failure"
            ? kept
            : Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-artifacts");
        Directory.CreateDirectory(folder);
        var name = $"{TestContext.CurrentContext.Test.MethodName}-{step}";
        var png = Path.Combine(folder, name + ".png");
        var html = Path.Combine(folder, name + ".html");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = png, FullPage = true });
            await File.WriteAllTextAsync(html, await page.ContentAsync());
            TestContext.AddTestAttachment(png, step);
            TestContext.AddTestAttachment(html, step);
        }
        catch (PlaywrightException e)
        {
            await TestContext.Out.WriteLineAsync($"Could not save the {step} screenshot: {e.Message}");
        }
    }

    /// <summary>The page fits the viewport's width: nothing to scroll sideways to.</summary>
    protected static async Task NoSidewaysScrollingAsync(IPage page, int width) =>
        Assert.That(await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - innerWidth"), Is.LessThanOrEqualTo(0),
            $"scrolls sideways at {width} px");

    /// <summary>Only when HOUSING_SCREENSHOTS is set: screenshots to look at, not to assert on.</summary>
    protected static Task ShotAsync(IPage page, string step) =>
        Environment.GetEnvironmentVariable("HOUSING_SCREENSHOTS") is { Length: > 0 } ? SaveAsync(page, step) : Task.CompletedTask;

    protected async Task SignInAsync(string apiKey, IPage? page = null)
    {
        page ??= Page;
        await page.GotoAsync("/");
        // By id, not by its words: a test may be reading the console in Spanish.
        await page.Locator("#api-key").FillAsync(apiKey);
        await page.Locator("main form:has(#api-key) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith('/'));
    }

    /// <summary>An organisation of this type and a key of this role bound to it.</summary>
    protected async Task<(Guid Organization, string Key)> OrganizationWithKeyAsync(string name, string type, string role)
    {
        var organization = await App.Admin.CreateOrganizationAsync(name, type);
        return (organization, await App.Admin.IssueKeyAsync(role, organization));
    }

    protected static async Task<Guid> ProgramWithOpenBedsAsync(HttpClient shelter, JsonObject body, int adultsOnly, int families)
    {
        var id = await shelter.CreateProgramIdAsync(body);
        await (await shelter.PostAvailabilityAsync(id, Bodies.OpenBeds(adultsOnly, families))).ExpectAsync(System.Net.HttpStatusCode.OK);
        return id;
    }

    [OneTimeTearDown]
    public async Task StopAppAndBrowser()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>An admin issues a key (shown once), revokes it after a dialog or a confirm step, and filters the audit log, on a desktop and a phone.</summary>
public sealed class AdminToolsTests : BrowserTest
{
    protected override async Task SeedAsync()
    {
        var (harbor, shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        var shelter = App.Api(shelterKey);
        var program = await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(harbor), adultsOnly: 5, families: 6);
        var edited = Bodies.Emergency(harbor);
        edited["eligibility"]!["maxChildAge"] = 12;
        await (await shelter.PutJsonAsync($"/v1/programs/{program}", edited)).ExpectAsync(HttpStatusCode.OK);
    }

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task AnAdminIssuesAKeySeesItOnceAndRevokesItInADialog(int width, int height)
    {
        var context = await NewContextAsync(new ViewportSize { Width = width, Height = height });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(BrowserApp.AdminKey, page);
            await page.GotoAsync("/admin/keys");
            await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Reporter" });
            await page.GetByLabel("Label").FillAsync($"Dashboard {width}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Issue the key" }).ClickAsync();

            var field = page.GetByLabel("The key (reporter, No organisation)");
            await Expect(field).ToHaveValueAsync(new Regex("^hk_[0-9a-f]{32}_"));
            await Expect(field).ToHaveAttributeAsync("readonly", "");
            var key = await field.InputValueAsync();
            await NoSidewaysScrollingAsync(page, width);
            await ShotAsync(page, $"key-issued-{width}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Copy the key" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
            Assert.That(await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"), Is.EqualTo(key));
            Assert.That(page.Url, Does.Not.Contain(key[..12]));
            await (await App.Api(key).GetAsync("/v1/reports/capacity")).ExpectAsync(HttpStatusCode.OK);

            await page.GotoAsync("/admin/keys");
            Assert.That(await page.ContentAsync(), Does.Not.Contain(key));
            await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke “Dashboard {width}”" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync($"Revoke the key “Dashboard {width}” (reporter)?");
            await ShotAsync(page, $"key-revoke-dialog-{width}");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke the key" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"The key “Dashboard {width}” is revoked");
            await Expect(page.GetByRole(AriaRole.Row, new() { Name = $"Dashboard {width}" })).ToContainTextAsync("Revoked");
            await NoSidewaysScrollingAsync(page, width);
            await ShotAsync(page, $"key-revoked-{width}");
            await (await App.Api(key).GetAsync("/v1/reports/capacity")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Test]
    public async Task WithoutJavaScriptRevokingAsksOnAConfirmStep()
    {
        var key = await App.Admin.IssueKeyAsync("reporter");
        var context = await NewContextAsync(Viewport, javaScript: false);
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(BrowserApp.AdminKey, page);
            await page.GotoAsync("/admin/keys");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy the key" })).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "test reporter" }).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Revoke the key “test reporter” (reporter)?");
            await (await App.Api(key).GetAsync("/v1/reports/capacity")).ExpectAsync(HttpStatusCode.OK);
            await ShotAsync(page, "key-revoke-confirm-step");

            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke the key" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The key “test reporter” is revoked");
            await (await App.Api(key).GetAsync("/v1/reports/capacity")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task AnAdminFiltersTheAuditLogAndSeesWhichFieldsAProgramUpdateChanged(int width, int height)
    {
        var context = await NewContextAsync(new ViewportSize { Width = width, Height = height });
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(BrowserApp.AdminKey, page);
            await page.GotoAsync("/admin/audit");
            await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Program created" })).ToHaveCountAsync(1);
            await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Program updated" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Show entries" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("action=program.updated"));
            var rows = page.Locator("table.list tbody tr");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToContainTextAsync("Program updated");
            await Expect(rows.First).ToContainTextAsync("Children's age limit");
            await Expect(rows.First).ToContainTextAsync("Shelter staff (key “test shelter”)");
            await NoSidewaysScrollingAsync(page, width);
            await ShotAsync(page, $"audit-filtered-{width}");

            await page.GetByLabel("From (day)").FillAsync("2026-03-05");
            await page.GetByLabel("To (day)").FillAsync("2026-03-04");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show entries" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("To (day): Must be the same day as From, or later.");
            await NoSidewaysScrollingAsync(page, width);
            await ShotAsync(page, $"audit-refused-{width}");
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}

using System.Text.RegularExpressions;
using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>
/// The program editor in a real browser, on a desktop and on a phone: an admin adds an
/// eligibility rule and an inventory row to a program, and a shelter changes its own program's
/// intake hours, each read back through the API.
/// </summary>
public sealed class AdminFlowTests : BrowserTest
{
    private Guid _harbor;
    private string _shelterKey = "";

    protected override async Task SeedAsync() => (_harbor, _shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");

    [TestCase(1280)]
    [TestCase(375)]
    public async Task AnAdminAddsAnEligibilityRuleAndAnInventoryRowToAProgram(int width)
    {
        var program = await App.Admin.CreateProgramIdAsync(Bodies.Emergency(_harbor, $"Harbor House Shelter {width}"));
        var page = await PageAtAsync(width);
        await SignInAsync(BrowserApp.AdminKey, page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Programs", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Harbor House Shelter {width}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Harbor House Shelter {width}", Level = 1 })).ToBeVisibleAsync();
        await ShotAsync(page, $"1-editor-{width}");

        await page.GetByLabel("Pets allowed", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Oldest boy", new() { Exact = true }).FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an inventory row" }).ClickAsync();
        var row = page.Locator("#row-2");
        await Expect(row.Locator("legend")).ToHaveTextAsync("Inventory row 3");
        await Expect(page.GetByLabel("Oldest boy", new() { Exact = true })).ToHaveValueAsync("12");
        await Expect(page.GetByLabel("Pets allowed", new() { Exact = true })).ToBeCheckedAsync();
        await row.GetByLabel("Household type").SelectOptionAsync("children_only");
        await row.GetByLabel("Beds", new() { Exact = true }).FillAsync("4");
        await row.GetByLabel("Start date").FillAsync("2026-12-01");
        await row.GetByLabel("End date").FillAsync("2027-02-28");
        await ShotAsync(page, $"2-row-added-{width}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the program" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved: case managers see the program as it is now.");
        await ShotAsync(page, $"3-saved-{width}");
        var stored = await App.Admin.GetJsonAsync($"/v1/programs/{program}");
        Assert.That(((bool?)stored["eligibility"]!["petsAllowed"], (int?)stored["eligibility"]!["maxBoyAge"]), Is.EqualTo((true, 12)));
        var inventory = stored["inventory"]!.AsArray();
        Assert.That(inventory, Has.Count.EqualTo(3));
        Assert.That(((string?)inventory[2]!["householdType"], (int?)inventory[2]!["beds"], (string?)inventory[2]!["endDate"]),
            Is.EqualTo(("children_only", 4, "2027-02-28")));
        await NoSidewaysScrollingAsync(page, width);
    }

    [TestCase(1280)]
    [TestCase(375)]
    public async Task AShelterChangesItsOwnProgramsIntakeHours(int width)
    {
        var shelter = App.Api(_shelterKey);
        var program = await shelter.CreateProgramIdAsync(Bodies.Emergency(_harbor, $"Harbor House Family Shelter {width}"));
        var page = await PageAtAsync(width);
        await SignInAsync(_shelterKey, page);

        var card = page.Locator($"article.program", new() { HasText = $"Harbor House Family Shelter {width}" });
        await card.GetByRole(AriaRole.Link, new() { Name = "Edit program" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/shelter/programs/{program}/edit$"));
        await Expect(page.Locator("main")).ToContainTextAsync("Organisation: Harbor House");
        await page.GetByLabel("Intake hours").FillAsync("Mon–Sat 8:00–20:00");
        await ShotAsync(page, $"1-hours-{width}");
        // Enter in a field saves (the form's first button is Save, not "Add an inventory row").
        await page.GetByLabel("Intake hours").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByLabel("Intake hours")).ToHaveValueAsync("Mon–Sat 8:00–20:00");
        await ShotAsync(page, $"2-saved-{width}");
        var stored = await shelter.GetJsonAsync($"/v1/programs/{program}");
        Assert.That((string?)stored["intakeContact"]!["hours"], Is.EqualTo("Mon–Sat 8:00–20:00"));
        Assert.That(stored["inventory"]!.AsArray(), Has.Count.EqualTo(2), "one more row was not added by Enter");
        await NoSidewaysScrollingAsync(page, width);
    }

    [TestCase(1280)]
    [TestCase(375)]
    public async Task AnAdminUploadsTheSampleExportSeesTheDryRunConfirmsAndFindsTheVictimServiceProgramsConfidential(int width)
    {
        var page = await PageAtAsync(width);
        await SignInAsync(BrowserApp.AdminKey, page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Import from HMIS" }).ClickAsync();

        var before = (await App.Admin.GetJsonAsync("/v1/programs?limit=200")).Items();
        var samples = Path.Combine(RepositoryRoot(), "samples", "hmis");
        await page.GetByLabel("The export's files").SetInputFilesAsync(Directory.GetFiles(samples, "*.csv"));
        await page.GetByLabel("Source").FillAsync($"sample-{width}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the export" }).ClickAsync();

        await Expect(page.Locator("main")).ToContainTextAsync("Dry run: nothing has been written yet.");
        await Expect(page.Locator("main")).ToContainTextAsync("Programs: 10 to create, 0 to update, 0 unchanged, 3 skipped; 4 confidential.");
        await Expect(page.Locator("main")).ToContainTextAsync("Metro Los Angeles (SPA 4)");
        await Expect(page.Locator("main")).ToContainTextAsync("a project type this service does not place people in");
        await ShotAsync(page, $"import-1-plan-{width}");
        await NoSidewaysScrollingAsync(page, width);
        Assert.That((await App.Admin.GetJsonAsync("/v1/programs?limit=200")).Items(), Has.Count.EqualTo(before.Count), "a dry run writes nothing");

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm: import these programs" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Imported: the programs below are saved");
        await ShotAsync(page, $"import-2-done-{width}");
        await NoSidewaysScrollingAsync(page, width);

        await page.GetByRole(AriaRole.Link, new() { Name = "Safe Passage Emergency Shelter" }).First.ClickAsync();
        await Expect(page.Locator("#f-confidential")).ToBeCheckedAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Hidden Oak");
        var after = (await App.Admin.GetJsonAsync("/v1/programs?limit=200")).Items();
        Assert.That(after, Has.Count.EqualTo(before.Count + 10));
        Assert.That(after.Count(p => (bool?)p["confidential"] == true) - before.Count(p => (bool?)p["confidential"] == true), Is.EqualTo(4));
        Assert.That(await page.ContentAsync(), Does.Not.Contain("Hidden Oak Way").And.Not.Contain("Quiet Grove"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Housing.sln"))) return dir.FullName;
        throw new InvalidOperationException("Housing.sln not found above the test assembly.");
    }

    private async Task<IPage> PageAtAsync(int width)
    {
        if (width == 1280) return Page;
        var context = await NewContextAsync(new ViewportSize { Width = width, Height = 800 });
        return await context.NewPageAsync();
    }
}

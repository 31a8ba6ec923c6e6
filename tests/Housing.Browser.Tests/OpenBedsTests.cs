using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>A case manager scans open beds across the county, narrows them, and goes on to refer.</summary>
public sealed class OpenBedsTests : BrowserTest
{
    private string _caseManagerKey = "";

    protected override async Task SeedAsync()
    {
        (_, _caseManagerKey) = await OrganizationWithKeyAsync("Pacific Coalition", "agency", "case_manager");
        var (harbor, shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        var shelter = App.Api(shelterKey);
        await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(harbor, "Adults Shelter"), adultsOnly: 3, families: 0);
        var south = Bodies.Emergency(harbor, "Family Shelter", "spa-6");
        south["location"] = Bodies.Location(33.9601, -118.2799);
        await ProgramWithOpenBedsAsync(shelter, south, adultsOnly: 0, families: 5);
        await ProgramWithOpenBedsAsync(shelter, Bodies.ConfidentialEmergency(harbor), adultsOnly: 1, families: 2);
    }

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task TheFiltersNarrowTheListAndAProgramLeadsToTheSearch(int width, int height)
    {
        var page = await (await NewContextAsync(new ViewportSize { Width = width, Height = height })).NewPageAsync();
        await SignInAsync(_caseManagerKey, page);
        if (width < 600) await page.GotoAsync("/beds");
        else await page.GetByRole(AriaRole.Link, new() { Name = "Open beds" }).ClickAsync();

        await Expect(page.Locator("#beds-heading")).ToHaveTextAsync("3 programs with room, freshest first");
        await Expect(page.Locator("#beds-map")).ToBeVisibleAsync();
        await Expect(page.Locator("#beds-map")).ToContainTextAsync("1 confidential");
        await ShotAsync(page, $"all-{width}");

        await page.GetByLabel("For").SelectOptionAsync(new SelectOptionValue { Label = "families with children" });
        await page.GetByLabel("At least this many open").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page.Locator("#beds-heading")).ToHaveTextAsync("1 program with room, freshest first");
        await Expect(page.Locator("li.bed")).ToHaveCountAsync(1);
        await Expect(page.Locator("li.bed")).ToContainTextAsync("5 beds for families with children");
        await Expect(page.Locator("li.bed")).ToContainTextAsync("South Los Angeles (SPA 6)");
        Assert.That(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= window.innerWidth"), Is.True, "no sideways scrolling");
        await ShotAsync(page, $"families-{width}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Refer a household here" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("To refer to Family Shelter");
    }
}

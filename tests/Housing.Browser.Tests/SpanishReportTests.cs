using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>The reports page in Spanish, whose words run longer than English: it still fits a phone and a desktop.</summary>
public sealed class SpanishReportTests : BrowserTest
{
    private string _reporterKey = "";

    protected override async Task SeedAsync()
    {
        var (harbor, shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        var shelter = App.Api(shelterKey);
        await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(harbor), adultsOnly: 5, families: 6);
        var bridge = await shelter.CreateProgramIdAsync(Bodies.Transitional(harbor, "Harbor Bridge"));
        await (await shelter.PostAvailabilityAsync(bridge, Bodies.Availability(Bodies.OpenBeds("adults_with_children", 3)))).ExpectAsync(HttpStatusCode.OK);
        _reporterKey = await App.Admin.IssueKeyAsync("reporter");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles")).ToString("yyyy-MM-dd");
        await (await App.Admin.PostJsonAsync("/v1/reports/capacity/runs", new JsonObject { ["date"] = today })).ExpectAsync(HttpStatusCode.OK);
    }

    [TestCase(1280, 900)]
    [TestCase(375, 812)]
    public async Task TheSpanishReportFitsTheScreen(int width, int height)
    {
        var context = await NewContextAsync(new ViewportSize { Width = width, Height = height });
        await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = "es" });
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(_reporterKey, page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Informe de capacidad del");
            await Expect(page.Locator(".report .note").First).ToContainTextAsync("se vuelve a generar cuando el día termina. Los programas que no publicaron");
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Uso por tipo de hogar" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Capacidad por tipo de hogar" })).ToContainTextAsync("Familias con niños");
            await page.GetByText("Cada uno de los 2 programas no confidenciales").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Capacidad de cada programa" })).ToContainTextAsync("Vivienda de transición");
            Assert.That(await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - innerWidth"), Is.LessThanOrEqualTo(0),
                $"the Spanish report page scrolls sideways at {width} px");
            await ShotAsync(page, $"report-es-{width}");
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}

using System.Globalization;
using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>
/// A case manager marks where the trafficker is the way they know it: a ZIP code, or a click on
/// the map. Each is put in words as it is given, drawn as a circle, and leaves out exactly what
/// the same coordinates typed by hand would.
/// </summary>
public sealed class UnsafePlaceTests : BrowserTest
{
    // ZIP code 90057 (Westlake): its centre in the shipped gazetteer, under 1 km from the Metro LA shelter.
    private const string Westlake = "90057";
    private const string WestlakeLatitude = "34.06173", WestlakeLongitude = "-118.27676";

    private string _caseManagerKey = "";

    protected override async Task SeedAsync()
    {
        (_, _caseManagerKey) = await OrganizationWithKeyAsync("Pacific Coalition", "agency", "case_manager");
        var (harbor, shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        var shelter = App.Api(shelterKey);
        // Metro LA (34.0612, -118.2801) and South LA (33.9601, -118.2799), about 11 km apart.
        await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(harbor, "Metro Shelter"), adultsOnly: 3, families: 6);
        var south = Bodies.Emergency(harbor, "South Shelter", "spa-6");
        south["location"] = Bodies.Location(33.9601, -118.2799);
        await ProgramWithOpenBedsAsync(shelter, south, adultsOnly: 4, families: 2);
    }

    private ILocator Where => Page.GetByLabel("ZIP code or place").First;
    private ILocator Latitude => Page.Locator("#f-safety-unsafePlaces-0-latitude");
    private ILocator Longitude => Page.Locator("#f-safety-unsafePlaces-0-longitude");
    private ILocator Heading => Page.Locator("#results-heading");

    private async Task AWomanAsync()
    {
        await Page.Locator("#f-household-members-0-age").FillAsync("34");
        await Page.Locator("#f-household-members-0-genders").SelectOptionAsync("woman");
    }

    private async Task<string> FindAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();
        await Expect(Heading).ToBeVisibleAsync();
        return await Heading.InnerTextAsync() + " | " + await Page.Locator(".whynot-groups").InnerTextAsync();
    }

    [Test]
    public async Task AZipCodeIsDescribedAsItIsTypedAndLeavesOutWhatItsCoordinatesWould()
    {
        await SignInAsync(_caseManagerKey);
        await AWomanAsync();

        await Where.FillAsync(Westlake);
        await Expect(Page.Locator("#place-preview-0")).ToContainTextAsync("ZIP code 90057: a 5 km circle around its centre");
        await Expect(Page.Locator("#unsafe-map path.leaflet-interactive[stroke='#a3192b']")).ToHaveCountAsync(1);
        await ShotAsync(Page, "zip-typed");
        var byZip = await FindAsync();
        await ShotAsync(Page, "zip-searched");

        await Where.FillAsync("");
        await Latitude.FillAsync(WestlakeLatitude);
        await Longitude.FillAsync(WestlakeLongitude);
        var byCoordinates = await FindAsync();

        Assert.That(byZip, Does.StartWith("1 program can take the whole household now"));
        Assert.That(byZip, Does.Contain("inside an unsafe place"));
        Assert.That(byCoordinates, Is.EqualTo(byZip));
    }

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task AClickOnTheMapPutsThePlaceThereAndLeavesOutTheShelterUnderIt(int width, int height)
    {
        var page = await (await NewContextAsync(new ViewportSize { Width = width, Height = height })).NewPageAsync();
        await SignInAsync(_caseManagerKey, page);
        await page.Locator("#f-household-members-0-age").FillAsync("34");
        await page.Locator("#f-household-members-0-genders").SelectOptionAsync("woman");
        var map = page.Locator("#unsafe-map");
        await Expect(map).ToBeVisibleAsync();
        await Expect(map).Not.ToContainTextAsync("openstreetmap", new() { IgnoreCase = true });

        // Click the map where the Metro shelter's marker is: the map takes the point under it.
        var marker = page.Locator("#unsafe-map path.leaflet-interactive").First;
        await marker.ScrollIntoViewIfNeededAsync();
        var box = (await marker.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);

        var latitude = page.Locator("#f-safety-unsafePlaces-0-latitude");
        await Expect(latitude).Not.ToBeEmptyAsync();
        var clicked = (double.Parse(await latitude.InputValueAsync(), CultureInfo.InvariantCulture),
            double.Parse(await page.Locator("#f-safety-unsafePlaces-0-longitude").InputValueAsync(), CultureInfo.InvariantCulture));
        Assert.That(clicked.Item1, Is.EqualTo(34.0612).Within(0.02));
        Assert.That(clicked.Item2, Is.EqualTo(-118.2801).Within(0.02));
        await Expect(page.Locator("#place-preview-0")).ToContainTextAsync("a 5 km circle around a point");
        await Expect(page.Locator("#unsafe-map path.leaflet-interactive[stroke='#a3192b']")).ToHaveCountAsync(1);
        await ShotAsync(page, $"map-click-{width}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();
        await Expect(page.Locator("#results-heading")).ToHaveTextAsync("1 program can take the whole household now");
        await Expect(page.Locator(".whynot-groups")).ToContainTextAsync("inside an unsafe place");
        Assert.That(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= window.innerWidth"), Is.True, "no sideways scrolling");
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>
/// Scenario 1 in the browser: a mother and three children hiding from a trafficker in South LA.
/// The case manager searches, reads why programs match or not, refers, and sees the status
/// move and the address released only once the shelter accepts.
/// </summary>
public sealed partial class CaseManagerFlowTests : BrowserTest
{
    private string _caseManagerKey = "";
    private string _shelterKey = "";
    private Guid _safeHaven;

    protected override async Task SeedAsync()
    {
        (_, _caseManagerKey) = await OrganizationWithKeyAsync("Pacific Coalition", "agency", "case_manager");
        var (harbor, shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        _shelterKey = shelterKey;
        var shelter = App.Api(shelterKey);
        await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(harbor), adultsOnly: 3, families: 6);
        _safeHaven = await ProgramWithOpenBedsAsync(shelter, Bodies.ConfidentialEmergency(harbor), adultsOnly: 2, families: 5);
        // Inside the trafficker's region: left out, and counted in the "why not" summary.
        var (bridge, bridgeKey) = await OrganizationWithKeyAsync("Bridge Home Inc", "provider", "shelter");
        var bridgeClient = App.Api(bridgeKey);
        var transitional = await bridgeClient.CreateProgramIdAsync(Bodies.Transitional(bridge));
        await (await bridgeClient.PostAvailabilityAsync(transitional, Bodies.Availability(Bodies.OpenBeds("adults_with_children", 10, 3))))
            .ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task CaseManagerFindsABedRefersAndSeesThePlacementOnlyAfterTheShelterAccepts()
    {
        await SignInAsync(_caseManagerKey);
        await Expect(Page).ToHaveURLAsync(new Regex("/search$"));
        await DescribeTheFamilyAsync();
        await ShotAsync(Page, "1-form");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "2 programs can take the whole household now" })).ToBeVisibleAsync();
        var safeHaven = Page.Locator("li.match", new() { HasText = "Safe Haven" });
        await Expect(safeHaven.Locator(".reasons li").First).ToBeVisibleAsync();
        await Expect(safeHaven).ToContainTextAsync("open beds for families with children; this household needs 4");
        await Expect(safeHaven.Locator(".badge", new() { HasText = "Count fresh" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".whynot")).ToContainTextAsync("unsafe region");
        await Expect(Page.Locator("body")).Not.ToContainTextAsync(Bodies.ConfidentialAddress);
        await ShotAsync(Page, "2-matches");

        await Page.GetByLabel("Client reference").FillAsync("PCAT-2291");
        await safeHaven.GetByRole(AriaRole.Button, new() { Name = "Refer to Safe Haven only" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/referrals/[0-9a-f-]{36}"));
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Referral made");
        await Expect(Page.Locator(".status").First).ToHaveTextAsync("pending: waiting for the shelter");
        await Expect(Page.Locator("body")).Not.ToContainTextAsync(Bodies.ConfidentialAddress);
        await ShotAsync(Page, "3-pending");

        // The shelter accepts through its own key (the shelter flow does it on its page).
        var referralId = Regex.Match(Page.Url, "[0-9a-f-]{36}").Value;
        await (await App.Api(_shelterKey).PostAsync($"/v1/referrals/{referralId}/accept", null)).ExpectAsync(HttpStatusCode.OK);

        // The page asks for the status by itself, without a reload: the status, the placement
        // button and the announcement arrive, and the "held while the shelter decides" notice goes.
        var url = Page.Url;
        await Expect(Page.Locator(".status").First).ToHaveTextAsync("accepted", new() { Timeout = 10_000 });
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Show placement details" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#status-announce")).ToHaveTextAsync(new Regex("^Status: accepted"));
        await Expect(Page.GetByText("the beds are held while the shelter decides")).ToHaveCountAsync(0);
        await Expect(Page.Locator("body")).Not.ToContainTextAsync(Bodies.ConfidentialAddress);
        Assert.That(Page.Url, Is.EqualTo(url), "no reload");
        await ShotAsync(Page, "4-accepted");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Show placement details" }).ClickAsync();
        await Expect(Page.Locator("dl.placement")).ToContainTextAsync(Bodies.ConfidentialAddress);
        await Expect(Page.Locator("dl.placement a[href^='tel:']")).ToHaveAttributeAsync("href", new Regex(@"^tel:\+?\d+$"));
        // The poll keeps the details it could not send (reading them is a post, audited) while the status holds.
        await Page.WaitForTimeoutAsync(2_500);
        await Expect(Page.Locator("dl.placement")).ToContainTextAsync(Bodies.ConfidentialAddress);
        await ShotAsync(Page, "5-placement");

        // Printed, only the placement and what a person needs to get there: no navigation, no buttons.
        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(Page.Locator("dl.placement")).ToBeVisibleAsync();
        await Expect(Page.Locator("header.top")).ToBeHiddenAsync();
        await Expect(Page.Locator("h1")).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Navigation)).ToHaveCountAsync(0);
        await Expect(Page.Locator(".placement-details .print-only")).ToContainTextAsync("Referral PCAT-2291");
        await ShotAsync(Page, "6-print");
        await Page.EmulateMediaAsync(new() { Media = Media.Screen });
    }

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task TheAnswerIsInViewAfterASearchMatchesFirstThenWhyNotByReason(int width, int height)
    {
        var context = await NewContextAsync(new ViewportSize { Width = width, Height = height });
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(_caseManagerKey, page);
            await DescribeTheFamilyAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();

            // How many fit depends on the referrals the other tests of this fixture have made.
            var heading = page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^[12] programs? can take the whole household now$") });
            await Expect(heading).ToBeFocusedAsync();
            await Expect(heading).ToBeInViewportAsync();
            await Expect(page.Locator("li.match").First).ToBeInViewportAsync(new() { Ratio = 0.1f });
            await ShotAsync(page, $"results-{width}");

            // Matches come before why not; why not is grouped by reason, each group opening on its programs.
            var firstMatch = await page.Locator("li.match").First.BoundingBoxAsync();
            var whyNot = await page.Locator(".whynot").BoundingBoxAsync();
            Assert.That(whyNot!.Y, Is.GreaterThan(firstMatch!.Y));
            var region = page.Locator(".whynot-groups details", new() { HasText = "unsafe region" });
            await Expect(region.Locator(".excluded")).Not.ToBeVisibleAsync();
            await region.Locator("summary").ClickAsync();
            await Expect(region.Locator(".excluded")).ToContainTextAsync("Bridge");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Test]
    public async Task ACascadeOffersTheTickedProgramsOneAtATimeInRankOrder()
    {
        await SignInAsync(_caseManagerKey);
        await DescribeTheFamilyAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();
        var names = await Page.Locator("li.match h3").AllInnerTextsAsync();
        Assert.That(names, Has.Count.EqualTo(2));

        await Page.GetByLabel("Client reference").FillAsync("PCAT-3001");
        foreach (var box in await Page.GetByLabel("Include in a cascade").AllAsync()) await box.CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Refer to the ticked programs, in rank order" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/referrals/[0-9a-f-]{36}"));
        var rows = Page.Locator("table.list tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync(names[0][3..]);
        await Expect(rows.Nth(0)).ToContainTextAsync("pending");
        await Expect(rows.Nth(1)).ToContainTextAsync("waiting");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Referrals" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "PCAT-3001" })).ToBeVisibleAsync();
        // Leave the beds for the other tests of this fixture.
        await Page.GetByRole(AriaRole.Link, new() { Name = "PCAT-3001" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel this referral and release the beds" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cancelled");
    }

    [Test]
    public async Task BadInputIsExplainedBesideTheFieldNotWithAnError()
    {
        await SignInAsync(_caseManagerKey);
        await Page.Locator("#f-household-members-0-age").FillAsync("twenty");
        await Page.Locator("#f-household-members-1-role").SelectOptionAsync("child");
        await Page.Locator("#f-household-members-1-age").FillAsync("19");
        var response = await Page.RunAndWaitForResponseAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync(),
            r => r.Url.EndsWith("/search", StringComparison.Ordinal) && r.Request.Method == "POST");

        Assert.That(response.Status, Is.EqualTo(200));
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Person 1: age");
        await Expect(Page.Locator("#error-household-members-0-age")).ToHaveTextAsync("Enter the age in years as a whole number.");
        await Expect(Page.Locator("#f-household-members-0-age")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#f-household-members-0-age")).ToHaveValueAsync("twenty");

        await Page.Locator("#f-household-members-0-age").FillAsync("29");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();
        await Expect(Page.Locator("#error-household-members-1-age")).ToHaveTextAsync("Must be between 0 and 17.");
        await ShotAsync(Page, "errors");
    }

    private Task DescribeTheFamilyAsync() => DescribeTheFamilyAsync(Page);

    /// <summary>Scenario 1's family and the trafficker's area, typed into the search form.</summary>
    internal static async Task DescribeTheFamilyAsync(IPage page)
    {
        await Person(page, 0, "adult", "29", "woman");
        await Person(page, 1, "child", "9", "man");
        await Person(page, 2, "child", "6", "woman");
        await Person(page, 3, "child", "1", "man");
        await page.GetByLabel("Trafficking survived").SelectOptionAsync("sex");
        await page.GetByLabel("Languages spoken").FillAsync("es, en");
        await page.GetByLabel("Has no ID").CheckAsync();
        await page.Locator("#f-safety-unsafePlaces-0-latitude").FillAsync("33.96");
        await page.Locator("#f-safety-unsafePlaces-0-longitude").FillAsync("-118.28");
        await page.Locator("#f-safety-unsafePlaces-0-radiusKm").FillAsync("8");
        await page.GetByLabel("South Los Angeles (SPA 6)").CheckAsync();
    }

    /// <summary>One member of the household, typed into its row of the search form (by field id, so in either language).</summary>
    internal static async Task Person(IPage page, int row, string role, string age, string gender)
    {
        await page.Locator($"#f-household-members-{row}-role").SelectOptionAsync(role);
        await page.Locator($"#f-household-members-{row}-age").FillAsync(age);
        await page.Locator($"#f-household-members-{row}-genders").SelectOptionAsync(gender);
    }
}

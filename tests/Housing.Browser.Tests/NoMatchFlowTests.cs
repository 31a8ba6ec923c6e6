using System.Text.RegularExpressions;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Watches;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>
/// Nine calls in ten end in "no": every program that would take a woman alone tonight is full.
/// The case manager asks them all at once and sees the first yes become her referral; or leaves
/// a watch, and sees it hold the bed a shelter frees on its own page.
/// </summary>
public sealed class NoMatchFlowTests : BrowserTest
{
    private string _caseManagerKey = "";
    private string _harborKey = "";
    private string _bridgeKey = "";

    protected override async Task SeedAsync()
    {
        (_, _caseManagerKey) = await OrganizationWithKeyAsync("Pacific Coalition", "agency", "case_manager");
        var (harbor, harborKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        var (bridge, bridgeKey) = await OrganizationWithKeyAsync("Bridge Home Inc", "provider", "shelter");
        (_harborKey, _bridgeKey) = (harborKey, bridgeKey);
        await ProgramWithOpenBedsAsync(App.Api(harborKey), Bodies.Emergency(harbor), adultsOnly: 0, families: 0);
        await ProgramWithOpenBedsAsync(App.Api(bridgeKey), Bodies.Emergency(bridge, "Bridge Home Shelter"), adultsOnly: 0, families: 0);
    }

    [Test]
    public async Task NothingFitsSoTheCaseManagerAsksAndTheFirstYesBecomesHerReferral()
    {
        await SignInAsync(_caseManagerKey);
        await SearchForAWomanAloneAsync("PCAT-9001");
        await ShotAsync(Page, "1-nothing-fits");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ask these 2 programs now" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/asks/[0-9a-f-]{36}"));
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Asked");
        await Expect(Page.Locator(".big .status")).ToHaveTextAsync("open: waiting for answers");
        await Expect(Page.Locator("table.list tbody tr")).ToHaveCountAsync(2);

        // The shelter answers on its own page, in its own session.
        var shelter = await (await NewContextAsync(Viewport)).NewPageAsync();
        await SignInAsync(_harborKey, shelter);
        var ask = shelter.Locator("article.ask");
        await Expect(ask).ToContainTextAsync("1 person, adults without children: adult 31 (woman)");
        await Expect(ask).Not.ToContainTextAsync("PCAT-9001");
        await ShotAsync(shelter, "2-shelter-asked");
        await ask.GetByRole(AriaRole.Button, new() { Name = "Yes, we can take them" }).ClickAsync();
        await Expect(shelter.GetByRole(AriaRole.Status)).ToContainTextAsync("Yes sent");
        await Expect(shelter.Locator("#arriving-heading")).ToContainTextAsync("(1)");
        await shelter.Context.CloseAsync();

        // The ask's page asks for its status by itself.
        await Expect(Page.Locator(".big .status")).ToHaveTextAsync("placed: a program said yes", new() { Timeout = 10_000 });
        await ShotAsync(Page, "3-placed");
        await Page.GetByRole(AriaRole.Link, new() { Name = "open the household's referral" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/referrals/[0-9a-f-]{36}"));
        await Expect(Page.Locator(".status").First).ToHaveTextAsync("accepted");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Referral PCAT-9001");
    }

    [Test]
    public async Task NothingFitsSoTheCaseManagerWatchesAndTheBedAShelterFreesIsHeld()
    {
        await SignInAsync(_caseManagerKey);
        await SearchForAWomanAloneAsync("PCAT-9002");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Watch for a bed", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/watches/[0-9a-f-]{36}"));
        await Expect(Page.Locator(".big .status")).ToHaveTextAsync("active: watching for a bed");
        await Expect(Page.Locator(".trail")).ToContainTextAsync("Started watching.");

        var shelter = await (await NewContextAsync(Viewport)).NewPageAsync();
        await SignInAsync(_bridgeKey, shelter);
        await shelter.GetByRole(AriaRole.Button, new() { Name = "One more free bed for adults without children" }).ClickAsync();
        await Expect(shelter.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await shelter.Context.CloseAsync();
        // The worker wakes on the post by itself; a pass here makes the test not wait on its timing.
        await App.Services.GetRequiredService<WatchWorker>().PassAsync(sync: true, CancellationToken.None);

        await Expect(Page.Locator(".big .status")).ToHaveTextAsync("holding: a bed is held while the shelter decides", new() { Timeout = 10_000 });
        await Expect(Page.Locator(".trail")).ToContainTextAsync("A bed opened at Bridge Home Shelter");
        await ShotAsync(Page, "holding");
        await Page.GetByRole(AriaRole.Link, new() { Name = "open the household's referral" }).ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Referral PCAT-9002");
        await Expect(Page.Locator(".status").First).ToHaveTextAsync("pending: waiting for the shelter");
    }

    private async Task SearchForAWomanAloneAsync(string clientReference)
    {
        await Page.Locator("#f-household-members-0-role").SelectOptionAsync("adult");
        await Page.Locator("#f-household-members-0-age").FillAsync("31");
        await Page.Locator("#f-household-members-0-genders").SelectOptionAsync("woman");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "0 programs can take the whole household now" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".nextsteps")).ToContainTextAsync("2 more programs would take this household if they had room");
        await Page.GetByLabel("Client reference").FillAsync(clientReference);
    }
}

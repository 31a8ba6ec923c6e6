using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>
/// A small shelter's intake desk: change an open count with one click, see how old the count
/// is, and answer the referrals that reached it, and only those.
/// </summary>
public sealed class ShelterFlowTests : BrowserTest
{
    private string _shelterKey = "";
    private Guid _program;
    private Guid _otherProgram;
    private Guid _typing;
    private HttpClient _caseManager = null!;

    protected override async Task SeedAsync()
    {
        var (_, caseManagerKey) = await OrganizationWithKeyAsync("Pacific Coalition", "agency", "case_manager");
        _caseManager = App.Api(caseManagerKey);
        var (harbor, shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        _shelterKey = shelterKey;
        _program = await ProgramWithOpenBedsAsync(App.Api(shelterKey), Bodies.Emergency(harbor), adultsOnly: 5, families: 6);
        // Its own program for the tests that type counts and record arrivals, so the others' figures stay put.
        _typing = await ProgramWithOpenBedsAsync(App.Api(shelterKey), Bodies.Emergency(harbor, "Harbor House Family Shelter"), adultsOnly: 5, families: 6);
        var (bridge, bridgeKey) = await OrganizationWithKeyAsync("Bridge Home Inc", "provider", "shelter");
        _otherProgram = await ProgramWithOpenBedsAsync(App.Api(bridgeKey), Bodies.Emergency(bridge, "Bridge Home Shelter"), adultsOnly: 4, families: 4);
    }

    [Test]
    public async Task ShelterChangesACountWithOneClickAndAcceptsAReferralMeantForIt()
    {
        var ours = await ReferAsync(_program, "PCAT-0001");
        await ReferAsync(_otherProgram, "PCAT-0002");

        await SignInAsync(_shelterKey);
        await Expect(Page).ToHaveURLAsync(new Regex("/shelter$"));
        await ShotAsync(Page, "1-dashboard");
        var families = Page.Locator($"#program-{_program} [data-household=adults_with_children]");
        await Expect(families.Locator(".value").First).ToHaveValueAsync("6");
        // Two beds are held for the referral: case managers are offered 6 − 2.
        await Expect(families.Locator(".offered")).ToContainTextAsync("Offered to case managers now: 4 beds.");
        await Expect(families.Locator(".offered")).ToContainTextAsync("Held, waiting for your answer: 2 beds.");

        await families.GetByRole(AriaRole.Button, new() { Name = "One more free bed for families with children" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(Page.GetByRole(AriaRole.Status)).ToBeInViewportAsync();
        await Expect(families.Locator(".value").First).ToHaveValueAsync("7");
        await Expect(Page.Locator($"#program-{_program} .age")).ToContainTextAsync("just now");
        var posted = await App.Api(_shelterKey).GetJsonAsync($"/v1/programs/{_program}/availability");
        var familyCount = posted["counts"]!.AsArray().Single(c => (string?)c!["householdType"] == "adults_with_children")!;
        Assert.That((int?)familyCount["beds"], Is.EqualTo(7));
        await ShotAsync(Page, "2-saved");

        // Only the referral that reached this shelter's program is shown to it.
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "PCAT-0001 for Harbor House Emergency Shelter" })).ToBeVisibleAsync();
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("PCAT-0002");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Accept PCAT-0001" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Accepted");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Accepted, waiting for arrival (1)" })).ToBeVisibleAsync();
        var referral = await _caseManager.GetJsonAsync($"/v1/referrals/{ours}");
        Assert.That((string?)referral["status"], Is.EqualTo("accepted"));
        await ShotAsync(Page, "3-accepted");
    }

    [Test]
    public async Task OnAPhoneAShelterTypesACountInOneStepAndSeesSavedInView()
    {
        var context = await NewContextAsync(new ViewportSize { Width = 375, Height = 740 });
        var page = await context.NewPageAsync();
        try
        {
            // Something waiting above the counts, so the card sits well down the page.
            await ReferAsync(_typing, "PCAT-0010");
            await SignInAsync(_shelterKey, page);
            var families = page.Locator($"#program-{_typing} [data-household=adults_with_children]");
            var beds = families.GetByLabel("Beds free now");

            // From whatever it was to 0 in one step: typed, and Enter saves the number (not the − beside it).
            await beds.FillAsync("0");
            await beds.PressAsync("Enter");
            var saved = page.GetByRole(AriaRole.Status);
            await Expect(saved).ToContainTextAsync("Saved: the new count is posted");
            await Expect(saved).ToBeInViewportAsync();
            await Expect(families.GetByLabel("Beds free now")).ToHaveValueAsync("0");
            await ShotAsync(page, "1-saved-0");

            // Then 0 to 8, again in one step, with the Save button.
            await families.GetByLabel("Beds free now").FillAsync("8");
            await families.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToBeInViewportAsync();
            await Expect(families.GetByLabel("Beds free now")).ToHaveValueAsync("8");
            Assert.That(await FamilyBedsPostedAsync(), Is.EqualTo(8));
            await ShotAsync(page, "2-saved-8");

            // More than the inventory: refused beside the field, in view, and nothing is posted.
            await families.GetByLabel("Beds free now").FillAsync("40");
            await families.GetByLabel("Beds free now").PressAsync("Enter");
            var error = families.Locator(".error");
            await Expect(error).ToHaveTextAsync("At most 12: the inventory has 12 beds for families with children today.");
            await Expect(error).ToBeInViewportAsync();
            await Expect(families.GetByLabel("Beds free now")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(families.GetByLabel("Beds free now")).ToHaveValueAsync("40");
            Assert.That(await FamilyBedsPostedAsync(), Is.EqualTo(8));
            await ShotAsync(page, "3-too-many");

            await families.GetByLabel("Beds free now").FillAsync("-1");
            await families.GetByLabel("Beds free now").PressAsync("Enter");
            await Expect(families.Locator(".error")).ToHaveTextAsync("Cannot be fewer than 0.");
            Assert.That(await FamilyBedsPostedAsync(), Is.EqualTo(8));
            Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(375), "no sideways scrolling");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Test]
    public async Task ArrivedAndDidNotArriveAskFirstAndNothingHappensWithoutConfirming()
    {
        var referral = await ReferAsync(_typing, "PCAT-0020");
        await (await App.Api(_shelterKey).PostAsync($"/v1/referrals/{referral}/accept", null)).ExpectAsync(HttpStatusCode.OK);
        await SignInAsync(_shelterKey);
        var card = Page.Locator("article.referral", new() { HasText = "PCAT-0020" });

        await card.GetByRole(AriaRole.Button, new() { Name = "The household has arrived" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Record that the household of PCAT-0020 has arrived at Harbor House Family Shelter?");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "No, go back" })).ToBeFocusedAsync();
        await ShotAsync(Page, "1-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "No, go back" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await card.GetByRole(AriaRole.Button, new() { Name = "They did not arrive" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("did not arrive at Harbor House Family Shelter?");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.That((string?)(await _caseManager.GetJsonAsync($"/v1/referrals/{referral}"))["status"], Is.EqualTo("accepted"), "nothing happened");

        await card.GetByRole(AriaRole.Button, new() { Name = "The household has arrived" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, they have arrived" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Placed: the household has arrived.");
        Assert.That((string?)(await _caseManager.GetJsonAsync($"/v1/referrals/{referral}"))["status"], Is.EqualTo("placed"));
    }

    private async Task<int?> FamilyBedsPostedAsync()
    {
        var posted = await App.Api(_shelterKey).GetJsonAsync($"/v1/programs/{_typing}/availability");
        return (int?)posted["counts"]!.AsArray().Single(c => (string?)c!["householdType"] == "adults_with_children")!["beds"];
    }

    [Test]
    public async Task ShelterDeclinesWithAReasonCodeAndTheBedsGoBack()
    {
        var referral = await ReferAsync(_program, "PCAT-0003");
        await SignInAsync(_shelterKey);
        var card = Page.Locator("article.referral", new() { HasText = "PCAT-0003" });
        await card.GetByText("Decline…").ClickAsync();
        await card.GetByLabel("The client does").CheckAsync();
        await card.GetByLabel("Reason").SelectOptionAsync("client_chose_other_option");
        await card.GetByRole(AriaRole.Button, new() { Name = "Decline PCAT-0003" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Declined");
        var view = await _caseManager.GetJsonAsync($"/v1/referrals/{referral}");
        Assert.That((string?)view["status"], Is.EqualTo("declined"));
        Assert.That((string?)view["steps"]![0]!["declinedBy"], Is.EqualTo("client"));
        Assert.That((string?)view["steps"]![0]!["reasonCode"], Is.EqualTo("client_chose_other_option"));
    }

    [Test]
    public async Task ShelterCannotOpenAnotherOrganisationsProgramPage()
    {
        await SignInAsync(_shelterKey);
        var own = await Page.GotoAsync($"/shelter/programs/{_program}");
        Assert.That(own?.Status, Is.EqualTo(200));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Harbor House Emergency Shelter", Level = 1 })).ToBeVisibleAsync();

        var other = await Page.GotoAsync($"/shelter/programs/{_otherProgram}");
        Assert.That(other?.Status, Is.EqualTo(404));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("Bridge Home Shelter");
    }

    private async Task<Guid> ReferAsync(Guid program, string reference)
    {
        var body = new JsonObject
        {
            ["programIds"] = new JsonArray(program.ToString()),
            ["clientReference"] = reference,
            ["household"] = new JsonObject
            {
                ["members"] = new JsonArray(
                    new JsonObject { ["role"] = "adult", ["age"] = 31, ["genders"] = new JsonArray("woman") },
                    new JsonObject { ["role"] = "child", ["age"] = 4, ["genders"] = new JsonArray("man") }),
            },
        };
        return (await (await _caseManager.PostJsonAsync("/v1/referrals", body)).ExpectAsync(HttpStatusCode.Created)).Id();
    }
}

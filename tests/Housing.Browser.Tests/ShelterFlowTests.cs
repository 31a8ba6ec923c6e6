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
    private HttpClient _caseManager = null!;

    protected override async Task SeedAsync()
    {
        var (_, caseManagerKey) = await OrganizationWithKeyAsync("Pacific Coalition", "agency", "case_manager");
        _caseManager = App.Api(caseManagerKey);
        var (harbor, shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        _shelterKey = shelterKey;
        _program = await ProgramWithOpenBedsAsync(App.Api(shelterKey), Bodies.Emergency(harbor), adultsOnly: 5, families: 6);
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
        await Expect(families.Locator(".value").First).ToHaveTextAsync("6");
        // Two beds are held for the referral: case managers are offered 6 − 2.
        await Expect(families.Locator(".offered")).ToContainTextAsync("Offered to case managers: 4 beds (2 held for referrals)");

        await families.GetByRole(AriaRole.Button, new() { Name = "One more free bed for families with children" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(families.Locator(".value").First).ToHaveTextAsync("7");
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

using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>
/// A referral's page on a crisis call: a move that cannot be undone (cancel) asks first, in a
/// dialog or, without JavaScript, on a confirm step; and a referral refused at the key's hold
/// limit says which referrals hold the beds, as links, first on the page.
/// </summary>
public sealed class ReferralPageTests : BrowserTest
{
    private string _caseManagerKey = "";
    private Guid _safeHaven;
    private Guid _overflow;

    protected override async Task SeedAsync()
    {
        (_, _caseManagerKey) = await OrganizationWithKeyAsync("Pacific Coalition", "agency", "case_manager");
        var (harbor, shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        var shelter = App.Api(shelterKey);
        _safeHaven = await ProgramWithOpenBedsAsync(shelter, Bodies.ConfidentialEmergency(harbor), adultsOnly: 2, families: 5);
        // Room for single adults only, where a key can come up to its hold limit without touching the family beds.
        _overflow = await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(harbor, "Harbor House Overflow"), adultsOnly: 12, families: 0);
        // A program in the trafficker's region, so the search form offers that region to mark unsafe.
        var (bridge, bridgeKey) = await OrganizationWithKeyAsync("Bridge Home Inc", "provider", "shelter");
        var bridgeClient = App.Api(bridgeKey);
        var transitional = await bridgeClient.CreateProgramIdAsync(Bodies.Transitional(bridge));
        await (await bridgeClient.PostAvailabilityAsync(transitional, Bodies.Availability(Bodies.OpenBeds("adults_with_children", 10, 3))))
            .ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task CancelAsksFirstAndNothingHappensWithoutConfirming()
    {
        var context = await NewContextAsync(new ViewportSize { Width = 375, Height = 740 });
        var page = await context.NewPageAsync();
        try
        {
            var caseManager = App.Api(_caseManagerKey);
            var id = (await (await caseManager.PostJsonAsync("/v1/referrals", OneWoman("PCAT-3101"))).ExpectAsync(HttpStatusCode.Created)).Id();
            await SignInAsync(_caseManagerKey, page);
            await page.GotoAsync($"/referrals/{id}");
            var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Cancel this referral and release the beds" });

            await cancel.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("Cancel the referral PCAT-3101? Its beds are released at once and the shelter is told.");
            await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "No, keep it" })).ToBeFocusedAsync();
            await ShotAsync(page, "dialog-375");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "No, keep it" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            await cancel.ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(page.Locator(".status").First).ToHaveTextAsync("pending: waiting for the shelter");
            Assert.That((string?)(await caseManager.GetJsonAsync($"/v1/referrals/{id}"))["status"], Is.EqualTo("pending"), "nothing happened");

            await cancel.ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cancelled: the beds are released.");
            Assert.That((string?)(await caseManager.GetJsonAsync($"/v1/referrals/{id}"))["status"], Is.EqualTo("cancelled"));
            Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(375), "no sideways scrolling");
            await ShotAsync(page, "cancelled-375");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Test]
    public async Task WithoutJavaScriptCancelAsksOnAConfirmStepAndNothingHappensUntilConfirmed()
    {
        var context = await NewContextAsync(new ViewportSize { Width = 375, Height = 740 }, javaScript: false);
        var page = await context.NewPageAsync();
        try
        {
            var caseManager = App.Api(_caseManagerKey);
            var id = (await (await caseManager.PostJsonAsync("/v1/referrals", OneWoman("PCAT-3201"))).ExpectAsync(HttpStatusCode.Created)).Id();
            await SignInAsync(_caseManagerKey, page);
            await page.GotoAsync($"/referrals/{id}");

            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this referral and release the beds" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Please confirm" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing has changed yet: this cannot be undone");
            await ShotAsync(page, "confirm-step-375");
            Assert.That((string?)(await caseManager.GetJsonAsync($"/v1/referrals/{id}"))["status"], Is.EqualTo("pending"), "nothing happened");
            await page.GetByRole(AriaRole.Link, new() { Name = "No, keep it" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Please confirm" })).ToHaveCountAsync(0);
            Assert.That((string?)(await caseManager.GetJsonAsync($"/v1/referrals/{id}"))["status"], Is.EqualTo("pending"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this referral and release the beds" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cancelled: the beds are released.");
            Assert.That((string?)(await caseManager.GetJsonAsync($"/v1/referrals/{id}"))["status"], Is.EqualTo("cancelled"));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task AtTheHoldLimitTheRefusalListsTheReferralsHoldingTheBedsFirstOnThePage(int width, int height)
    {
        // A colleague's own key, so its ten held beds leave the other tests' key alone; released at the end.
        var (_, key) = await OrganizationWithKeyAsync($"Valley Outreach {width}", "agency", "case_manager");
        var colleague = App.Api(key);
        var held = new List<Guid>();
        foreach (var reference in new[] { $"VO-{width}-1", $"VO-{width}-2" })
        {
            var fiveWomen = new JsonObject
            {
                ["programIds"] = new JsonArray(_overflow.ToString()),
                ["clientReference"] = reference,
                ["household"] = new JsonObject
                {
                    ["members"] = new JsonArray(Enumerable.Range(0, 5)
                        .Select(i => (JsonNode)new JsonObject { ["role"] = "adult", ["age"] = 30 + i, ["genders"] = new JsonArray("woman") }).ToArray()),
                },
            };
            held.Add((await (await colleague.PostJsonAsync("/v1/referrals", fiveWomen)).ExpectAsync(HttpStatusCode.Created)).Id());
        }
        var context = await NewContextAsync(new ViewportSize { Width = width, Height = height });
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(key, page);
            await CaseManagerFlowTests.DescribeTheFamilyAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Find matches" }).ClickAsync();
            await page.GetByLabel("Client reference").FillAsync($"VO-{width}-3");
            await page.Locator("li.match", new() { HasText = "Safe Haven" }).GetByRole(AriaRole.Button, new() { Name = "Refer to Safe Haven only" }).ClickAsync();

            var refusal = page.GetByRole(AriaRole.Alert);
            await Expect(refusal).ToContainTextAsync("This key already holds 10 of its 10 beds, in 2 referrals");
            await Expect(refusal).ToBeFocusedAsync();
            await Expect(refusal.GetByRole(AriaRole.Heading, new() { Name = "The referrals holding your beds" })).ToBeInViewportAsync();
            foreach (var (id, n) in held.Select((id, i) => (id, i + 1)))
                await Expect(refusal.GetByRole(AriaRole.Link, new() { Name = $"VO-{width}-{n}" })).ToHaveAttributeAsync("href", $"/referrals/{id}");
            await Expect(refusal).ToContainTextAsync("5 beds at Harbor House Overflow, waiting for the shelter's answer until");
            await ShotAsync(page, $"hold-limit-{width}");

            // Following a link is the way to free beds: cancel one there, and the referral goes through.
            await refusal.GetByRole(AriaRole.Link, new() { Name = $"VO-{width}-1" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this referral and release the beds" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cancelled");
        }
        finally
        {
            await context.CloseAsync();
            foreach (var id in held) await colleague.PostAsync($"/v1/referrals/{id}/cancel", null);
        }
    }

    private JsonObject OneWoman(string reference) => new()
    {
        ["programIds"] = new JsonArray(_safeHaven.ToString()),
        ["clientReference"] = reference,
        ["household"] = new JsonObject
        {
            ["members"] = new JsonArray(
                new JsonObject { ["role"] = "adult", ["age"] = 40, ["genders"] = new JsonArray("woman") }),
        },
    };
}

using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>
/// An admin is told on the hub that the last consistency check left something open, follows the
/// link, reads what it found and what it repaired, and runs it again, on a desktop and a phone.
/// </summary>
public sealed class ConsistencyPageTests : BrowserTest
{
    private Guid _program;
    private string _caseManagerKey = "";

    /// <summary>A program whose inventory was cut below its last count: a finding the check reports every time.</summary>
    protected override async Task SeedAsync()
    {
        var (organization, shelterKey) = await OrganizationWithKeyAsync("Harbor House", "provider", "shelter");
        (_, _caseManagerKey) = await OrganizationWithKeyAsync("Pacific Coalition", "agency", "case_manager");
        var shelter = App.Api(shelterKey);
        _program = await ProgramWithOpenBedsAsync(shelter, Bodies.Emergency(organization), adultsOnly: 5, families: 6);
        var smaller = Bodies.Emergency(organization);
        smaller["inventory"] = new JsonArray(Bodies.Beds("adults_only", beds: 3, units: 0), Bodies.Beds("adults_with_children", beds: 12, units: 4));
        await (await shelter.PutJsonAsync($"/v1/programs/{_program}", smaller)).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>A referral that ends behind the service's back, leaving its hold a phantom, and a check that releases it.</summary>
    private async Task PhantomReleasedByACheckAsync(string reference)
    {
        var referral = (await (await App.Api(_caseManagerKey).PostJsonAsync("/v1/referrals", new JsonObject
        {
            ["programIds"] = new JsonArray(_program.ToString()),
            ["clientReference"] = reference,
            ["household"] = new JsonObject { ["members"] = new JsonArray(new JsonObject { ["role"] = "adult", ["age"] = 30, ["genders"] = new JsonArray("woman") }) },
        })).ExpectAsync(HttpStatusCode.Created)).Id();
        await using (var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
            await db.ExecuteAsync("UPDATE referral_steps SET status = 'expired' WHERE referral_id = @id;", new { id = referral.ToString() });
        await (await App.Admin.PostAsync("/v1/admin/consistency/run", null)).ExpectAsync(HttpStatusCode.OK);
    }

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task AnAdminFollowsTheHubsLineToWhatTheCheckFoundAndRunsItAgain(int width, int height)
    {
        await PhantomReleasedByACheckAsync($"PCAT-{width}");
        var context = await NewContextAsync(new ViewportSize { Width = width, Height = height });
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(BrowserApp.AdminKey, page);
            await page.GotoAsync("/admin");
            await Expect(page.Locator("p.problem")).ToContainTextAsync("The last consistency check found 1 problem it could not repair.");
            await ShotAsync(page, $"consistency-hub-{width}");
            await page.GetByRole(AriaRole.Link, new() { Name = "See what it found" }).ClickAsync();

            var open = page.GetByRole(AriaRole.Table, new() { Name = "What the check found and could not repair" });
            await Expect(open).ToContainTextAsync("The latest count gives 5 open beds for adults without children, more than the 3 in today's inventory.");
            var repaired = page.GetByRole(AriaRole.Table, new() { Name = "What the check repaired" });
            await Expect(repaired).ToContainTextAsync("Phantom hold");
            await Expect(repaired).ToContainTextAsync("Released: the beds are offered again.");
            await NoSidewaysScrollingAsync(page, width);
            await ShotAsync(page, $"consistency-findings-{width}");

            await page.GetByRole(AriaRole.Button, new() { Name = "Run the check now" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The check has run.");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Repaired (0)" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Found, not repaired (1)" })).ToBeVisibleAsync();
            await Axe.AssertAccessibleAsync(page, $"consistency check after a run at {width}");
            await NoSidewaysScrollingAsync(page, width);
            await ShotAsync(page, $"consistency-ran-{width}");
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>
/// A shelter typing a count on its page, as a browser without JavaScript posts it: any number
/// the inventory allows in one step, anything else refused beside the field with nothing
/// posted, and what happened said on the program's own card.
/// </summary>
public sealed class ConsoleCountTests(DatabaseEngine engine) : HousingTest(engine)
{
    private const string Families = "adults_with_children";

    [Test]
    public async Task ATypedCountIsPostedInOneStepAndSavedIsSaidOnTheProgramsCard()
    {
        var (shelter, program, browser) = await ShelterWithProgramAsync();
        var dashboard = await browser.GetPageAsync("/shelter");
        Assert.That(dashboard, Does.Contain($"action=\"/shelter?handler=Set#program-{program}\"").And.Contain("Beds free now"));

        var saved = await browser.PostFormAsync("/shelter?handler=Set", dashboard, Typed(program, "0"));
        Assert.That(saved.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo($"/shelter?done=saved&program={program}"));
        var page = await saved.Content.ReadAsStringAsync();
        var card = page[page.IndexOf($"id=\"program-{program}\"", StringComparison.Ordinal)..];
        Assert.That(card, Does.StartWith($"id=\"program-{program}\">").And.Contain("role=\"status\">Saved: the new count is posted"));
        Assert.That(await FamilyBedsAsync(shelter, program), Is.EqualTo(0));

        var again = await browser.PostFormAsync("/shelter?handler=Set", page, Typed(program, " 8 ", basedOn: "2"));
        Assert.That(again.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo($"/shelter?done=saved&program={program}"));
        Assert.That(await FamilyBedsAsync(shelter, program), Is.EqualTo(8), "0 to 8 in one step");

        // The program's own page types counts too, and says Saved on its card.
        var own = await browser.GetPageAsync($"/shelter/programs/{program}");
        Assert.That(own, Does.Contain($"action=\"/shelter/programs/{program}?handler=Set#program-{program}\""));
        var onOwn = await browser.PostFormAsync($"/shelter/programs/{program}?handler=Set", own, Typed(program, "3", basedOn: "3"));
        Assert.That(onOwn.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo($"/shelter/programs/{program}?done=saved&program={program}"));
        Assert.That(await onOwn.Content.ReadAsStringAsync(), Does.Contain("role=\"status\">Saved: the new count is posted"));
        Assert.That(await FamilyBedsAsync(shelter, program), Is.EqualTo(3));
        var audit = (await Admin.GetJsonAsync($"/v1/audit?action=availability.posted&entityId={program}")).Items();
        Assert.That(audit, Has.Count.EqualTo(4), "each typed count is an audited snapshot");
    }

    [TestCase("13", "At most 12: the inventory has 12 beds for families with children today.")]
    [TestCase("-1", "Cannot be fewer than 0.")]
    [TestCase("seven", "Enter a whole number from 0 to 12.")]
    [TestCase("", "Enter a whole number from 0 to 12.")]
    public async Task ACountTheInventoryDoesNotAllowIsRefusedBesideTheFieldAndNothingIsPosted(string typed, string error)
    {
        var (shelter, program, browser) = await ShelterWithProgramAsync();
        var dashboard = await browser.GetPageAsync("/shelter");

        var response = await browser.PostFormAsync("/shelter?handler=Set", dashboard, Typed(program, typed));
        var page = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var field = $"{program:N}-{Families}-beds";
        Assert.That(page, Does.Contain($"<p class=\"error\" id=\"error-{field}\">{System.Net.WebUtility.HtmlEncode(error)}</p>"));
        Assert.That(page, Does.Contain($"aria-describedby=\"of-{field} error-{field}\""));
        Assert.That(page, Does.Contain($"value=\"{typed}\""), "what was typed stays in the field");
        Assert.That(await FamilyBedsAsync(shelter, program), Is.EqualTo(6));
        Assert.That((string?)(await shelter.Client.GetJsonAsync($"/v1/programs/{program}/availability"))["snapshotId"], Is.EqualTo("1"));
    }

    [Test]
    public async Task ATypedCountFromAStalePageOrForAnotherOrganisationsProgramChangesNothing()
    {
        var (shelter, program, browser) = await ShelterWithProgramAsync();
        var dashboard = await browser.GetPageAsync("/shelter");
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(5, 3))).ExpectAsync(HttpStatusCode.OK);

        var stale = await (await browser.PostFormAsync("/shelter?handler=Set", dashboard, Typed(program, "9"))).Content.ReadAsStringAsync();
        Assert.That(stale, Does.Contain("role=\"alert\">Not saved: a colleague posted newer counts"));
        Assert.That(await FamilyBedsAsync(shelter, program), Is.EqualTo(3));

        var theirs = await App.NewShelterAsync("Bridge Home Inc");
        var other = await theirs.Client.CreateProgramIdAsync(Bodies.Emergency(theirs.OrganizationId, "Bridge Home Shelter"));
        await (await theirs.Client.PostAvailabilityAsync(other, Bodies.OpenBeds(5, 6))).ExpectAsync(HttpStatusCode.OK);
        var refused = await browser.PostFormAsync("/shelter?handler=Set", dashboard, Typed(other, "1"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var onTheirPage = await browser.PostFormAsync($"/shelter/programs/{other}?handler=Set", dashboard, Typed(other, "1"));
        Assert.That(onTheirPage.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await FamilyBedsAsync(theirs, other), Is.EqualTo(6));
    }

    [Test]
    public async Task TheCardSaysInWordsWhatEachHeldBedWaitsFor()
    {
        var (shelter, program, browser) = await ShelterWithProgramAsync();
        var caseManager = await App.ClientForRoleAsync("case_manager", await Admin.CreateOrganizationAsync("Pacific Coalition", "agency"));
        var referral = new JsonObject
        {
            ["programIds"] = new JsonArray(program.ToString()),
            ["clientReference"] = "PCAT-5001",
            ["household"] = new JsonObject { ["members"] = new JsonArray(new JsonObject { ["role"] = "adult", ["age"] = 31, ["genders"] = new JsonArray("woman") }) },
        };
        var id = (await (await caseManager.PostJsonAsync("/v1/referrals", referral)).ExpectAsync(HttpStatusCode.Created)).Id();
        Assert.That(await browser.GetPageAsync("/shelter"), Does.Contain("Offered to case managers now: 4 beds.").And.Contain("Held, waiting for your answer: 1 bed."));

        await (await shelter.Client.PostAsync($"/v1/referrals/{id}/accept", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await browser.GetPageAsync("/shelter"), Does.Contain("Held for households you accepted, until they arrive: 1 bed.")
            .And.Not.Contain("Held, waiting for your answer"));

        App.Clock.Advance(TimeSpan.FromMinutes(20));
        await (await shelter.Client.PostAsync($"/v1/referrals/{id}/placed", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await browser.GetPageAsync($"/shelter/programs/{program}"),
            Does.Contain("Taken by households that arrived since your last count: 1 bed. Lower the count when you next post."));

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(4, 6))).ExpectAsync(HttpStatusCode.OK);
        var after = await browser.GetPageAsync("/shelter");
        Assert.That(after, Does.Contain("Offered to case managers now: 4 beds.").And.Not.Contain("Taken by").And.Not.Contain("Held"));
        var text = System.Text.RegularExpressions.Regex.Replace(after, "<[^>]*>", " ");
        Assert.That(text, Does.Not.Contain("adults_").And.Contain("families with children"), "no raw codes on screen");
    }

    private async Task<(Shelter Shelter, Guid Program, ConsoleBrowser Browser)> ShelterWithProgramAsync()
    {
        var shelter = await App.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(5, 6))).ExpectAsync(HttpStatusCode.OK);
        return (shelter, program, await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", shelter.OrganizationId)));
    }

    private static Dictionary<string, string> Typed(Guid program, string value, string basedOn = "1") => new()
    {
        ["programId"] = program.ToString(),
        ["householdType"] = Families,
        ["field"] = "beds",
        ["value"] = value,
        ["basedOn"] = basedOn,
    };

    private static async Task<int?> FamilyBedsAsync(Shelter shelter, Guid program)
    {
        var posted = await shelter.Client.GetJsonAsync($"/v1/programs/{program}/availability");
        return (int?)posted["counts"]!.AsArray().Single(c => (string?)c!["householdType"] == Families)!["beds"];
    }
}

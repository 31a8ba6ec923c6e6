using System.Net;
using System.Text.RegularExpressions;
using Housing.Api.Data;
using Housing.Api.Matching;
using Housing.Api.Tests.Asks;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Web;

/// <summary>
/// The no-match path through the console's forms, as a browser without JavaScript posts them:
/// the search offers to ask the full programs, the ask's page follows the answers, and each
/// shelter answers only its own programs' lines, seeing the household's needs and nothing else.
/// </summary>
public sealed partial class ConsoleAskTests(DatabaseEngine engine) : AskTest(engine)
{
    /// <summary>About 2 km north of the test shelters: a valid unsafe place that leaves them in.</summary>
    private const string UnsafeLatitude = "34.0792";

    [Test]
    public async Task TheSearchOffersToAskTheFullProgramsAndTheFirstYesPlacesTheHousehold()
    {
        var first = await FullProgramAsync("Full House");
        var second = await FullProgramAsync("Second Full House");
        var agency = await NewAgencyAsync();
        var caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency.Id));

        var results = await (await caseManager.PostFormAsync("/search", await caseManager.GetPageAsync("/search"), SearchFields())).Content.ReadAsStringAsync();
        Assert.That(results, Does.Contain("0 programs can take the whole household now")
            .And.Contain("Ask these 2 programs now").And.Contain("Watch for a bed").And.Contain("Client reference"));

        var asked = await caseManager.PostFormAsync("/search?handler=Ask", results, SearchFields("PCAT-7001"));
        var askPage = await asked.Content.ReadAsStringAsync();
        var askId = AskPath().Match(asked.RequestMessage!.RequestUri!.AbsolutePath).Groups[1].Value;
        Assert.That(askId, Is.Not.Empty, askPage);
        Assert.That(askPage, Does.Contain("Asked: every program listed below").And.Contain("Full House").And.Contain("Second Full House")
            .And.Contain("waiting for an answer").And.Contain("open: waiting for answers"));

        // Each shelter sees the household's needs, never the client reference or the safety input.
        var shelter = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", first.Shelter.OrganizationId));
        var dashboard = await shelter.GetPageAsync("/shelter");
        Assert.That(dashboard, Does.Contain("Asked: can you take this household? (1)").And.Contain("For Full House")
            .And.Contain("1 person, adults without children: adult 31 (woman); no ID"));
        Assert.That(dashboard, Does.Not.Contain("PCAT-7001").And.Not.Contain(UnsafeLatitude).And.Not.Contain("Second Full House"));

        var yes = await shelter.PostFormAsync("/shelter?handler=Answer", dashboard,
            new() { ["askId"] = askId, ["programId"] = first.Id.ToString(), ["answer"] = "yes", ["arriveBy"] = "2026-03-02T17:00" });
        var afterYes = await yes.Content.ReadAsStringAsync();
        Assert.That(yes.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo("/shelter?done=ask_yes"));
        Assert.That(afterYes, Does.Contain("Yes sent").And.Contain("Asked: can you take this household? (0)").And.Contain("Accepted, waiting for arrival (1)"));

        // The other shelter's page still had the ask: its yes comes second and is told so.
        var other = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", second.Shelter.OrganizationId));
        var late = await (await other.PostFormAsync("/shelter?handler=Answer", await other.GetPageAsync("/shelter"),
            new() { ["askId"] = askId, ["programId"] = second.Id.ToString(), ["answer"] = "yes" })).Content.ReadAsStringAsync();
        Assert.That(late, Does.Contain("Placed elsewhere: Thank you: another program said yes first"));

        var placed = await caseManager.GetPageAsync($"/asks/{askId}");
        var referralId = (string)(await GetAskAsync(agency.CaseManager, Guid.Parse(askId)))["referralId"]!;
        Assert.That(placed, Does.Contain("placed: a program said yes").And.Contain($"href=\"/referrals/{referralId}\"")
            .And.Contain("can arrive by 2026-03-02 17:00 (Los Angeles)").And.Contain("withdrawn"));
        Assert.That(await caseManager.GetPageAsync($"/asks/{askId}?handler=Status"), Does.Contain("placed: a program said yes").And.Not.Contain("<html"));
        Assert.That(await caseManager.GetPageAsync("/asks"), Does.Contain("PCAT-7001").And.Contain("1 of 2 answered"));
    }

    [Test]
    public async Task AShelterSeesAndAnswersOnlyItsOwnProgramsLines()
    {
        var ours = await FullProgramAsync("Full House");
        var theirs = await FullProgramAsync("Bridge Full House");
        var agency = await NewAgencyAsync();
        var ask = await AskAsync(agency.CaseManager);
        var shelter = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", ours.Shelter.OrganizationId));
        var dashboard = await shelter.GetPageAsync("/shelter");
        Assert.That(dashboard, Does.Contain("For Full House").And.Not.Contain("Bridge Full House"));

        var theirLine = await shelter.PostFormAsync("/shelter?handler=Answer", dashboard,
            new() { ["askId"] = ask.Id().ToString(), ["programId"] = theirs.Id.ToString(), ["answer"] = "yes" });
        Assert.That(theirLine.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await theirLine.Content.ReadAsStringAsync(), Does.Not.Contain("Bridge Full House"));

        var notAsked = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", (await App.NewShelterAsync("Quiet House")).OrganizationId));
        Assert.That(await notAsked.GetPageAsync("/shelter"), Does.Contain("Asked: can you take this household? (0)"));

        // A no needs its coded reason, explained in the page; then it is sent.
        var noReason = await (await shelter.PostFormAsync("/shelter?handler=Answer", dashboard,
            new() { ["askId"] = ask.Id().ToString(), ["programId"] = ours.Id.ToString(), ["answer"] = "no" })).Content.ReadAsStringAsync();
        Assert.That(noReason, Does.Contain("Please check the fields marked below.").And.Contain("Reason: Required."));
        var no = await (await shelter.PostFormAsync("/shelter?handler=Answer", noReason,
            new() { ["askId"] = ask.Id().ToString(), ["programId"] = ours.Id.ToString(), ["answer"] = "no", ["reason"] = "no_capacity", ["text"] = "Full until Friday" }))
            .Content.ReadAsStringAsync();
        Assert.That(no, Does.Contain("No sent"));
        Assert.That(Lines(await GetAskAsync(agency.CaseManager, ask.Id())).Single(l => l.ProgramId == ours.Id).Status, Is.EqualTo("no"));
        var caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency.Id));
        Assert.That(await caseManager.GetPageAsync($"/asks/{ask.Id()}"), Does.Contain("no room (Full until Friday)"));
    }

    [Test]
    public async Task AnAskWithoutAClientReferenceIsExplainedBesideTheFieldAndSendsNothing()
    {
        await FullProgramAsync("Full House");
        var agency = await NewAgencyAsync();
        var caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency.Id));
        var form = await caseManager.GetPageAsync("/search");

        var response = await caseManager.PostFormAsync("/search?handler=Ask", form, SearchFields(""));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("Client reference: Required.").And.Contain("id=\"error-clientReference\"").And.Contain("Ask this program now"));
        Assert.That(HouseholdNeeds.All.Where(n => !html.Contains($"name=\"Form.Needs\" value=\"{n.Name}\"") || !html.Contains($">{n.Label}</label>")),
            Is.Empty, "a checkbox and its label for every need");
        Assert.That(html, Does.Contain("value=\"no_id\" checked=\"checked\"").And.Not.Contain("value=\"pets\" checked"), "the needs ticked, and only those, still ticked");
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM asks;"), Is.Zero);
    }

    [Test]
    public async Task AskAndAnswerFormsNeedTheirAntiforgeryToken()
    {
        var program = await FullProgramAsync("Full House");
        var agency = await NewAgencyAsync();
        var caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency.Id));
        var refused = await caseManager.PostFormAsync("/search?handler=Ask", page: null, SearchFields("PCAT-7001"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM asks;"), Is.Zero);

        var ask = await AskAsync(agency.CaseManager);
        var shelter = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", program.Shelter.OrganizationId));
        var answer = await shelter.PostFormAsync("/shelter?handler=Answer", page: null,
            new() { ["askId"] = ask.Id().ToString(), ["programId"] = program.Id.ToString(), ["answer"] = "yes" });
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var cancel = await caseManager.PostFormAsync($"/asks/{ask.Id()}?handler=Cancel", page: null, []);
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)(await GetAskAsync(agency.CaseManager, ask.Id()))["status"], Is.EqualTo("open"));
    }

    [Test]
    public async Task ACaseManagerCancelsTheirAgencysAskAndAnotherAgencyCannotOpenIt()
    {
        await FullProgramAsync("Full House");
        var agency = await NewAgencyAsync();
        var ask = await AskAsync(agency.CaseManager);
        var stranger = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", (await NewAgencyAsync()).Id));
        Assert.That((await stranger.Client.GetAsync($"/asks/{ask.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await stranger.Client.GetAsync($"/asks/{ask.Id()}?handler=Status")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await stranger.PostFormAsync($"/asks/{ask.Id()}?handler=Cancel", await stranger.GetPageAsync("/asks"), [])).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await stranger.GetPageAsync("/asks"), Does.Not.Contain("CM-2026-0042"));

        var caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency.Id));
        var page = await caseManager.GetPageAsync($"/asks/{ask.Id()}");
        Assert.That(page, Does.Contain("Cancel this ask…"));
        var cancelled = await (await caseManager.PostFormAsync($"/asks/{ask.Id()}?handler=Cancel", page, [])).Content.ReadAsStringAsync();
        Assert.That(cancelled, Does.Contain("Cancelled: every program still to answer").And.Not.Contain("Cancel this ask…"));
        Assert.That((string?)(await GetAskAsync(agency.CaseManager, ask.Id()))["status"], Is.EqualTo("cancelled"));
    }

    /// <summary>A woman of 31 with no ID, and an unsafe place that leaves the test shelters in.</summary>
    private static Dictionary<string, string> SearchFields(string? clientReference = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Members[0].Role"] = "adult",
            ["Form.Members[0].Age"] = "31",
            ["Form.Members[0].Genders"] = "woman",
            ["Form.Needs"] = "no_id",
            ["Form.Places[0].Latitude"] = UnsafeLatitude,
            ["Form.Places[0].Longitude"] = "-118.2801",
            ["Form.Places[0].RadiusKm"] = "0.5",
            ["Form.IdempotencyKey"] = "page-1",
        };
        if (clientReference is not null) fields["Form.ClientReference"] = clientReference;
        return fields;
    }

    [GeneratedRegex("^/asks/([0-9a-f-]{36})$")]
    private static partial Regex AskPath();
}

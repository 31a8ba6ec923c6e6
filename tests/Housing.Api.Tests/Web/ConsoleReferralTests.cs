using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;

namespace Housing.Api.Tests.Web;

/// <summary>
/// A referral's page as a browser without JavaScript uses it: moves that cannot be undone act
/// only when confirmed, the status fragment the page polls brings the placement button but never
/// the address, and a refused referral at the hold limit names the referrals holding the beds.
/// </summary>
public sealed class ConsoleReferralTests(DatabaseEngine engine) : ReferralTest(engine)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Referrals:MaxHeldPerCaseManager"] = "3" };

    [Test]
    public async Task CancelActsOnlyWhenConfirmedAndAPostWithoutTheConfirmationSaysWhy()
    {
        var program = await NewProgramAsync();
        var agency = await NewAgencyAsync();
        var key = await Admin.IssueKeyAsync("case_manager", agency.Id);
        var id = (await ReferAsync(App.Client(key), Referral(SingleWoman(), "PCAT-4001", program.Id))).Id();
        var browser = await ConsoleBrowser.SignInAsync(App, key);
        var page = await browser.GetPageAsync($"/referrals/{id}");
        Assert.That(page, Does.Contain("data-confirm=\"Cancel the referral PCAT-4001? Its beds are released at once"));

        var unconfirmed = await browser.PostFormAsync($"/referrals/{id}?handler=Cancel", page, []);
        var asked = await unconfirmed.Content.ReadAsStringAsync();
        Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(asked, Does.Contain("Nothing has changed yet: this cannot be undone, so it is done only once you confirm.")
            .And.Contain("<h2 id=\"confirm-heading\">Please confirm</h2>").And.Contain("Yes, cancel it").And.Contain("No, keep it"));
        Assert.That(Status(await GetReferralAsync(agency.CaseManager, id)), Is.EqualTo("pending"), "nothing happened");
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((4, 1)), "the bed is still held");

        var confirmed = await browser.PostFormAsync($"/referrals/{id}?handler=Cancel", asked, new() { ["confirm"] = "yes" });
        Assert.That(confirmed.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo($"/referrals/{id}?done=cancelled"));
        Assert.That(await confirmed.Content.ReadAsStringAsync(), Does.Contain("Cancelled: the beds are released."));
        Assert.That(Status(await GetReferralAsync(agency.CaseManager, id)), Is.EqualTo("cancelled"));

        // The same post from the stale page: nothing to confirm any more, and it says so.
        var late = await (await browser.PostFormAsync($"/referrals/{id}?handler=Cancel", page, [])).Content.ReadAsStringAsync();
        Assert.That(late, Does.Contain("Not done: the referral has moved on since your page was drawn.").And.Not.Contain("Please confirm"));
    }

    [TestCase("Placed", "has arrived at Harbor House Emergency Shelter?", "placed")]
    [TestCase("NoShow", "did not arrive at Harbor House Emergency Shelter?", "no_show")]
    public async Task AShelterRecordsAnArrivalOrANoShowOnlyWhenConfirmed(string handler, string question, string after)
    {
        var program = await NewProgramAsync();
        var agency = await NewAgencyAsync();
        var id = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "PCAT-4002", program.Id))).Id();
        await ActOkAsync(program.Client, id, "accept");
        var shelter = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", program.Shelter.OrganizationId));
        var dashboard = await shelter.GetPageAsync("/shelter");
        Assert.That(dashboard, Does.Contain($"data-confirm=\"Record that the household of PCAT-4002 {question}"));

        var unconfirmed = await shelter.PostFormAsync($"/referrals/{id}?handler={handler}", dashboard, new() { ["returnUrl"] = "/shelter" });
        var asked = await unconfirmed.Content.ReadAsStringAsync();
        Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(asked, Does.Contain("Please confirm").And.Contain($"Record that the household of PCAT-4002 {question}")
            .And.Contain("name=\"returnUrl\" value=\"/shelter\"").And.Contain("href=\"/shelter\">No, go back</a>"));
        Assert.That(Status(await GetReferralAsync(agency.CaseManager, id)), Is.EqualTo("accepted"), "nothing happened");

        var confirmed = await shelter.PostFormAsync($"/referrals/{id}?handler={handler}", asked, new() { ["returnUrl"] = "/shelter", ["confirm"] = "yes" });
        Assert.That(confirmed.RequestMessage!.RequestUri!.PathAndQuery, Is.EqualTo($"/shelter?done={after}"));
        Assert.That(Status(await GetReferralAsync(agency.CaseManager, id)), Is.EqualTo(after));
    }

    [Test]
    public async Task ThePolledStatusBringsThePlacementButtonAfterAcceptanceButNeverTheAddress()
    {
        var (shelter, safeHaven) = await App.NewConfidentialProgramAsync();
        await (await shelter.Client.PostAvailabilityAsync(safeHaven, Bodies.OpenBeds(2, 5))).ExpectAsync(HttpStatusCode.OK);
        var agency = await NewAgencyAsync();
        var key = await Admin.IssueKeyAsync("case_manager", agency.Id);
        var id = (await ReferAsync(App.Client(key), Referral(SingleWoman(), "PCAT-4003", safeHaven))).Id();
        var browser = await ConsoleBrowser.SignInAsync(App, key);

        var page = await browser.GetPageAsync($"/referrals/{id}?done=made");
        Assert.That(page, Does.Contain($"data-poll=\"/referrals/{id}?handler=Status&amp;done=made\""));
        var pending = await browser.GetPageAsync($"/referrals/{id}?handler=Status&done=made");
        Assert.That(pending, Does.Contain("Referral made: the beds are held while the shelter decides.").And.Contain("data-state=\"pending-")
            .And.Not.Contain("Show placement details").And.Not.Contain("<html"));

        await ActOkAsync(shelter.Client, id, "accept");
        var accepted = await browser.GetPageAsync($"/referrals/{id}?handler=Status&done=made");
        Assert.That(accepted, Does.Contain("data-state=\"accepted-").And.Contain("Show placement details").And.Contain("Cancel this referral")
            .And.Not.Contain("held while the shelter decides"), "the stale notice goes with the status it described");
        Assert.That(accepted, Does.Not.Contain(Bodies.ConfidentialAddress));
        Assert.That(await browser.GetPageAsync($"/referrals/{id}?done=made"), Does.Not.Contain("held while the shelter decides"));

        // A page that shows the details polls for a slot it keeps: the poll never reads them again.
        var shown = await browser.GetPageAsync($"/referrals/{id}?handler=Status&placement=shown");
        Assert.That(shown, Does.Contain("data-keep=\"placement\"").And.Not.Contain("Show placement details").And.Not.Contain(Bodies.ConfidentialAddress));
        Assert.That((await Admin.GetJsonAsync($"/v1/audit?action=placement.read&entityId={id}")).Items(), Is.Empty, "polling reads no placement");

        var placement = await (await browser.PostFormAsync($"/referrals/{id}?handler=Placement", page, [])).Content.ReadAsStringAsync();
        Assert.That(placement, Does.Contain(Bodies.ConfidentialAddress).And.Contain("href=\"tel:&#x2B;12135550100\"")
            .And.Contain($"data-poll=\"/referrals/{id}?handler=Status&amp;placement=shown\""));
        Assert.That((await Admin.GetJsonAsync($"/v1/audit?action=placement.read&entityId={id}")).Items(), Has.Count.EqualTo(1));

        // Another agency's case manager gets nothing, polled or not.
        var stranger = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", (await NewAgencyAsync()).Id));
        Assert.That((await stranger.Client.GetAsync($"/referrals/{id}?handler=Status&placement=shown")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task AReferralRefusedAtTheHoldLimitListsTheReferralsHoldingTheBedsAndHowToFreeThem()
    {
        var program = await NewProgramAsync(adultsOpen: 10, familiesOpen: 10);
        var agency = await NewAgencyAsync();
        var key = await Admin.IssueKeyAsync("case_manager", agency.Id);
        var first = (await ReferAsync(App.Client(key), Referral(SingleWoman(), "PCAT-4101", program.Id))).Id();
        var second = (await ReferAsync(App.Client(key), Referral(SingleWoman(), "PCAT-4102", program.Id))).Id();
        await ActOkAsync(program.Client, second, "accept");
        // A colleague's referral holds beds too, but not against this key's limit: it is not listed.
        var colleagues = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "PCAT-4103", program.Id))).Id();
        var browser = await ConsoleBrowser.SignInAsync(App, key);

        var family = new Dictionary<string, string>
        {
            ["Form.Members[0].Role"] = "adult",
            ["Form.Members[0].Age"] = "29",
            ["Form.Members[0].Genders"] = "woman",
            ["Form.Members[1].Role"] = "child",
            ["Form.Members[1].Age"] = "6",
            ["Form.Members[2].Role"] = "child",
            ["Form.Members[2].Age"] = "1",
            ["Form.ClientReference"] = "PCAT-4104",
            ["only"] = program.Id.ToString(),
        };
        var refused = await (await browser.PostFormAsync("/search?handler=Refer", await browser.GetPageAsync("/search"), family)).Content.ReadAsStringAsync();

        Assert.That(refused, Does.Contain("This key already holds 2 of its 3 beds, in 2 referrals waiting for a shelter&#x27;s answer or for the household to arrive, and this household needs 3."));
        Assert.That(refused, Does.Contain("The referrals holding your beds"));
        Assert.That(refused, Does.Contain($"<a href=\"/referrals/{first}\">PCAT-4101</a>: 1 bed at Harbor House Emergency Shelter, waiting for the shelter&#x27;s answer until"));
        Assert.That(refused, Does.Contain($"<a href=\"/referrals/{second}\">PCAT-4102</a>: 1 bed at Harbor House Emergency Shelter, accepted: waiting for the household to arrive."));
        Assert.That(refused, Does.Not.Contain(colleagues.ToString()));
        Assert.That((await agency.CaseManager.GetJsonAsync("/v1/referrals")).Items(), Has.Count.EqualTo(3), "nothing more was made");
    }
}

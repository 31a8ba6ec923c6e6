using System.Net;
using System.Text.RegularExpressions;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Watches;
using Housing.Api.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Web;

/// <summary>
/// A watch made from the search page, followed on its own page (status, end, mode, trail in
/// words, the referral it made), shown only to its agency and cancelled only after asking.
/// </summary>
public sealed partial class ConsoleWatchTests(DatabaseEngine engine) : WatchTest(engine)
{
    private const string UnsafeLatitude = "34.0792";

    [Test]
    public async Task AWatchFromTheSearchHoldsTheFirstBedThatOpensAndItsPageLinksTheReferral()
    {
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0, name: "Full House");
        var agency = await NewAgencyAsync();
        var caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency.Id));
        var results = await (await caseManager.PostFormAsync("/search", await caseManager.GetPageAsync("/search"), SearchFields())).Content.ReadAsStringAsync();
        Assert.That(results, Does.Contain("Watch for a bed").And.Contain("<option value=\"7\" selected=\"selected\">7 days</option>"));

        var made = await caseManager.PostFormAsync("/search?handler=Watch", results,
            new(SearchFields()) { ["Form.ClientReference"] = "PCAT-8001", ["Form.WatchMode"] = "hold", ["Form.WatchDays"] = "7" });
        var page = await made.Content.ReadAsStringAsync();
        var watchId = WatchPath().Match(made.RequestMessage!.RequestUri!.AbsolutePath).Groups[1].Value;
        Assert.That(watchId, Is.Not.Empty, page);
        var local = App.Services.GetRequiredService<LocalTime>();
        Assert.That(page, Does.Contain("Watching:").And.Contain("active: watching for a bed").And.Contain("hold the first fitting bed that opens")
            .And.Contain(local.Time(HousingApp.Start.AddDays(7))).And.Contain("Started watching.").And.Contain("1 unsafe place: sealed")
            .And.Contain("Cancel this watch…"));
        Assert.That(page, Does.Not.Contain(UnsafeLatitude), "the agency is told it has safety constraints, not shown them again");

        await PostOpenAsync(program, adultsOpen: 1);
        await PassAsync();

        var holding = await caseManager.GetPageAsync($"/watches/{watchId}?handler=Status");
        var referralId = (await GetWatchAsync(agency.CaseManager, Guid.Parse(watchId))).Id("referralId");
        Assert.That(holding, Does.Contain("holding: a bed is held while the shelter decides").And.Contain($"href=\"/referrals/{referralId}\"")
            .And.Contain("A bed opened at Full House: a referral holds it while the shelter decides."));
        Assert.That(await caseManager.GetPageAsync("/watches"), Does.Contain("PCAT-8001").And.Contain("holding"));

        // The shelter sees the referral the watch made, never the watch's safety constraints.
        var shelter = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", program.Shelter.OrganizationId));
        Assert.That(await shelter.GetPageAsync("/shelter"), Does.Contain("PCAT-8001").And.Not.Contain(UnsafeLatitude).And.Not.Contain("unsafe"));
        Assert.That(await shelter.GetPageAsync($"/referrals/{referralId}"), Does.Not.Contain(UnsafeLatitude).And.Not.Contain("unsafe"));
        Assert.That((await shelter.Client.GetAsync($"/watches/{watchId}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task ANotifyWatchThatKeepsLookingIsMadeAsChosen()
    {
        await NewProgramAsync(adultsOpen: 0, familiesOpen: 0, name: "Full House");
        var agency = await NewAgencyAsync();
        var caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency.Id));
        var form = await caseManager.GetPageAsync("/search");

        var page = await (await caseManager.PostFormAsync("/search?handler=Watch", form,
            new(SearchFields()) { ["Form.ClientReference"] = "PCAT-8002", ["Form.WatchMode"] = "notify", ["Form.ResumeOnDecline"] = "true", ["Form.WatchDays"] = "3" }))
            .Content.ReadAsStringAsync();

        Assert.That(page, Does.Contain("tell me when a fitting bed opens (hold nothing)"));
        var watch = (await agency.CaseManager.GetJsonAsync("/v1/watches")).Items().Single();
        Assert.That((string?)watch["mode"], Is.EqualTo("notify"));
        Assert.That((bool?)watch["resumeOnDecline"], Is.True);
        Assert.That(DateTimeOffset.Parse((string)watch["endsAt"]!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(HousingApp.Start.AddDays(3)));

        var refused = await (await caseManager.PostFormAsync("/search?handler=Watch", form,
            new(SearchFields()) { ["Form.ClientReference"] = "PCAT-8004", ["Form.WatchMode"] = "hold", ["Form.WatchDays"] = "90" })).Content.ReadAsStringAsync();
        Assert.That(refused, Does.Contain("Watch for: Choose how long to watch.").And.Contain("id=\"error-endsAt\""));
        var unnamed = await (await caseManager.PostFormAsync("/search?handler=Watch", form,
            new(SearchFields()) { ["Form.WatchMode"] = "hold", ["Form.WatchDays"] = "7" })).Content.ReadAsStringAsync();
        Assert.That(unnamed, Does.Contain("Client reference: Required."));
        Assert.That((await agency.CaseManager.GetJsonAsync("/v1/watches")).Items(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnotherAgencysCaseManagerCannotSeeOrCancelAWatch()
    {
        await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var agency = await NewAgencyAsync();
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), clientReference: "PCAT-8003"));
        var stranger = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", (await NewAgencyAsync()).Id));

        Assert.That((await stranger.Client.GetAsync($"/watches/{watch.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await stranger.Client.GetAsync($"/watches/{watch.Id()}?handler=Status")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var list = await stranger.GetPageAsync("/watches");
        Assert.That(list, Does.Not.Contain("PCAT-8003"));
        Assert.That((await stranger.PostFormAsync($"/watches/{watch.Id()}?handler=Cancel", list, [])).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)(await GetWatchAsync(agency.CaseManager, watch.Id()))["status"], Is.EqualTo("active"));
    }

    [Test]
    public async Task CancellingAWatchNeedsItsTokenAndDestroysItsSafetyConstraints()
    {
        await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var agency = await NewAgencyAsync();
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), safety: UnsafePlace(NearLatitude, NearLongitude, 0.5)));
        var caseManager = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("case_manager", agency.Id));

        var noToken = await caseManager.PostFormAsync($"/watches/{watch.Id()}?handler=Cancel", page: null, []);
        Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await StoredSafetyAsync(watch.Id()), Is.Not.Null);

        var page = await caseManager.GetPageAsync($"/watches/{watch.Id()}");
        Assert.That(page, Does.Contain("Yes, stop watching and destroy its safety constraints"));
        var cancelled = await (await caseManager.PostFormAsync($"/watches/{watch.Id()}?handler=Cancel", page, [])).Content.ReadAsStringAsync();
        Assert.That(cancelled, Does.Contain("Cancelled: the watch has stopped").And.Contain("Cancelled: its safety constraints were destroyed.")
            .And.Contain("None kept").And.Not.Contain("Cancel this watch…"));
        Assert.That(await StoredSafetyAsync(watch.Id()), Is.Null);

        var again = await (await caseManager.PostFormAsync($"/watches/{watch.Id()}?handler=Cancel", page, [])).Content.ReadAsStringAsync();
        Assert.That(again, Does.Contain("This watch already ended; nothing changed."));
    }

    private static Dictionary<string, string> SearchFields() => new()
    {
        ["Form.Members[0].Role"] = "adult",
        ["Form.Members[0].Age"] = "31",
        ["Form.Members[0].Genders"] = "woman",
        ["Form.Places[0].Latitude"] = UnsafeLatitude,
        ["Form.Places[0].Longitude"] = "-118.2801",
        ["Form.Places[0].RadiusKm"] = "0.5",
        ["Form.IdempotencyKey"] = "page-1",
    };

    [GeneratedRegex("^/watches/([0-9a-f-]{36})$")]
    private static partial Regex WatchPath();
}

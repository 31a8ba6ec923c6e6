using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;

namespace Housing.Api.Tests.Consistency;

/// <summary>
/// A count that flips every few minutes is more likely a feed gone wrong than beds filling and
/// emptying: past Availability:MaxChangesPerHour changes in an hour a post is still saved (the
/// shelter may be right), but its answer carries the <c>flapping</c> warning and the consistency
/// check lists the program. Posting the same counts again (confirming them) is no change.
/// </summary>
public sealed class FlappingTests(DatabaseEngine engine) : ConsistencyTest(engine)
{
    private const int Most = 4;

    protected override IReadOnlyDictionary<string, string?>? Settings =>
        new Dictionary<string, string?>(base.Settings!) { ["Availability:MaxChangesPerHour"] = Most.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Test]
    public async Task ACountChangingMoreThanTheLimitInAnHourIsSavedButFlaggedAndTheCheckListsTheProgram()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6); // the first change
        var other = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6, name: "Quiet House");
        for (var change = 2; change <= Most; change++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(5));
            var calm = await PostAsync(program, change % 2 == 0 ? 4 : 5);
            Assert.That(calm["warnings"], Is.Null, $"change {change} of {Most} allowed");
            Assert.That((await PostAsync(program, change % 2 == 0 ? 4 : 5))["warnings"], Is.Null, "the same counts again are no change");
        }
        Assert.That(Open(await CheckAsync()), Is.Empty);

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var flapping = await PostAsync(program, 3);

        Assert.That((int?)flapping["counts"]![0]!["beds"], Is.EqualTo(3), "saved");
        var warning = flapping["warnings"]!.AsArray().Single()!;
        Assert.That((string?)warning["code"], Is.EqualTo("flapping"));
        Assert.That((string?)warning["message"], Does.StartWith($"Saved, but these counts have changed {Most + 1} times in the last hour, more than the {Most} expected"));
        var report = await CheckAsync();
        Assert.That(Kinds(Open(report)), Is.EqualTo(new[] { "flapping:reported" }));
        var finding = Open(report)[0];
        Assert.That(finding.Id("programId"), Is.EqualTo(program.Id));
        Assert.That(((int?)finding["found"], (int?)finding["expected"], (string?)finding["measure"]), Is.EqualTo((Most + 1, Most, "changes")));
        Assert.That((string?)finding["description"], Is.EqualTo($"The counts changed {Most + 1} times within an hour; at most {Most} are expected."));
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(Open(await CheckAsync()), Is.Empty, "each run lists the flapping since the run before it");

        App.Clock.Advance(TimeSpan.FromMinutes(44));
        Assert.That((await PostAsync(program, 2))["warnings"], Is.Null, "an hour on, the early changes no longer count");
        Assert.That((await PostAsync(other, 4))["warnings"], Is.Null, "another program's changes are its own");
    }

    [Test]
    public async Task TheShelterPageSaysSoWhenItsChangeFlagsTheCounts()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6);
        var browser = await ConsoleBrowser.SignInAsync(App, await Admin.IssueKeyAsync("shelter", program.Shelter.OrganizationId));
        string page = "";
        for (var change = 1; change <= Most; change++)
        {
            page = await browser.GetPageAsync($"/shelter/programs/{program.Id}");
            var basedOn = System.Text.RegularExpressions.Regex.Match(page, "name=\"basedOn\" value=\"([^\"]*)\"").Groups[1].Value;
            var response = await browser.PostFormAsync($"/shelter/programs/{program.Id}?handler=Adjust", page, new()
            {
                ["householdType"] = "adults_only",
                ["field"] = "beds",
                ["delta"] = change % 2 == 0 ? "1" : "-1",
                ["basedOn"] = basedOn,
            });
            page = await response.Content.ReadAsStringAsync();
        }

        Assert.That(page, Does.Contain("Saved. These counts have changed more often in the last hour than beds usually do"));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM availability_snapshots WHERE program_id = @id;", new { id = program.Id.ToString() }),
            Is.EqualTo(Most + 1), "every change was saved");
    }

    private static async Task<JsonNode> PostAsync(ShelterProgram program, int adultsOpen) =>
        await (await program.Client.PostAvailabilityAsync(program.Id, Bodies.OpenBeds(adultsOpen, 6))).ExpectAsync(HttpStatusCode.OK);
}

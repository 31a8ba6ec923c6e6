using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Consistency;

/// <summary>
/// Holds that outlive their referral: a step ended in the database without its hold released (a
/// bug, a crash between two writes, a hand-made fix) keeps beds nobody will use, as an open-source
/// bed finder once hid 24 beds until people complained. The check finds such a hold, releases it
/// as a decline would (audited, the catalog told, so searches offer the beds again), says so, and
/// finds nothing the next time.
/// </summary>
public sealed class PhantomHoldTests(DatabaseEngine engine) : ConsistencyTest(engine)
{
    [TestCase("declined")]
    [TestCase("expired")]
    [TestCase("cancelled")]
    public async Task AHoldWhoseReferralEndedBehindTheServicesBackIsReleasedAuditedAndItsBedsAreOfferedAgain(string ended)
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 2, familiesOpen: 0);
        var referral = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        Assert.That(await MatchedForTwoWomenAsync(agency.CaseManager), Is.Empty, "one of the two beds is held");

        await EndBehindTheBackAsync(referral, ended);
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((1, 1)), "the phantom still holds its bed");

        var report = await CheckAsync();

        Assert.That(Kinds(Repaired(report)), Is.EqualTo(new[] { "phantom_hold:released:adults_only" }));
        Assert.That(Open(report), Is.Empty);
        var finding = Repaired(report).Single();
        Assert.That(finding.Id("programId"), Is.EqualTo(program.Id));
        Assert.That((string?)finding["programName"], Is.EqualTo("Harbor House Emergency Shelter"));
        Assert.That((int?)finding["found"], Is.EqualTo(1));
        Assert.That((string?)finding["description"], Does.Contain("1 bed for adults without children").And.Contain("a referral that had ended"));
        Assert.That((string?)finding["actionDescription"], Does.StartWith("Released"));
        Assert.That((int?)report["programsChecked"], Is.EqualTo(1));

        Assert.That(await UnreleasedHoldRowsAsync(), Is.Zero);
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((2, 0)));
        Assert.That(await ListedOpenAndHeldAsync(program.Id), Is.EqualTo((2, 0)), "the catalog was told");
        Assert.That(await MatchedForTwoWomenAsync(agency.CaseManager), Is.EqualTo(new[] { program.Id }), "searches offer both beds again");
        var audit = (await Admin.GetJsonAsync($"/v1/audit?action=referral.hold_released&entityId={referral}")).Items();
        Assert.That(audit, Has.Count.EqualTo(1));
        Assert.That((string?)audit[0]["entityType"], Is.EqualTo("referral"));
        Assert.That((string?)audit[0]["role"], Is.EqualTo("service"));

        var again = await CheckAsync();
        Assert.That(Repaired(again), Is.Empty);
        Assert.That(Open(again), Is.Empty);
        Assert.That((long)again["runId"]!, Is.GreaterThan((long)report["runId"]!));
    }

    [Test]
    public async Task AHoldFlaggedAsPhantomIsNotReleasedOnceItsStepHoldsBedsAgain()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 2, familiesOpen: 0);
        var referral = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        await EndBehindTheBackAsync(referral, "declined");
        var facts = await ReadFactsAsync();
        await BehindTheServicesBackAsync("UPDATE referral_steps SET status = 'pending' WHERE referral_id = @id;", new { id = referral.ToString() });

        var released = await Store.ReleaseAsync(facts.Holds.Single(), HousingApp.Start, CancellationToken.None);

        Assert.That(released, Is.Null, "the release re-checks the step under the locks a decision takes");
        Assert.That(await UnreleasedHoldRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task APlacedReferralsHoldThatWasNotMarkedPlacedIsMarkedAndTheNextPostCountsTheHouseholdIn()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 2, familiesOpen: 0);
        var referral = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        await ActOkAsync(program.Client, referral, "accept");
        App.Clock.Advance(TimeSpan.FromMinutes(30));
        await ActOkAsync(program.Client, referral, "placed");
        await BehindTheServicesBackAsync("UPDATE holds SET placed_at = NULL WHERE referral_id = @id;", new { id = referral.ToString() });
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await (await program.Client.PostAvailabilityAsync(program.Id, Bodies.OpenBeds(1, 0))).ExpectAsync(HttpStatusCode.OK);
        var refused = await PostReferralAsync(agency.CaseManager, Referral(SingleWoman(), "CM-2026-0043", program.Id));
        Assert.That(await ProblemTypeAsync(refused, HttpStatusCode.Conflict), Is.EqualTo("/problems/no-capacity"),
            "unmarked, the hold still counts after the shelter counted her in: the one bed it posted cannot be held");

        var report = await CheckAsync();

        Assert.That(Kinds(Repaired(report)), Is.EqualTo(new[] { "unmarked_placement:marked_placed:adults_only" }));
        Assert.That(Open(report), Is.Empty, "with the hold marked, one held bed is not more than the one open");
        Assert.That(await QueryScalarAsync<string>("SELECT placed_at FROM holds WHERE referral_id = @id;", new { id = referral.ToString() }),
            Is.EqualTo("2026-03-02T22:00:00.0000000Z"), "marked when the step was placed");
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((1, 0)), "the post after the arrival counts her in");
        await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "CM-2026-0044", program.Id));
        Assert.That((await Admin.GetJsonAsync($"/v1/audit?action=referral.hold_placed&entityId={referral}")).Items(), Has.Count.EqualTo(1));
        Assert.That(Repaired(await CheckAsync()), Is.Empty);
    }

    [Test]
    public async Task AReferralWhoseHoldWasReleasedBehindTheServicesBackIsReportedAndTheInstancesHeldCountIsReloaded()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 2, familiesOpen: 0);
        var referral = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        await BehindTheServicesBackAsync("UPDATE holds SET released_at = '2026-03-02T21:31:00.0000000Z' WHERE referral_id = @id;",
            new { id = referral.ToString() });
        Assert.That(await ListedOpenAndHeldAsync(program.Id), Is.EqualTo((1, 1)), "this instance's catalog still counts the hold");

        var report = await CheckAsync();

        Assert.That(Kinds(Repaired(report)), Is.EqualTo(new[] { "cached_holds_differ:reloaded" }));
        Assert.That((int?)Repaired(report)[0]["found"], Is.EqualTo(1));
        Assert.That((int?)Repaired(report)[0]["expected"], Is.EqualTo(0));
        Assert.That(Kinds(Open(report)), Is.EqualTo(new[] { "missing_hold:reported:adults_only" }), "not re-held: the bed may be gone; the shelter decides");
        Assert.That((string?)Open(report)[0]["description"], Does.Contain("no hold"));
        Assert.That(await ListedOpenAndHeldAsync(program.Id), Is.EqualTo((2, 0)), "the catalog holds what the database holds");
        Assert.That(Kinds(Open(await CheckAsync())), Is.EqualTo(new[] { "missing_hold:reported:adults_only" }), "reported until someone acts");
        Assert.That(Repaired(await CheckAsync()), Is.Empty);
    }

    private Housing.Api.Consistency.ConsistencyStore Store =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Housing.Api.Consistency.ConsistencyStore>(App.Services);

    private Task<Housing.Api.Consistency.ConsistencyFacts> ReadFactsAsync() =>
        Store.ReadFactsAsync(App.Clock.GetUtcNow(), App.Clock.GetUtcNow().AddHours(-1), CancellationToken.None);
}

using System.Net;
using Housing.Api.Data;
using Housing.Api.Referrals;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Referrals;

/// <summary>
/// Closed referrals are kept for the retention period (90 days by default), then reduced to
/// anonymous counts: the referral, its client reference and its household are gone, and the
/// figures the reports need remain.
/// </summary>
public sealed class RetentionTests(DatabaseEngine engine) : ReferralTest(engine)
{
    /// <summary>
    /// The fake clock fires a periodic timer once per period it moves past: months of 15-second
    /// sweeps would be half a million wake-ups, so the sweeps here come hourly.
    /// </summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Referrals:SweepSeconds"] = "3600",
    };

    private Task<int> PurgeAsync() => App.Services.GetRequiredService<ReferralRetention>().PurgeAsync(CancellationToken.None);

    [Test]
    public async Task AClosedReferralPastTheRetentionPeriodLeavesOnlyCountsBehind()
    {
        var agency = await NewAgencyAsync();
        var first = await NewProgramAsync(name: "First Light");
        var second = await NewProgramAsync(name: "Second Chance");
        var id = (await ReferAsync(agency.CaseManager, Referral(SingleWoman(), "CM-RETAIN-1", first.Id, second.Id))).Id();
        App.Clock.Advance(TimeSpan.FromMinutes(30));
        await ActOkAsync(first.Client, id, "decline", Decline("provider", "no_capacity"));
        App.Clock.Advance(TimeSpan.FromMinutes(12));
        await ActOkAsync(second.Client, id, "accept");
        await ActOkAsync(second.Client, id, "placed");
        // The shelter's next count includes her: the hold no longer counts, so nothing keeps the referral.
        await (await second.Client.PostAvailabilityAsync(second.Id, Bodies.OpenBeds(4, 6))).ExpectAsync(HttpStatusCode.OK);

        App.Clock.Advance(TimeSpan.FromDays(89));
        await PurgeAsync();
        await (await agency.CaseManager.GetAsync($"/v1/referrals/{id}")).ExpectAsync(HttpStatusCode.OK);

        App.Clock.Advance(TimeSpan.FromDays(2));
        await PurgeAsync();

        await (await agency.CaseManager.GetAsync($"/v1/referrals/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referral_steps WHERE referral_id = @id;", new { id }), Is.Zero);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM holds WHERE referral_id = @id;", new { id }), Is.Zero);
        var steps = await QueryAsync<(string Program, string Status, long DeclinedBy, string Reason, long Minutes, long Count)>(
            "SELECT program_id, status, declined_by, reason_code, response_minutes, count FROM purged_step_counts ORDER BY status;");
        Assert.That(steps, Is.EqualTo(new[]
        {
            (first.Id.ToString(), "declined", 3L, "no_capacity", 30L, 1L),
            (second.Id.ToString(), "placed", 0L, "", 12L, 1L),
        }));
        var referrals = await QueryAsync<(string Agency, string Status, long Steps, long Count)>(
            "SELECT agency_id, status, steps, count FROM purged_referral_counts;");
        Assert.That(referrals, Is.EqualTo(new[] { (agency.Id.ToString(), "placed", 2L, 1L) }));
        var audit = await Admin.GetJsonAsync($"/v1/audit?entityType=referral&entityId={id}&action=referral.purged");
        Assert.That(audit.Items(), Has.Count.EqualTo(1));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM purged_step_counts WHERE reason_code LIKE '%CM-RETAIN%';"), Is.Zero);
    }

    [Test]
    public async Task APlacedReferralWhoseHoldStillCountsWaitsForTheSheltersNextPost()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 3);
        var id = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        await ActOkAsync(program.Client, id, "accept");
        App.Clock.Advance(TimeSpan.FromMinutes(40));
        await ActOkAsync(program.Client, id, "placed");

        App.Clock.Advance(TimeSpan.FromDays(91));
        await PurgeAsync();
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((2, 1)), "the bed she took still shows as held");
        await (await agency.CaseManager.GetAsync($"/v1/referrals/{id}")).ExpectAsync(HttpStatusCode.OK);

        await (await program.Client.PostAvailabilityAsync(program.Id, Bodies.OpenBeds(2, 6))).ExpectAsync(HttpStatusCode.OK);
        await PurgeAsync();

        await (await agency.CaseManager.GetAsync($"/v1/referrals/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((2, 0)));
    }

    [Test]
    public async Task OpenReferralsAndCountsFromEarlierPurgesAreKept()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 5);
        var cancelled = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        await ActOkAsync(agency.CaseManager, cancelled, "cancel");
        App.Clock.Advance(TimeSpan.FromDays(91));
        await PurgeAsync();
        // A second cancelled referral the same day in the same group adds to the same count.
        var later = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        var open = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();
        await ActOkAsync(program.Client, open, "accept");
        await ActOkAsync(agency.CaseManager, later, "cancel");

        App.Clock.Advance(TimeSpan.FromDays(91));
        await PurgeAsync();

        await (await agency.CaseManager.GetAsync($"/v1/referrals/{open}")).ExpectAsync(HttpStatusCode.OK);
        await (await agency.CaseManager.GetAsync($"/v1/referrals/{later}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await QueryScalarAsync<long>("SELECT SUM(count) FROM purged_referral_counts WHERE status = 'cancelled';"), Is.EqualTo(2));
    }
}

using System.Net;
using Housing.Api.Data;
using Housing.Api.Referrals;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Referrals;

/// <summary>Holds live in the database: a restarted service still counts them, and still expires them.</summary>
public sealed class ReferralDurabilityTests(DatabaseEngine engine) : ReferralTest(engine)
{
    [Test]
    public async Task APendingHoldStillCountsAfterARestart()
    {
        await using var database = await NewDatabaseAsync();
        var (programId, key, referralId) = await ReferBeforeRestartAsync(database, family: true);

        await using var after = new HousingApp(database);
        var caseManager = after.Client(key);

        var counts = (await after.Admin.GetJsonAsync($"/v1/programs/{programId}/availability"))["counts"]!.AsArray();
        Assert.That(counts.Select(c => ((string?)c!["householdType"], (int?)c["open"], (int?)c["held"])),
            Is.EqualTo(new[] { (AdultsOnly, (int?)1, (int?)1), (Families, (int?)3, (int?)3) }), "the catalog reloads the holds");
        var listed = (await after.Admin.GetJsonAsync("/v1/availability")).Items().Single()["counts"]!.AsArray();
        Assert.That(listed.Select(c => (int?)c!["held"]), Is.EqualTo(new int?[] { 1, 3 }));
        Assert.That(Status(await caseManager.GetJsonAsync($"/v1/referrals/{referralId}")), Is.EqualTo("pending"));

        await ReferAsync(caseManager, Referral(programId));
        await (await PostReferralAsync(caseManager, Referral(programId))).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task ARestartedServiceStillExpiresHoldsFromBefore()
    {
        await using var database = await NewDatabaseAsync();
        var (programId, key, referralId) = await ReferBeforeRestartAsync(database, family: false);

        await using var after = new HousingApp(database);
        after.Clock.Advance(TimeSpan.FromMinutes(91));
        await after.Services.GetRequiredService<ReferralSweeper>().SweepAsync(CancellationToken.None);

        Assert.That(Status(await after.Client(key).GetJsonAsync($"/v1/referrals/{referralId}")), Is.EqualTo("expired"));
        var counts = (await after.Admin.GetJsonAsync($"/v1/programs/{programId}/availability"))["counts"]![0]!;
        Assert.That(((int?)counts["open"], (int?)counts["held"]), Is.EqualTo(((int?)2, (int?)0)));
    }

    /// <summary>A shelter with 2 adult and 6 family beds open, a pending referral for one woman and, if asked, one for a family of three.</summary>
    private static async Task<(Guid Program, string Key, Guid Referral)> ReferBeforeRestartAsync(TestDatabase database, bool family)
    {
        await using var before = new HousingApp(database);
        var agency = await before.Admin.CreateOrganizationAsync("Freedom Network", "agency");
        var key = await before.Admin.IssueKeyAsync("case_manager", agency);
        var caseManager = before.Client(key);
        var shelter = await before.NewShelterAsync();
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.OpenBeds(2, 6))).ExpectAsync(HttpStatusCode.OK);
        var referral = (await ReferAsync(caseManager, Referral(program))).Id();
        if (family) await ReferAsync(caseManager, Referral(MotherAndTwoChildren(), "FAM-1", program));
        return (program, key, referral);
    }
}

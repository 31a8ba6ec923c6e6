using System.Net;
using Housing.Api.Data;
using Housing.Api.Referrals;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Housing.Api.Tests.Referrals;

/// <summary>
/// A hold past its time is gone even if the sweeper has not run yet: here the background
/// sweeper is left out, so the accept certainly reaches a step that is still pending in the
/// database but due, and must be refused as expired.
/// </summary>
public sealed class LateAcceptTests(DatabaseEngine engine) : ReferralTest(engine)
{
    protected override Action<IServiceCollection> Services => services =>
    {
        var sweeper = services.Single(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationFactory?.Method.ReturnType == typeof(ReferralSweeper));
        services.Remove(sweeper);
    };

    [Test]
    public async Task AnAcceptAfterTheHoldRanOutIsRefusedEvenBeforeTheSweeperRuns()
    {
        var agency = await NewAgencyAsync();
        var first = await NewProgramAsync(adultsOpen: 2, name: "First Light");
        var second = await NewProgramAsync(adultsOpen: 2, name: "Second Chance");
        var id = (await ReferAsync(agency.CaseManager, Referral(first.Id, second.Id))).Id();
        App.Clock.Advance(TimeSpan.FromMinutes(91));

        var late = await ActAsync(first.Client, id, "accept");

        var problem = await late.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/hold-expired"));
        var steps = (await GetReferralAsync(agency.CaseManager, id))["steps"]!.AsArray().Select(s => (string?)s!["status"]);
        Assert.That(steps, Is.EqualTo(new[] { "pending", "waiting" }), "nothing moved until a sweep");

        await SweepAsync();
        steps = (await GetReferralAsync(agency.CaseManager, id))["steps"]!.AsArray().Select(s => (string?)s!["status"]);
        Assert.That(steps, Is.EqualTo(new[] { "expired", "pending" }));
    }
}

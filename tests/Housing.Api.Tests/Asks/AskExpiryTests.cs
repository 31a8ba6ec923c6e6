using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Asks;

public sealed class AskExpiryTests(DatabaseEngine engine) : AskTest(engine)
{
    [Test]
    public async Task UnansweredLinesExpireAtTheirKindsTimeAndThenTheAskEnds()
    {
        var emergency = await FullProgramAsync("Full House");
        var shelter = await App.NewShelterAsync("Bridge");
        var transitional = await shelter.Client.CreateProgramIdAsync(Bodies.Transitional(shelter.OrganizationId));
        var agency = await NewAgencyAsync();
        var family = MotherAndTwoChildren();
        family["trafficking"] = "sex";
        var ask = await AskAsync(agency.CaseManager, AskBody(family));
        Assert.That(Lines(ask).Select(l => l.ProgramId), Is.EquivalentTo(new[] { emergency.Id, transitional }), "a program that never posted is asked too");

        // The app's own sweeper may run as the clock moves: each step sweeps, then reads what it left.
        App.Clock.Advance(TimeSpan.FromMinutes(119));
        await SweepAsksAsync();
        Assert.That(Lines(await GetAskAsync(agency.CaseManager, ask.Id())).Select(l => l.Status), Has.All.EqualTo("pending"));
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await SweepAsksAsync();
        var half = await GetAskAsync(agency.CaseManager, ask.Id());
        Assert.That(Lines(half).ToDictionary(l => l.ProgramId, l => l.Status),
            Is.EqualTo(new Dictionary<Guid, string> { [emergency.Id] = "expired", [transitional] = "pending" }));
        Assert.That((string?)half["status"], Is.EqualTo("open"));
        var late = await (await AnswerAsync(emergency.Client, ask.Id(), emergency.Id, Yes())).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)late["type"], Is.EqualTo("/problems/ask-closed"));

        App.Clock.Advance(TimeSpan.FromDays(3));
        await SweepAsksAsync();
        var ended = await GetAskAsync(agency.CaseManager, ask.Id());
        Assert.That((string?)ended["status"], Is.EqualTo("expired"));
        Assert.That(await SweepAsksAsync(), Is.Zero);
        Assert.That(await HoldRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task AYesPastItsTimeIsRefusedEvenBeforeTheSweeperRuns()
    {
        var program = await FullProgramAsync();
        var agency = await NewAgencyAsync();
        var ask = await AskAsync(agency.CaseManager);
        App.Clock.Advance(TimeSpan.FromMinutes(121));

        var late = await (await AnswerAsync(program.Client, ask.Id(), program.Id, Yes())).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)late["type"], Is.EqualTo("/problems/ask-closed"));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.Zero);
    }
}

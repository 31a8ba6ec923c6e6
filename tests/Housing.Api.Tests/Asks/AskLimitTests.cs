using System.Net;
using Housing.Api.Data;
using Housing.Api.Referrals;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ShelterProgram = Housing.Api.Tests.Referrals.ShelterProgram;

namespace Housing.Api.Tests.Asks;

/// <summary>Low limits, so one case manager's key reaches them: shelters are not flooded.</summary>
public sealed class AskLimitTests(DatabaseEngine engine) : AskTest(engine)
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Asks:MaxPrograms"] = "3",
        ["Asks:MaxOpenPerCaseManager"] = "2",
        ["Asks:MaxProgramsPerCaseManagerPerDay"] = "7",
    };

    [Test]
    public async Task AnAskReachesAtMostTheConfiguredNumberOfPrograms()
    {
        var programs = new List<ShelterProgram>();
        for (var i = 0; i < 5; i++) programs.Add(await FullProgramAsync($"Full House {i}"));
        var agency = await NewAgencyAsync();

        var ask = await AskAsync(agency.CaseManager);
        Assert.That(Lines(ask), Has.Count.EqualTo(3));
        Assert.That(ask["programs"]!.AsArray().Select(l => (int)l!["position"]!), Is.EqualTo(new[] { 0, 1, 2 }));
        await (await PostAskAsync(agency.CaseManager, AskBody(programIds: programs.Select(p => p.Id).ToArray())))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "programIds");
    }

    [Test]
    public async Task OneKeyMayHaveOnlySoManyAsksOpenAndAskOnlySoManyProgramsADay()
    {
        var programs = new List<ShelterProgram>();
        for (var i = 0; i < 3; i++) programs.Add(await FullProgramAsync($"Full House {i}"));
        var agency = await NewAgencyAsync();
        var first = await AskAsync(agency.CaseManager);
        await AskAsync(agency.CaseManager);

        var open = await (await PostAskAsync(agency.CaseManager, AskBody())).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)open["type"], Is.EqualTo("/problems/ask-limit"));
        Assert.That((string?)open["detail"], Does.Contain("cancel"));
        var colleague = App.Client(await Admin.IssueKeyAsync("case_manager", agency.Id));
        await AskAsync(colleague, AskBody(programIds: [programs[0].Id]));

        await (await agency.CaseManager.PostJsonAsync($"/v1/asks/{first.Id()}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        var daily = await (await PostAskAsync(agency.CaseManager, AskBody())).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)daily["type"], Is.EqualTo("/problems/ask-limit"));
        Assert.That((string?)daily["detail"], Does.Contain("24 hours"), "6 asked today and 3 more would pass 7");
        await AskAsync(agency.CaseManager, AskBody(programIds: [programs[0].Id]));

        App.Clock.Advance(TimeSpan.FromHours(25));
        await App.Services.GetRequiredService<Housing.Api.Asks.AskSweeper>().SweepAsync(CancellationToken.None);
        await AskAsync(agency.CaseManager);
    }

    [Test]
    public async Task AnAskOlderThanTheRetentionPeriodIsPurgedOnceItHasEnded()
    {
        await FullProgramAsync();
        var agency = await NewAgencyAsync();
        var ended = await AskAsync(agency.CaseManager);
        await (await agency.CaseManager.PostJsonAsync($"/v1/asks/{ended.Id()}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromDays(91));
        var open = await AskAsync(agency.CaseManager);

        await App.Services.GetRequiredService<ReferralRetention>().PurgeAsync(CancellationToken.None);

        Assert.That(await QueryAsync<string>("SELECT id FROM asks;"), Is.EqualTo(new[] { open.Id().ToString() }));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM ask_programs;"), Is.EqualTo(1));
    }
}

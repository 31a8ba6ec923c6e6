using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Asks;

/// <summary>Shelters answering yes at the same moment: exactly one referral, and every other yes is told the household was placed elsewhere.</summary>
public sealed class AskRaceTests(DatabaseEngine engine) : AskTest(engine)
{
    [Test]
    public async Task ShelterssayingYesAtTheSameMomentMakeExactlyOneReferral()
    {
        var programs = new List<Referrals.ShelterProgram>();
        for (var i = 0; i < 4; i++) programs.Add(await FullProgramAsync($"Full House {i}"));
        var agency = await NewAgencyAsync();
        for (var round = 0; round < 3; round++)
        {
            var ask = await AskAsync(agency.CaseManager, AskBody(clientReference: $"RACE-{round}"));
            var responses = await Together.SendAsync(programs.Select(p => (Func<Task<HttpResponseMessage>>)(() => AnswerAsync(p.Client, ask.Id(), p.Id, Yes()))));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", statuses));
            foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
                Assert.That(await ProblemTypeAsync(loser, HttpStatusCode.Conflict), Is.EqualTo("/problems/placed-elsewhere"));
            Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.EqualTo(round + 1));
            Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM holds;"), Is.EqualTo(round + 1));
            var seen = await GetAskAsync(agency.CaseManager, ask.Id());
            Assert.That(Lines(seen).Count(l => l.Status == "yes"), Is.EqualTo(1));
            Assert.That(Lines(seen).Count(l => l.Status == "withdrawn"), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task TwoInstancesOnOneDatabaseStillPlaceTheHouseholdOnce()
    {
        var first = await FullProgramAsync("Full House");
        var second = await FullProgramAsync("Second Full House");
        var agency = await NewAgencyAsync();
        var ask = await AskAsync(agency.CaseManager);
        await using var other = new HousingApp(App.Database);
        var secondKey = await Admin.IssueKeyAsync("shelter", second.Shelter.OrganizationId);

        var responses = await Together.SendAsync(new Func<Task<HttpResponseMessage>>[]
        {
            () => AnswerAsync(first.Client, ask.Id(), first.Id, Yes()),
            () => AnswerAsync(other.Client(secondKey), ask.Id(), second.Id, Yes()),
        });

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(1));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.EqualTo(1));
    }
}

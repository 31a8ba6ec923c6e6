using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Referrals;

/// <summary>Every problem type the referral endpoints answer with is a page a client developer can read.</summary>
public sealed class ReferralProblemTypeTests(DatabaseEngine engine) : ReferralTest(engine)
{
    [TestCase("no-capacity")]
    [TestCase("hold-limit")]
    [TestCase("illegal-transition")]
    [TestCase("not-accepted")]
    public async Task EachReferralProblemTypeIsDocumentedAtItsAddress(string slug)
    {
        var response = await App.Client(null).GetAsync($"/problems/{slug}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), slug);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"<h1>{slug}</h1>"));
    }

    [Test]
    public async Task PlacementBeforeAcceptanceNamesItsProblemType()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 1);
        var id = (await ReferAsync(agency.CaseManager, Referral(program.Id))).Id();

        var response = await agency.CaseManager.GetAsync($"/v1/referrals/{id}/placement");

        Assert.That(await ProblemTypeAsync(response, HttpStatusCode.Conflict), Is.EqualTo("/problems/not-accepted"));
    }
}

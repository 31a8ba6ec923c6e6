using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Asks;

public sealed class AnswerAskTests(DatabaseEngine engine) : AskTest(engine)
{
    [Test]
    public async Task TheFirstYesMakesAnAcceptedReferralWithTheBedsHeldAndWithdrawsTheOthers()
    {
        var first = await FullProgramAsync("Full House");
        var second = await FullProgramAsync("Second Full House");
        var agency = await NewAgencyAsync();
        var ask = await AskAsync(agency.CaseManager, AskBody(MotherAndTwoChildren()));

        var answered = await (await AnswerAsync(second.Client, ask.Id(), second.Id, Yes("2026-03-02T23:00:00Z"))).ExpectAsync(HttpStatusCode.OK);

        Assert.That(Lines(answered), Is.EqualTo(new[] { (second.Id, "yes") }), "the shelter sees its own line only");
        var referralId = answered.Id("referralId");
        var seen = await GetAskAsync(agency.CaseManager, ask.Id());
        Assert.That((string?)seen["status"], Is.EqualTo("placed"));
        Assert.That(seen.Id("referralId"), Is.EqualTo(referralId));
        Assert.That(Lines(seen).ToDictionary(l => l.ProgramId, l => l.Status), Is.EqualTo(new Dictionary<Guid, string>
        {
            [first.Id] = "withdrawn",
            [second.Id] = "yes",
        }));
        Assert.That(DateTimeOffset.Parse((string)seen["programs"]!.AsArray().Single(l => l!.Id("programId") == second.Id)!["arriveBy"]!),
            Is.EqualTo(new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero)));

        var referral = await GetReferralAsync(agency.CaseManager, referralId);
        Assert.That(Status(referral), Is.EqualTo("accepted"));
        Assert.That(Trail(referral), Is.EqualTo(new[] { "0:accepted" }));
        Assert.That((string?)referral["clientReference"], Is.EqualTo("CM-2026-0042"));
        Assert.That((await CountsAsync(second.Id, Families))["held"]!.GetValue<int>(), Is.EqualTo(3), "the family's three beds are held");
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM holds WHERE released_at IS NULL AND created_by IS NOT NULL;"), Is.EqualTo(1));

        // From here it is a referral like any other: the address goes to the agency, and the shelter places the family.
        await (await agency.CaseManager.GetAsync($"/v1/referrals/{referralId}/placement")).ExpectAsync(HttpStatusCode.OK);
        Assert.That(Status(await ActOkAsync(second.Client, referralId, "placed")), Is.EqualTo("placed"));
    }

    [Test]
    public async Task AYesAfterAnotherProgramsYesIsToldTheHouseholdWasPlacedElsewhere()
    {
        var first = await FullProgramAsync("Full House");
        var second = await FullProgramAsync("Second Full House");
        var agency = await NewAgencyAsync();
        var ask = await AskAsync(agency.CaseManager);
        await (await AnswerAsync(first.Client, ask.Id(), first.Id, Yes())).ExpectAsync(HttpStatusCode.OK);

        var late = await (await AnswerAsync(second.Client, ask.Id(), second.Id, Yes())).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)late["type"], Is.EqualTo("/problems/placed-elsewhere"));
        Assert.That((string?)late["detail"], Does.Contain("placed there"));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.EqualTo(1));
        Assert.That((await OpenAndHeldAsync(second.Id)).Held, Is.Zero);

        var again = await (await AnswerAsync(first.Client, ask.Id(), first.Id, No())).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)again["type"], Is.EqualTo("/problems/already-answered"));
    }

    [Test]
    public async Task AShelterAnswersOnlyForItsOwnProgramsAndSeesOnlyItsOwnLines()
    {
        var first = await FullProgramAsync("Full House");
        var second = await FullProgramAsync("Second Full House");
        var agency = await NewAgencyAsync();
        var ask = await AskAsync(agency.CaseManager);
        var stranger = await App.NewShelterAsync("Not Asked");

        await (await AnswerAsync(first.Client, ask.Id(), second.Id, Yes())).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await AnswerAsync(stranger.Client, ask.Id(), first.Id, Yes())).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await AnswerAsync(first.Client, Guid.NewGuid(), first.Id, Yes())).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.GetAsync($"/v1/asks/{ask.Id()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await (await NewAgencyAsync()).CaseManager.GetAsync($"/v1/asks/{ask.Id()}")).ExpectProblemAsync(HttpStatusCode.NotFound);

        var seen = await GetAskAsync(first.Client, ask.Id());
        Assert.That(Lines(seen).Select(l => l.ProgramId), Is.EqualTo(new[] { first.Id }));
        Assert.That(seen["clientReference"], Is.Null, "a shelter reads the client reference on the referral a yes makes");
        Assert.That(seen["household"]!["members"]!.AsArray(), Has.Count.EqualTo(1), "it sees the household's needs");
        Assert.That((await stranger.Client.GetJsonAsync("/v1/asks")).Items(), Is.Empty);
        var listed = (await second.Client.GetJsonAsync("/v1/asks")).Items();
        Assert.That(listed.Select(a => a.Id()), Is.EqualTo(new[] { ask.Id() }));
        Assert.That(Lines(listed[0]).Select(l => l.ProgramId), Is.EqualTo(new[] { second.Id }));
        Assert.That((await agency.CaseManager.GetJsonAsync("/v1/asks?status=open")).Items(), Has.Count.EqualTo(1));
        Assert.That((await agency.CaseManager.GetJsonAsync("/v1/asks?status=placed")).Items(), Is.Empty);
    }

    [Test]
    public async Task ANoCarriesItsReasonAndWhenEveryProgramSaysNoTheAskEnds()
    {
        var first = await FullProgramAsync("Full House");
        var second = await FullProgramAsync("Second Full House");
        var agency = await NewAgencyAsync();
        var ask = await AskAsync(agency.CaseManager);

        await (await AnswerAsync(first.Client, ask.Id(), first.Id, new() { ["answer"] = "no" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await AnswerAsync(first.Client, ask.Id(), first.Id, new() { ["answer"] = "maybe" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await AnswerAsync(first.Client, ask.Id(), first.Id, new() { ["answer"] = "no", ["reason"] = "no_capacity", ["arriveBy"] = "2026-03-03T10:00:00Z" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "arriveBy");
        var no = await (await AnswerAsync(first.Client, ask.Id(), first.Id, No("safety_concern", "Too close to where she was held"))).ExpectAsync(HttpStatusCode.OK);
        var line = no["programs"]![0]!;
        Assert.That(((string?)line["status"], (string?)line["reasonCode"], (string?)line["reasonText"]),
            Is.EqualTo(("no", "safety_concern", "Too close to where she was held")));
        Assert.That((string?)(await GetAskAsync(agency.CaseManager, ask.Id()))["status"], Is.EqualTo("open"));

        await (await AnswerAsync(second.Client, ask.Id(), second.Id, No())).ExpectAsync(HttpStatusCode.OK);
        var ended = await GetAskAsync(agency.CaseManager, ask.Id());
        Assert.That((string?)ended["status"], Is.EqualTo("expired"));
        Assert.That(ended["endedAt"], Is.Not.Null);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.Zero);
    }

    [Test]
    public async Task CancellingWithdrawsEveryLineStillWaitingAndAYesAfterItIsRefused()
    {
        var first = await FullProgramAsync("Full House");
        var second = await FullProgramAsync("Second Full House");
        var agency = await NewAgencyAsync();
        var ask = await AskAsync(agency.CaseManager);
        await (await AnswerAsync(first.Client, ask.Id(), first.Id, No())).ExpectAsync(HttpStatusCode.OK);

        await (await (await NewAgencyAsync()).CaseManager.PostJsonAsync($"/v1/asks/{ask.Id()}/cancel", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var cancelled = await (await agency.CaseManager.PostJsonAsync($"/v1/asks/{ask.Id()}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.That((string?)cancelled["status"], Is.EqualTo("cancelled"));
        Assert.That(Lines(cancelled).ToDictionary(l => l.ProgramId, l => l.Status),
            Is.EqualTo(new Dictionary<Guid, string> { [first.Id] = "no", [second.Id] = "withdrawn" }));

        var late = await (await AnswerAsync(second.Client, ask.Id(), second.Id, Yes())).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)late["type"], Is.EqualTo("/problems/ask-closed"));
        var twice = await (await agency.CaseManager.PostJsonAsync($"/v1/asks/{ask.Id()}/cancel", null)).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)twice["type"], Is.EqualTo("/problems/ask-closed"));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'ask';"), Is.EqualTo(3), "created, answered, cancelled");
    }
}

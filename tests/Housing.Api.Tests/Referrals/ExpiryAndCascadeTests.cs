using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Referrals;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Referrals;

/// <summary>
/// The phone-around, automated: a hold nobody answers expires on the fake clock, and a decline
/// or an expiry moves the referral to the next program, skipping those that filled up or no
/// longer fit, until one accepts or the list ends.
/// </summary>
public sealed class ExpiryAndCascadeTests(DatabaseEngine engine) : ReferralTest(engine)
{
    private Agency _agency = null!;
    private ShelterProgram _first = null!, _second = null!, _third = null!;

    [SetUp]
    public async Task ThreeSheltersOfThreeOrganisations()
    {
        _agency = await NewAgencyAsync();
        _first = await NewProgramAsync(adultsOpen: 2, name: "First Light");
        _second = await NewProgramAsync(adultsOpen: 2, name: "Second Chance");
        _third = await NewProgramAsync(adultsOpen: 2, name: "Third Street");
    }

    [Test]
    public async Task AnUnansweredHoldExpiresAndTheNextProgramIsHeld()
    {
        var id = await ReferToAllThreeAsync();

        App.Clock.Advance(TimeSpan.FromMinutes(89));
        await SweepAsync();
        Assert.That(Trail(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo(new[] { "0:pending", "1:waiting", "2:waiting" }), "not yet due");

        App.Clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync();

        var referral = await GetReferralAsync(_agency.CaseManager, id);
        Assert.That(Status(referral), Is.EqualTo("pending"));
        Assert.That(Trail(referral), Is.EqualTo(new[] { "0:expired", "1:pending", "2:waiting" }));
        var now = HousingApp.Start.AddMinutes(91);
        Assert.That((DateTimeOffset?)Steps(referral)[0]["decidedAt"], Is.EqualTo(now));
        Assert.That((DateTimeOffset?)Steps(referral)[1]["offeredAt"], Is.EqualTo(now));
        Assert.That((DateTimeOffset?)Steps(referral)[1]["expiresAt"], Is.EqualTo(now.AddMinutes(90)), "a new hold, with its own time");
        Assert.That(await OpenAndHeldAsync(_first.Id), Is.EqualTo((2, 0)), "the first hold is released");
        Assert.That(await OpenAndHeldAsync(_second.Id), Is.EqualTo((1, 1)));
        Assert.That(await ListedOpenAndHeldAsync(_second.Id), Is.EqualTo((1, 1)));
        Assert.That(await OpenAndHeldAsync(_third.Id), Is.EqualTo((2, 0)));
        Assert.That(await UnreleasedHoldRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task ADeclineMovesTheReferralOnAndTheLastDeclineEndsIt()
    {
        var id = await ReferToAllThreeAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(91));
        await SweepAsync();

        var moved = await ActOkAsync(_second.Client, id, "decline", Decline("provider", "needs_not_met", "No night staff for her needs."));
        Assert.That(Status(moved), Is.EqualTo("declined"), "the declining shelter sees its own outcome");
        Assert.That(Status(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo("pending"), "the referral goes on at the third program");
        Assert.That(await OpenAndHeldAsync(_second.Id), Is.EqualTo((2, 0)));
        Assert.That(await OpenAndHeldAsync(_third.Id), Is.EqualTo((1, 1)));

        await ActOkAsync(_third.Client, id, "decline", Decline("client", "client_no_longer_needs_housing"));

        var referral = await GetReferralAsync(_agency.CaseManager, id);
        Assert.That(Status(referral), Is.EqualTo("declined"));
        Assert.That(Trail(referral), Is.EqualTo(new[] { "0:expired", "1:declined:needs_not_met", "2:declined:client_no_longer_needs_housing" }));
        Assert.That((string?)Steps(referral)[1]["declinedBy"], Is.EqualTo("provider"));
        Assert.That((string?)Steps(referral)[1]["reasonText"], Is.EqualTo("No night staff for her needs."));
        Assert.That((string?)Steps(referral)[2]["declinedBy"], Is.EqualTo("client"));
        Assert.That(await UnreleasedHoldRowsAsync(), Is.Zero);
        foreach (var program in new[] { _first, _second, _third })
            Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((2, 0)));
    }

    [Test]
    public async Task ACascadeNobodyAnswersEndsExpired()
    {
        var id = (await ReferAsync(_agency.CaseManager, Referral(_first.Id, _second.Id))).Id();

        App.Clock.Advance(TimeSpan.FromMinutes(91));
        await SweepAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(91));
        await SweepAsync();

        var referral = await GetReferralAsync(_agency.CaseManager, id);
        Assert.That(Status(referral), Is.EqualTo("expired"));
        Assert.That(Trail(referral), Is.EqualTo(new[] { "0:expired", "1:expired" }));
        Assert.That(await UnreleasedHoldRowsAsync(), Is.Zero);
        Assert.That(await SweepAsync(), Is.Zero, "nothing is left to expire");
    }

    [Test]
    public async Task AnAcceptanceEndsTheCascadeWithLaterProgramsStillWaiting()
    {
        var id = await ReferToAllThreeAsync();
        await ActOkAsync(_first.Client, id, "decline");

        var accepted = await ActOkAsync(_second.Client, id, "accept");

        Assert.That(Status(accepted), Is.EqualTo("accepted"));
        var referral = await GetReferralAsync(_agency.CaseManager, id);
        Assert.That(Trail(referral), Is.EqualTo(new[] { "0:declined:no_capacity", "1:accepted", "2:waiting" }));
        App.Clock.Advance(TimeSpan.FromHours(5));
        await SweepAsync();
        Assert.That(Trail(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo(Trail(referral)));
        Assert.That(await OpenAndHeldAsync(_third.Id), Is.EqualTo((2, 0)));
    }

    [Test]
    public async Task AProgramThatFilledUpMeanwhileIsSkipped()
    {
        var id = await ReferToAllThreeAsync();
        await (await _second.Client.PostAvailabilityAsync(_second.Id, Bodies.OpenBeds(0, 6))).ExpectAsync(HttpStatusCode.OK);

        await ActOkAsync(_first.Client, id, "decline");

        var referral = await GetReferralAsync(_agency.CaseManager, id);
        Assert.That(Trail(referral), Is.EqualTo(new[] { "0:declined:no_capacity", "1:skipped:full", "2:pending" }));
        Assert.That(await OpenAndHeldAsync(_second.Id), Is.EqualTo((0, 0)));
        Assert.That(await OpenAndHeldAsync(_third.Id), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task AProgramThatNoLongerServesTheHouseholdIsSkipped()
    {
        var id = await ReferToAllThreeAsync();
        var menOnly = Bodies.Emergency(_second.Shelter.OrganizationId, "Second Chance");
        menOnly["eligibility"]!["gendersServed"] = new JsonArray("man");
        await (await _second.Client.PutJsonAsync($"/v1/programs/{_second.Id}", menOnly, "\"1\"")).ExpectAsync(HttpStatusCode.OK);

        App.Clock.Advance(TimeSpan.FromMinutes(91));
        await SweepAsync();

        var referral = await GetReferralAsync(_agency.CaseManager, id);
        Assert.That(Trail(referral), Is.EqualTo(new[] { "0:expired", "1:skipped:gender_not_served", "2:pending" }));
        Assert.That(await OpenAndHeldAsync(_second.Id), Is.EqualTo((2, 0)));
        Assert.That(await OpenAndHeldAsync(_third.Id), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task WhenEveryProgramLeftIsFullTheDeclineEndsTheReferral()
    {
        var id = await ReferToAllThreeAsync();
        await (await _second.Client.PostAvailabilityAsync(_second.Id, Bodies.OpenBeds(0, 6))).ExpectAsync(HttpStatusCode.OK);
        await (await _third.Client.PostAvailabilityAsync(_third.Id, Bodies.OpenBeds(0, 6))).ExpectAsync(HttpStatusCode.OK);

        await ActOkAsync(_first.Client, id, "decline");

        var referral = await GetReferralAsync(_agency.CaseManager, id);
        Assert.That(Status(referral), Is.EqualTo("declined"));
        Assert.That(Trail(referral), Is.EqualTo(new[] { "0:declined:no_capacity", "1:skipped:full", "2:skipped:full" }));
        Assert.That(await UnreleasedHoldRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task TheShelterWhoseHoldExpiredCanNoLongerAcceptIt()
    {
        var id = await ReferToAllThreeAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(91));
        await SweepAsync();

        var late = await ActAsync(_first.Client, id, "accept");

        Assert.That(await ProblemTypeAsync(late, HttpStatusCode.Conflict), Is.EqualTo("/problems/illegal-transition"));
        Assert.That(Trail(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo(new[] { "0:expired", "1:pending", "2:waiting" }));
    }

    [Test]
    public async Task SweepersRunningTogetherExpireEachHoldOnce()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++) ids.Add(await ReferToAllThreeAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(91));

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sweeps = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await SweepAsync();
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(sweeps);

        foreach (var id in ids)
            Assert.That(Trail(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo(new[] { "0:expired", "1:pending", "2:waiting" }));
    }

    [Test]
    public async Task AnExpiryForAHoldThatIsNotDueChangesNothing()
    {
        // A sweeper that listed the referral as due just before another sweeper expired it.
        var id = await ReferToAllThreeAsync();
        var store = App.Services.GetRequiredService<ReferralStore>();
        var now = App.Clock.GetUtcNow().AddMinutes(91);
        var due = await store.DueAsync(now, CancellationToken.None);
        Assert.That(due, Is.EqualTo(new[] { id }));
        App.Clock.Advance(TimeSpan.FromMinutes(91));
        await SweepAsync();
        Assert.That(Trail(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo(new[] { "0:expired", "1:pending", "2:waiting" }));

        foreach (var stale in due)
            await store.DecideAsync(stale, ReferralAction.Expire, _ => true, "sweeper", "system", null, now, CancellationToken.None);

        Assert.That(Trail(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo(new[] { "0:expired", "1:pending", "2:waiting" }));
        Assert.That(await OpenAndHeldAsync(_second.Id), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task TransitionalHousingHoldsForDaysNotMinutes()
    {
        var shelter = await App.NewShelterAsync("Bridge Home");
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.Transitional(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.Availability(Bodies.OpenBeds(Families, 6, 2)))).ExpectAsync(HttpStatusCode.OK);
        var family = MotherAndTwoChildren();
        family["trafficking"] = "sex";
        var id = (await ReferAsync(_agency.CaseManager, Referral(family, "TH-1", program))).Id();

        App.Clock.Advance(TimeSpan.FromDays(2));
        await SweepAsync();
        Assert.That(Status(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo("pending"));

        App.Clock.Advance(TimeSpan.FromDays(1));
        await SweepAsync();
        Assert.That(Status(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo("expired"), "three days by default");
        Assert.That(await OpenAndHeldAsync(program, Families), Is.EqualTo((6, 0)));
    }

    private async Task<Guid> ReferToAllThreeAsync() =>
        (await ReferAsync(_agency.CaseManager, Referral(_first.Id, _second.Id, _third.Id))).Id();

    [Test]
    public async Task AShelterThatDeclinedDoesNotLearnWhatAnotherShelterDidNext()
    {
        var id = await ReferToAllThreeAsync();
        await ActOkAsync(_first.Client, id, "decline", Decline());
        await ActOkAsync(_second.Client, id, "accept");

        var seenByFirst = await GetReferralAsync(_first.Client, id);
        Assert.That(Status(seenByFirst), Is.EqualTo("declined"), "the first shelter sees its own outcome, not the second's acceptance");
        Assert.That(Steps(seenByFirst).Select(s => s.Id("programId")), Is.EqualTo(new[] { _first.Id }));
        Assert.That((await _first.Client.GetJsonAsync("/v1/referrals?status=accepted")).Items(), Is.Empty);
        Assert.That((await _first.Client.GetJsonAsync("/v1/referrals?status=declined")).Items().Select(r => r.Id()), Is.EqualTo(new[] { id }));
        Assert.That(Status(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo("accepted"));
    }
}

using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Referrals;

/// <summary>
/// A case manager sees their own agency's referrals; a shelter those that reached its
/// organisation's programs; nobody else anything. Roles decide who may make each move.
/// </summary>
public sealed class ReferralAccessTests(DatabaseEngine engine) : ReferralTest(engine)
{
    private static readonly string[] ShelterMoves = ["accept", "decline", "placed", "no-show"];

    private Agency _agency = null!;
    private ShelterProgram _program = null!;
    private Guid _referral;

    [SetUp]
    public async Task AReferralFromOneAgencyToOneShelter()
    {
        _agency = await NewAgencyAsync();
        _program = await NewProgramAsync(adultsOpen: 3);
        _referral = (await ReferAsync(_agency.CaseManager, Referral(_program.Id))).Id();
    }

    [Test]
    public async Task AnotherAgencysCaseManagerFindsNothing()
    {
        var other = await NewAgencyAsync("Other Agency");
        await ActOkAsync(_program.Client, _referral, "accept");

        await (await other.CaseManager.GetAsync($"/v1/referrals/{_referral}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await other.CaseManager.GetAsync($"/v1/referrals/{_referral}/placement")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await ActAsync(other.CaseManager, _referral, "cancel")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await other.CaseManager.GetJsonAsync("/v1/referrals")).Items(), Is.Empty);
        Assert.That((await other.CaseManager.GetJsonAsync($"/v1/referrals?programId={_program.Id}")).Items(), Is.Empty);
        Assert.That(Status(await GetReferralAsync(_agency.CaseManager, _referral)), Is.EqualTo("accepted"), "the cancel did nothing");
    }

    [Test]
    public async Task AColleagueAtTheSameAgencySeesAndMayCancelIt()
    {
        var colleague = App.Client(await Admin.IssueKeyAsync("case_manager", _agency.Id));

        Assert.That((await GetReferralAsync(colleague, _referral)).Id(), Is.EqualTo(_referral));
        Assert.That((await colleague.GetJsonAsync("/v1/referrals")).Items().Select(r => r.Id()), Is.EqualTo(new[] { _referral }));
        await ActOkAsync(colleague, _referral, "cancel");
    }

    [Test]
    public async Task AShelterOfAnotherOrganisationFindsNothing()
    {
        var other = await NewProgramAsync(adultsOpen: 3, name: "Other Shelter");

        await (await other.Client.GetAsync($"/v1/referrals/{_referral}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await other.Client.GetJsonAsync("/v1/referrals")).Items(), Is.Empty);
        Assert.That((await other.Client.GetJsonAsync($"/v1/referrals?programId={_program.Id}")).Items(), Is.Empty);
        foreach (var move in ShelterMoves)
            await (await ActAsync(other.Client, _referral, move)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That(Status(await GetReferralAsync(_agency.CaseManager, _referral)), Is.EqualTo("pending"));
        Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo((2, 1)));
    }

    [Test]
    public async Task TheShelterSeesTheReferralToItsProgram()
    {
        var seen = await GetReferralAsync(_program.Client, _referral);

        Assert.That(Trail(seen), Is.EqualTo(new[] { "0:pending" }));
        Assert.That((await _program.Client.GetJsonAsync("/v1/referrals")).Items().Select(r => r.Id()), Is.EqualTo(new[] { _referral }));
        Assert.That((await _program.Client.GetJsonAsync("/v1/referrals?status=pending")).Items(), Has.Count.EqualTo(1));
        Assert.That((await _program.Client.GetJsonAsync("/v1/referrals?status=accepted")).Items(), Is.Empty);
    }

    [Test]
    public async Task AShelterSeesACascadeOnlyOnceItReachesItsProgramAndOnlyItsOwnSteps()
    {
        var later = await NewProgramAsync(adultsOpen: 3, name: "Later Shelter");
        var cascade = (await ReferAsync(_agency.CaseManager, Referral(_program.Id, later.Id))).Id();

        await (await later.Client.GetAsync($"/v1/referrals/{cascade}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await later.Client.GetJsonAsync("/v1/referrals")).Items(), Is.Empty, "a waiting step has not reached the shelter");
        await (await ActAsync(later.Client, cascade, "accept")).ExpectProblemAsync(HttpStatusCode.NotFound);

        await ActOkAsync(_program.Client, cascade, "decline", Decline("provider", "safety_concern", "Known to the trafficker's associates."));

        var seenByLater = await GetReferralAsync(later.Client, cascade);
        Assert.That(Trail(seenByLater), Is.EqualTo(new[] { "1:pending" }), "not the first shelter's decline or its reasons");
        Assert.That(seenByLater.ToJsonString(), Does.Not.Contain("trafficker's associates"));
        Assert.That((await later.Client.GetJsonAsync("/v1/referrals")).Items().Select(r => r.Id()), Is.EqualTo(new[] { cascade }));
        var seenByFirst = await GetReferralAsync(_program.Client, cascade);
        Assert.That(Trail(seenByFirst), Is.EqualTo(new[] { "0:declined:safety_concern" }), "nor where the household went next");
        Assert.That(Trail(await GetReferralAsync(_agency.CaseManager, cascade)), Is.EqualTo(new[] { "0:declined:safety_concern", "1:pending" }));
        await ActOkAsync(later.Client, cascade, "accept");
    }

    [Test]
    public async Task AShelterCannotFilterByAnotherPartnersProgramToLearnWhereAReferralWent()
    {
        var later = await NewProgramAsync(adultsOpen: 3, name: "Later Shelter");
        var cascade = (await ReferAsync(_agency.CaseManager, Referral(_program.Id, later.Id))).Id();
        await ActOkAsync(_program.Client, cascade, "decline", Decline());

        Assert.That((await later.Client.GetJsonAsync($"/v1/referrals?programId={_program.Id}")).Items(), Is.Empty,
            "the first shelter's program is that partner's data: filtering by it must not say the referral was there");
        Assert.That((await _program.Client.GetJsonAsync($"/v1/referrals?programId={later.Id}")).Items(), Is.Empty,
            "nor tell the first shelter where the household went next");
        Assert.That((await later.Client.GetJsonAsync($"/v1/referrals?programId={later.Id}")).Items().Select(r => r.Id()), Is.EqualTo(new[] { cascade }));
    }

    [Test]
    public async Task AShelterThatWasSkippedNeverSeesTheReferral()
    {
        var full = await NewProgramAsync(adultsOpen: 0, name: "Full Shelter");
        var referral = (await ReferAsync(_agency.CaseManager, Referral(full.Id, _program.Id))).Id();
        Assert.That(Trail(await GetReferralAsync(_agency.CaseManager, referral)), Is.EqualTo(new[] { "0:skipped:full", "1:pending" }));

        await (await full.Client.GetAsync($"/v1/referrals/{referral}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await full.Client.GetJsonAsync("/v1/referrals")).Items(), Is.Empty);
    }

    [TestCase("reporter")]
    [TestCase("admin")]
    public async Task ReportersAndAdministratorsHaveNoAccessToReferrals(string role)
    {
        var client = role == "admin" ? Admin : await App.ClientForRoleAsync(role);

        await (await PostReferralAsync(client, Referral(_program.Id))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/v1/referrals")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/v1/referrals/{_referral}")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/v1/referrals/{_referral}/placement")).ExpectAsync(HttpStatusCode.Forbidden);
        foreach (var move in ShelterMoves.Append("cancel"))
            await (await ActAsync(client, _referral, move)).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.That(Status(await GetReferralAsync(_agency.CaseManager, _referral)), Is.EqualTo("pending"));
    }

    [Test]
    public async Task WithoutAKeyEveryReferralEndpointIsUnauthorized()
    {
        var anonymous = App.Client(null);

        await (await PostReferralAsync(anonymous, Referral(_program.Id))).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/v1/referrals")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/v1/referrals/{_referral}")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await ActAsync(anonymous, _referral, "cancel")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AShelterCannotCancelOrReferAndACaseManagerCannotDecide()
    {
        await (await ActAsync(_program.Client, _referral, "cancel")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await PostReferralAsync(_program.Client, Referral(_program.Id))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _program.Client.GetAsync($"/v1/referrals/{_referral}/placement")).ExpectAsync(HttpStatusCode.Forbidden);
        foreach (var move in ShelterMoves)
            await (await ActAsync(_agency.CaseManager, _referral, move)).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.That(Status(await GetReferralAsync(_agency.CaseManager, _referral)), Is.EqualTo("pending"));
        Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo((2, 1)));
    }

    [Test]
    public async Task AnUnknownReferralIsNotFoundForEveryEndpoint()
    {
        var unknown = Guid.NewGuid();

        await (await _agency.CaseManager.GetAsync($"/v1/referrals/{unknown}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _agency.CaseManager.GetAsync($"/v1/referrals/{unknown}/placement")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await ActAsync(_agency.CaseManager, unknown, "cancel")).ExpectProblemAsync(HttpStatusCode.NotFound);
        foreach (var move in ShelterMoves)
            await (await ActAsync(_program.Client, unknown, move)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task TheListPagesAndFiltersByStatusAndProgram()
    {
        var second = (await ReferAsync(_agency.CaseManager, Referral(_program.Id))).Id();
        var third = (await ReferAsync(_agency.CaseManager, Referral(_program.Id))).Id();
        await ActOkAsync(_program.Client, second, "accept");
        var all = ApiCalls.InIdOrder([_referral, second, third]);

        var first = await _agency.CaseManager.GetJsonAsync("/v1/referrals?limit=2");
        var next = (string?)first["next"];
        var rest = await _agency.CaseManager.GetJsonAsync($"/v1/referrals?limit=2&after={next}");

        Assert.That(first.Items().Concat(rest.Items()).Select(r => r.Id()), Is.EqualTo(all));
        Assert.That((await _agency.CaseManager.GetJsonAsync("/v1/referrals?status=accepted")).Items().Select(r => r.Id()), Is.EqualTo(new[] { second }));
        Assert.That((await _agency.CaseManager.GetJsonAsync($"/v1/referrals?programId={Guid.NewGuid()}")).Items(), Is.Empty);
        Assert.That((await _agency.CaseManager.GetJsonAsync($"/v1/referrals?programId={_program.Id}")).Items(), Has.Count.EqualTo(3));
        await (await _agency.CaseManager.GetAsync("/v1/referrals?status=lost")).ExpectProblemAsync(HttpStatusCode.BadRequest, "status");
    }
}

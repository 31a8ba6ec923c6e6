using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Referrals;

/// <summary>
/// A confidential shelter's address is released only to the referring agency, only after the
/// shelter accepts, and every release is audited; before that it appears in no response.
/// </summary>
public sealed class PlacementTests(DatabaseEngine engine) : ReferralTest(engine)
{
    private static readonly string Latitude = Bodies.ConfidentialLatitude.ToString(CultureInfo.InvariantCulture);

    private Agency _agency = null!;
    private ShelterProgram _safeHaven = null!;

    [SetUp]
    public async Task AConfidentialShelter()
    {
        _agency = await NewAgencyAsync();
        _safeHaven = await NewProgramAsync(adultsOpen: 3, name: "Safe Haven", body: org => Bodies.ConfidentialEmergency(org));
    }

    [Test]
    public async Task PlacementDetailsAreAConflictBeforeTheShelterAccepts()
    {
        var id = (await ReferAsync(_agency.CaseManager, Referral(_safeHaven.Id))).Id();

        var response = await _agency.CaseManager.GetAsync($"/v1/referrals/{id}/placement");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.ToJsonString(), Does.Not.Contain(Bodies.ConfidentialAddress));
        Assert.That(await PlacementReadsAsync(id), Is.Zero);
    }

    [Test]
    public async Task AfterAcceptanceTheReferringAgencyGetsTheAddressAndEachReadIsAudited()
    {
        var id = (await ReferAsync(_agency.CaseManager, Referral(_safeHaven.Id))).Id();
        await ActOkAsync(_safeHaven.Client, id, "accept");

        var placement = await _agency.CaseManager.GetJsonAsync($"/v1/referrals/{id}/placement");
        await _agency.CaseManager.GetJsonAsync($"/v1/referrals/{id}/placement");

        Assert.That(placement.Id("referralId"), Is.EqualTo(id));
        Assert.That(placement.Id("programId"), Is.EqualTo(_safeHaven.Id));
        Assert.That((string?)placement["programName"], Is.EqualTo("Safe Haven"));
        Assert.That((string?)placement["address"], Is.EqualTo(Bodies.ConfidentialAddress));
        Assert.That((double?)placement["location"]!["latitude"], Is.EqualTo(Bodies.ConfidentialLatitude));
        Assert.That((string?)placement["intakeContact"]!["phone"], Is.Not.Null);
        Assert.That(await PlacementReadsAsync(id), Is.EqualTo(2), "one audit row per read");
        var who = await QueryAsync<string>("SELECT role FROM audit_log WHERE action = 'placement.read';");
        Assert.That(who, Is.All.EqualTo("case_manager"));
    }

    [Test]
    public async Task OnlyTheReferringAgencyMayReadThePlacement()
    {
        var id = (await ReferAsync(_agency.CaseManager, Referral(_safeHaven.Id))).Id();
        await ActOkAsync(_safeHaven.Client, id, "accept");
        var other = await NewAgencyAsync("Other Agency");

        await (await other.CaseManager.GetAsync($"/v1/referrals/{id}/placement")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _safeHaven.Client.GetAsync($"/v1/referrals/{id}/placement")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.That(await PlacementReadsAsync(id), Is.Zero, "refused reads release nothing and are not counted as releases");
    }

    [Test]
    public async Task ThePlacementStaysReadableOnceTheHouseholdIsPlaced()
    {
        var id = (await ReferAsync(_agency.CaseManager, Referral(_safeHaven.Id))).Id();
        await ActOkAsync(_safeHaven.Client, id, "accept");
        await ActOkAsync(_safeHaven.Client, id, "placed");

        Assert.That((string?)(await _agency.CaseManager.GetJsonAsync($"/v1/referrals/{id}/placement"))["address"], Is.EqualTo(Bodies.ConfidentialAddress));
    }

    [TestCase("decline")]
    [TestCase("cancel")]
    public async Task AReferralThatEndedWithoutAcceptanceNeverReleasesTheAddress(string ending)
    {
        var id = (await ReferAsync(_agency.CaseManager, Referral(_safeHaven.Id))).Id();
        await ActOkAsync(ending == "cancel" ? _agency.CaseManager : _safeHaven.Client, id, ending);

        await (await _agency.CaseManager.GetAsync($"/v1/referrals/{id}/placement")).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task AfterACascadeMovesOnThePlacementIsTheAcceptingProgramsAddress()
    {
        var open = await NewProgramAsync(adultsOpen: 3, name: "Open Door");
        var id = (await ReferAsync(_agency.CaseManager, Referral(_safeHaven.Id, open.Id))).Id();
        await ActOkAsync(_safeHaven.Client, id, "decline");
        await ActOkAsync(open.Client, id, "accept");

        var placement = await _agency.CaseManager.GetJsonAsync($"/v1/referrals/{id}/placement");

        Assert.That(placement.Id("programId"), Is.EqualTo(open.Id));
        Assert.That(placement.ToJsonString(), Does.Not.Contain(Bodies.ConfidentialAddress), "the shelter that declined stays hidden");
    }

    [Test]
    public async Task TheConfidentialAddressAppearsInNoResponseBeforeAcceptance()
    {
        var other = await NewAgencyAsync("Other Agency");
        var texts = new List<(string What, string Text)>();
        async Task Read(string what, Task<HttpResponseMessage> call)
        {
            var response = await call;
            texts.Add((what, await response.Content.ReadAsStringAsync()));
        }

        var create = await PostReferralAsync(_agency.CaseManager, Referral(_safeHaven.Id));
        texts.Add(("create", await create.Content.ReadAsStringAsync()));
        var id = (await create.ExpectAsync(HttpStatusCode.Created)).Id();
        await Read("replay", PostReferralAsync(_agency.CaseManager, Referral(_safeHaven.Id), "same-call"));
        await Read("replay again", PostReferralAsync(_agency.CaseManager, Referral(_safeHaven.Id), "same-call"));
        foreach (var (who, client) in new[] { ("agency", _agency.CaseManager), ("shelter", _safeHaven.Client), ("other agency", other.CaseManager) })
        {
            await Read($"get by {who}", client.GetAsync($"/v1/referrals/{id}"));
            await Read($"list by {who}", client.GetAsync("/v1/referrals"));
            await Read($"placement by {who}", client.GetAsync($"/v1/referrals/{id}/placement"));
        }
        await Read("matches", _agency.CaseManager.PostJsonAsync("/v1/matches?explain=true",
            new JsonObject { ["household"] = SingleWoman(), ["limit"] = 50 }));
        await Read("availability", _agency.CaseManager.GetAsync($"/v1/programs/{_safeHaven.Id}/availability"));
        await Read("availability listing", _agency.CaseManager.GetAsync("/v1/availability"));
        await Read("program as case manager", _agency.CaseManager.GetAsync($"/v1/programs/{_safeHaven.Id}"));
        await Read("programs as case manager", _agency.CaseManager.GetAsync("/v1/programs"));
        await Read("no capacity", PostReferralAsync(other.CaseManager, Referral(Household(Woman(), Woman(), Woman(), Woman()), "BIG-1", _safeHaven.Id)));
        await Read("decline by shelter", ActAsync(_safeHaven.Client, id, "decline"));

        Assert.That(texts.Select(t => t.What), Has.Member("matches"));
        foreach (var (what, text) in texts)
        {
            Assert.That(text, Does.Not.Contain(Bodies.ConfidentialAddress), what);
            Assert.That(text, Does.Not.Contain("Hidden Lane"), what);
            Assert.That(text, Does.Not.Contain(Latitude), what);
        }
    }

    [Test]
    public async Task AfterAcceptanceTheAddressIsStillOnlyInThePlacement()
    {
        var id = (await ReferAsync(_agency.CaseManager, Referral(_safeHaven.Id))).Id();
        var accept = await ActAsync(_safeHaven.Client, id, "accept");
        var texts = new[]
        {
            await accept.Content.ReadAsStringAsync(),
            await (await _agency.CaseManager.GetAsync($"/v1/referrals/{id}")).Content.ReadAsStringAsync(),
            await (await _agency.CaseManager.GetAsync("/v1/referrals")).Content.ReadAsStringAsync(),
        };

        Assert.That(texts, Has.None.Contains(Bodies.ConfidentialAddress));
    }

    private Task<int> PlacementReadsAsync(Guid id) =>
        QueryScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'placement.read' AND entity_id = @id;", new { id });
}

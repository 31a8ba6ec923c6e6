using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Referrals;

/// <summary>
/// pending → accepted → placed; or declined, expired, cancelled, no-show. The legal moves and
/// what they do to the held bed; every other move is a 409 that changes nothing.
/// </summary>
public sealed class TransitionTests(DatabaseEngine engine) : ReferralTest(engine)
{
    private static readonly string[] Actions = ["accept", "decline", "placed", "no-show", "cancel"];

    private static readonly Dictionary<string, string[]> Legal = new()
    {
        ["pending"] = ["accept", "decline", "cancel"],
        ["accepted"] = ["placed", "no-show", "cancel"],
        ["placed"] = [],
        ["declined"] = [],
        ["expired"] = [],
        ["cancelled"] = [],
        ["no_show"] = [],
    };

    private Agency _agency = null!;
    private ShelterProgram _program = null!;

    [SetUp]
    public async Task OneShelterWithThreeOpenBeds()
    {
        _agency = await NewAgencyAsync();
        _program = await NewProgramAsync(adultsOpen: 3);
    }

    [Test]
    public async Task AcceptingKeepsTheBedHeld()
    {
        var id = await ReferAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(20));

        var accepted = await ActOkAsync(_program.Client, id, "accept");

        Assert.That(Status(accepted), Is.EqualTo("accepted"));
        var step = Steps(accepted).Single();
        Assert.That(Status(step), Is.EqualTo("accepted"));
        Assert.That((DateTimeOffset?)step["decidedAt"], Is.EqualTo(HousingApp.Start.AddMinutes(20)));
        Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo((2, 1)));

        App.Clock.Advance(TimeSpan.FromHours(3));
        await SweepAsync();
        Assert.That(Status(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo("accepted"), "an accepted referral does not expire");
        Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo((2, 1)));
    }

    [Test]
    public async Task APlacedHouseholdKeepsItsBedUntilTheShelterPostsAgain()
    {
        var id = await ReferAsync();
        await ActOkAsync(_program.Client, id, "accept");
        App.Clock.Advance(TimeSpan.FromMinutes(45));

        var placed = await ActOkAsync(_program.Client, id, "placed");

        Assert.That(Status(placed), Is.EqualTo("placed"));
        Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo((2, 1)), "the post from before the arrival does not count her in");

        App.Clock.Advance(TimeSpan.FromMinutes(30));
        await (await _program.Client.PostAvailabilityAsync(_program.Id, Bodies.OpenBeds(2, 6))).ExpectAsync(HttpStatusCode.OK);

        Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo((2, 0)), "the new post counts her in; her hold no longer counts");
        Assert.That(await ListedOpenAndHeldAsync(_program.Id), Is.EqualTo((2, 0)));
        // The database's conditional insert must agree with what is shown: exactly two more beds.
        await ReferAsync();
        await ReferAsync();
        await (await PostReferralAsync(_agency.CaseManager, Referral(_program.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task ANoShowReleasesTheBed()
    {
        var id = await ReferAsync();
        await ActOkAsync(_program.Client, id, "accept");

        var noShow = await ActOkAsync(_program.Client, id, "no-show");

        Assert.That(Status(noShow), Is.EqualTo("no_show"));
        Assert.That(Status(Steps(noShow).Single()), Is.EqualTo("no_show"));
        Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo((3, 0)));
        Assert.That(await UnreleasedHoldRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task CancellingAPendingReferralReleasesTheBed()
    {
        var id = await ReferAsync();

        var cancelled = await ActOkAsync(_agency.CaseManager, id, "cancel");

        Assert.That(Status(cancelled), Is.EqualTo("cancelled"));
        Assert.That(Status(Steps(cancelled).Single()), Is.EqualTo("cancelled"));
        Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo((3, 0)));
        Assert.That(await ListedOpenAndHeldAsync(_program.Id), Is.EqualTo((3, 0)));
    }

    [Test]
    public async Task CancellingAnAcceptedReferralReleasesTheBed()
    {
        var id = await ReferAsync();
        await ActOkAsync(_program.Client, id, "accept");

        var cancelled = await ActOkAsync(_agency.CaseManager, id, "cancel");

        Assert.That(Status(cancelled), Is.EqualTo("cancelled"));
        Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo((3, 0)));
    }

    [TestCase("client", "client_chose_other_option", "Going to her sister's in Fresno.")]
    [TestCase("provider", "safety_concern", null)]
    [TestCase("provider", "other", "   ")]
    public async Task ADeclineIsCodedByWhoDeclinedAndWhyAndReleasesTheBed(string declinedBy, string reason, string? text)
    {
        var id = await ReferAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(10));

        var declined = await ActOkAsync(_program.Client, id, "decline", Decline(declinedBy, reason, text));

        Assert.That(Status(declined), Is.EqualTo("declined"));
        var step = Steps(declined).Single();
        Assert.That(Status(step), Is.EqualTo("declined"));
        Assert.That((string?)step["declinedBy"], Is.EqualTo(declinedBy));
        Assert.That((string?)step["reasonCode"], Is.EqualTo(reason));
        Assert.That((string?)step["reasonText"], Is.EqualTo(string.IsNullOrWhiteSpace(text) ? null : text), "blank text is no text");
        Assert.That((DateTimeOffset?)step["decidedAt"], Is.EqualTo(HousingApp.Start.AddMinutes(10)));
        Assert.That(await GetReferralAsync(_agency.CaseManager, id), Is.Not.Null);
        Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo((3, 0)));
        Assert.That(await ListedOpenAndHeldAsync(_program.Id), Is.EqualTo((3, 0)));
    }

    [Test]
    public async Task EveryMoveIsAuditedWithoutClientData()
    {
        var id = await ReferAsync();
        await ActOkAsync(_program.Client, id, "accept");
        await ActOkAsync(_program.Client, id, "placed");

        var actions = await QueryAsync<string>("SELECT action || ' ' || role || ' ' || entity_type FROM audit_log WHERE entity_id = @id ORDER BY id;", new { id });

        Assert.That(actions, Is.EqualTo(new[]
        {
            "referral.created case_manager referral",
            "referral.accepted shelter referral",
            "referral.placed shelter referral",
        }));
        var everything = string.Join("|", await QueryAsync<string>("SELECT at || key_id || role || action || entity_type || entity_id FROM audit_log;"));
        Assert.That(everything, Does.Not.Contain("CM-2026-0042"));
    }

    public static IEnumerable<TestCaseData> States() => Legal.Keys.Select(s => new TestCaseData(s).SetArgDisplayNames(s));

    [TestCaseSource(nameof(States))]
    public async Task EveryOtherMoveIsAConflictThatChangesNothing(string state)
    {
        var id = await ReferralInStateAsync(state);
        var before = (await GetReferralAsync(_agency.CaseManager, id)).ToJsonString();
        var counts = await OpenAndHeldAsync(_program.Id);
        Assert.That(Status(await GetReferralAsync(_agency.CaseManager, id)), Is.EqualTo(state));

        foreach (var action in Actions.Except(Legal[state]))
        {
            var client = action == "cancel" ? _agency.CaseManager : _program.Client;
            var response = await ActAsync(client, id, action);

            var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict);
            Assert.That((string?)problem["type"], Is.EqualTo("/problems/illegal-transition"), $"{action} from {state}");
            Assert.That((await GetReferralAsync(_agency.CaseManager, id)).ToJsonString(), Is.EqualTo(before), $"{action} from {state} changed the referral");
            Assert.That(await OpenAndHeldAsync(_program.Id), Is.EqualTo(counts), $"{action} from {state} moved the hold");
        }
    }

    private async Task<Guid> ReferralInStateAsync(string state)
    {
        var id = await ReferAsync();
        switch (state)
        {
            case "pending":
                break;
            case "accepted":
                await ActOkAsync(_program.Client, id, "accept");
                break;
            case "placed":
                await ActOkAsync(_program.Client, id, "accept");
                await ActOkAsync(_program.Client, id, "placed");
                break;
            case "no_show":
                await ActOkAsync(_program.Client, id, "accept");
                await ActOkAsync(_program.Client, id, "no-show");
                break;
            case "declined":
                await ActOkAsync(_program.Client, id, "decline");
                break;
            case "cancelled":
                await ActOkAsync(_agency.CaseManager, id, "cancel");
                break;
            case "expired":
                App.Clock.Advance(TimeSpan.FromMinutes(91));
                await SweepAsync();
                break;
        }
        return id;
    }

    private async Task<Guid> ReferAsync() => (await ReferAsync(_agency.CaseManager, Referral(_program.Id))).Id();
}

using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Security;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Watches;

/// <summary>A hold-mode watch refers the household to the first fitting bed that opens, and follows that referral to its end.</summary>
public sealed class WatchHoldTests(DatabaseEngine engine) : WatchTest(engine)
{
    [Test]
    public async Task ABedOpeningAtAFullProgramIsHeldForTheWatchingHousehold()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman()));
        Assert.That(Status(watch), Is.EqualTo("active"));
        await PassAsync();
        Assert.That(Status(await GetWatchAsync(agency.CaseManager, watch.Id())), Is.EqualTo("active"), "nothing fits yet");

        await PostOpenAsync(program, adultsOpen: 1);
        await PassAsync();

        var read = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Status(read), Is.EqualTo("holding"));
        Assert.That(Events(read), Is.EqualTo(new[] { "created", "held" }));
        var referral = await GetReferralAsync(agency.CaseManager, read.Id("referralId"));
        Assert.That(Status(referral), Is.EqualTo("pending"));
        Assert.That(Steps(referral).Single().Id("programId"), Is.EqualTo(program.Id));
        Assert.That((string?)referral["clientReference"], Is.EqualTo("CM-WATCH-1"));
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((0, 1)));
    }

    [Test]
    public async Task LeftToItselfTheWorkerHoldsTheBedMomentsAfterThePostWithoutWaitingForItsNextSync()
    {
        // No pass run by hand, and the fake clock stands still: only the worker's own reactions
        // to the new watch and to the post can hold the bed.
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman()));
        await Task.Delay(200);

        await PostOpenAsync(program, adultsOpen: 1);

        var status = "active";
        for (var i = 0; i < 100 && status == "active"; i++)
        {
            await Task.Delay(50);
            status = Status(await GetWatchAsync(agency.CaseManager, watch.Id()))!;
        }
        Assert.That(status, Is.EqualTo("holding"));
    }

    [Test]
    public async Task AProgramThatFitsWhenTheWatchIsMadeIsHeldAtTheFirstPass()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 2);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman()));

        await PassAsync();

        var read = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Status(read), Is.EqualTo("holding"));
        Assert.That(read["trail"]![1]!.Id("programId"), Is.EqualTo(program.Id));
    }

    [Test]
    public async Task ABedThatDoesNotFitTheHouseholdIsNeverHeld()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(Household(Man())));

        await PostOpenAsync(program, adultsOpen: 5, familiesOpen: 5);
        await PassAsync();

        Assert.That(Status(await GetWatchAsync(agency.CaseManager, watch.Id())), Is.EqualTo("active"), "a women's shelter never takes a man");
        Assert.That(await HoldRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task AFamilyIsHeldOnlyWhenTheWholeHouseholdFits()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(MotherAndTwoChildren()));

        await PostOpenAsync(program, adultsOpen: 0, familiesOpen: 2);
        await PassAsync();
        Assert.That(Status(await GetWatchAsync(agency.CaseManager, watch.Id())), Is.EqualTo("active"), "two family beds for three people");

        await PostOpenAsync(program, adultsOpen: 0, familiesOpen: 3);
        await PassAsync();
        Assert.That(Status(await GetWatchAsync(agency.CaseManager, watch.Id())), Is.EqualTo("holding"));
        Assert.That(await OpenAndHeldAsync(program.Id, Families), Is.EqualTo((0, 3)));
    }

    [Test]
    public async Task AProgramInsideAnUnsafePlaceIsNeverHeldButOneOutsideIs()
    {
        var agency = await NewAgencyAsync();
        var inside = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0, name: "Inside House");
        var outside = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0, name: "Outside House", body: org =>
        {
            var body = Bodies.Emergency(org, "Outside House");
            body["location"] = Bodies.Location(34.25, -118.45);
            return body;
        });
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), safety: UnsafePlace(NearLatitude, NearLongitude, 5)));

        await PostOpenAsync(inside, adultsOpen: 4);
        await PassAsync();
        Assert.That(Status(await GetWatchAsync(agency.CaseManager, watch.Id())), Is.EqualTo("active"));

        await PostOpenAsync(outside, adultsOpen: 1);
        await PassAsync();
        var read = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Status(read), Is.EqualTo("holding"));
        Assert.That(Steps(await GetReferralAsync(agency.CaseManager, read.Id("referralId"))).Single().Id("programId"), Is.EqualTo(outside.Id));
    }

    [Test]
    public async Task AnUnsafeOrganisationsProgramIsNeverHeld()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(),
            safety: new JsonObject { ["unsafeOrganizationIds"] = new JsonArray(program.Shelter.OrganizationId.ToString()) }));

        await PostOpenAsync(program, adultsOpen: 4);
        await PassAsync();

        Assert.That(Status(await GetWatchAsync(agency.CaseManager, watch.Id())), Is.EqualTo("active"));
        Assert.That(await HoldRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task WhenTheShelterAcceptsTheWatchIsFulfilledAndItsSafetyIsDestroyed()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), safety: UnsafePlace(34.2, -118.5, 3)));
        Assert.That(await StoredSafetyAsync(watch.Id()), Does.StartWith(Sealer.Prefix));
        Assert.That(watch["safety"]!["unsafePlaces"]![0]!["latitude"]!.GetValue<double>(), Is.EqualTo(34.2), "the agency reads its own watch's safety");
        await PostOpenAsync(program, adultsOpen: 1);
        await PassAsync();
        var referralId = (await GetWatchAsync(agency.CaseManager, watch.Id())).Id("referralId");

        await ActOkAsync(program.Client, referralId, "accept");

        var read = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Status(read), Is.EqualTo("fulfilled"));
        Assert.That(read["safety"], Is.Null);
        Assert.That(read["endedAt"], Is.Not.Null);
        Assert.That(Events(read), Is.EqualTo(new[] { "created", "held", "fulfilled" }));
        Assert.That(await StoredSafetyAsync(watch.Id()), Is.Null);
    }

    [Test]
    public async Task ADeclineEndsAWatchThatDoesNotResume()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman()));
        await PostOpenAsync(program, adultsOpen: 1);
        await PassAsync();
        var referralId = (await GetWatchAsync(agency.CaseManager, watch.Id())).Id("referralId");

        await ActOkAsync(program.Client, referralId, "decline");
        await PassAsync();

        var read = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Status(read), Is.EqualTo("declined"));
        Assert.That(await StoredSafetyAsync(watch.Id()), Is.Null);
        Assert.That(await HoldRowsAsync(), Is.EqualTo(1), "no second hold");
    }

    [Test]
    public async Task ADeclinedWatchThatResumesNeverOffersThatProgramAgainButHoldsTheNextOne()
    {
        var agency = await NewAgencyAsync();
        var first = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0, name: "First House");
        var second = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0, name: "Second House");
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), resumeOnDecline: true));
        await PostOpenAsync(first, adultsOpen: 1);
        await PassAsync();
        var firstReferral = (await GetWatchAsync(agency.CaseManager, watch.Id())).Id("referralId");

        await ActOkAsync(first.Client, firstReferral, "decline");
        await PassAsync();
        var resumed = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Status(resumed), Is.EqualTo("active"), "the bed at the first house is open again, but passed over");
        Assert.That(resumed["passedOver"]!.AsArray().Select(p => Guid.Parse((string)p!)), Is.EqualTo(new[] { first.Id }));

        await PostOpenAsync(first, adultsOpen: 3);
        await PassAsync();
        Assert.That(Status(await GetWatchAsync(agency.CaseManager, watch.Id())), Is.EqualTo("active"));

        await PostOpenAsync(second, adultsOpen: 1);
        await PassAsync();
        var read = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Status(read), Is.EqualTo("holding"));
        Assert.That(Steps(await GetReferralAsync(agency.CaseManager, read.Id("referralId"))).Single().Id("programId"), Is.EqualTo(second.Id));
        Assert.That(Events(read), Is.EqualTo(new[] { "created", "held", "resumed", "held" }));
    }

    [Test]
    public async Task AnExpiredHoldPutsAResumingWatchBackToWork()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), resumeOnDecline: true));
        await PostOpenAsync(program, adultsOpen: 1);
        await PassAsync();

        App.Clock.Advance(TimeSpan.FromHours(2));
        await SweepAsync();
        await PassAsync();

        var read = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Status(read), Is.EqualTo("active"));
        Assert.That(Events(read), Is.EqualTo(new[] { "created", "held", "resumed" }));
        Assert.That(await UnreleasedHoldRowsAsync(), Is.Zero, "the program that let the hold lapse is not offered again");
    }

    [Test]
    public async Task CancellingTheReferralEndsTheWatch()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), resumeOnDecline: true));
        await PostOpenAsync(program, adultsOpen: 1);
        await PassAsync();

        await ActOkAsync(agency.CaseManager, (await GetWatchAsync(agency.CaseManager, watch.Id())).Id("referralId"), "cancel");

        Assert.That(Status(await GetWatchAsync(agency.CaseManager, watch.Id())), Is.EqualTo("cancelled"));
        Assert.That(await StoredSafetyAsync(watch.Id()), Is.Null);
    }

    [Test]
    public async Task FiftyWatchesWaitingForOneBedMakeExactlyOneHoldForTheOldest()
    {
        const int Watches = 50;
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var ids = new List<Guid>();
        for (var i = 0; i < Watches; i++)
        {
            ids.Add((await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), clientReference: $"CM-W-{i}"))).Id());
            App.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        await PostOpenAsync(program, adultsOpen: 1);
        await Task.WhenAll(PassAsync(), PassAsync(), PassAsync());

        Assert.That(await HoldRowsAsync(), Is.EqualTo(1));
        var statuses = new List<string?>();
        foreach (var id in ids) statuses.Add(Status(await GetWatchAsync(agency.CaseManager, id)));
        Assert.That(statuses[0], Is.EqualTo("holding"), "the oldest watch is served first");
        Assert.That(statuses.Skip(1), Is.All.EqualTo("active"));
    }

    [Test]
    public async Task AWatchAndADirectReferralRacingForTheLastBedHoldItOnce()
    {
        var agency = await NewAgencyAsync();
        var other = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman()));
        await PassAsync();

        await PostOpenAsync(program, adultsOpen: 1);
        var direct = PostReferralAsync(other.CaseManager, Referral(program.Id));
        await Task.WhenAll(direct, PassAsync());

        Assert.That(await HoldRowsAsync(), Is.EqualTo(1));
        var watchHolds = Status(await GetWatchAsync(agency.CaseManager, watch.Id())) == "holding";
        Assert.That((await direct).StatusCode, Is.EqualTo(watchHolds ? HttpStatusCode.Conflict : HttpStatusCode.Created));
    }

    [Test]
    public async Task TheAgencyIsToldByAWatchMatchedWebhookWithTheReferral()
    {
        var agency = await NewAgencyAsync();
        await SetWebhookAsync(agency.CaseManager, agency.Id, Receiver.Url("agency"), AgencySecret);
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), safety: UnsafePlace(34.2, -118.5, 3)));

        await PostOpenAsync(program, adultsOpen: 1);
        await PassAsync();
        await DeliverUntilSettledAsync();

        var matched = Receiver.Delivered("agency").Where(c => c.EventType == "watch.matched").DistinctBy(c => c.EventId).ToList();
        Assert.That(matched, Has.Count.EqualTo(1));
        var data = JsonNode.Parse(matched[0].Body)!["data"]!;
        Assert.That(data.Id("watchId"), Is.EqualTo(watch.Id()));
        Assert.That(data.Id("programId"), Is.EqualTo(program.Id));
        Assert.That((string?)data["mode"], Is.EqualTo("hold"));
        Assert.That(data.Id("referralId"), Is.EqualTo((await GetWatchAsync(agency.CaseManager, watch.Id())).Id("referralId")));
        Assert.That(matched[0].Body, Does.Not.Contain("34.2").And.Not.Contain("CM-WATCH-1"), "no safety data, no client reference");
    }
}

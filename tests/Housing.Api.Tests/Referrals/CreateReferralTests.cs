using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Referrals;

/// <summary>POST /v1/referrals: a pending step that holds the whole household's beds, or a conflict.</summary>
public sealed class CreateReferralTests(DatabaseEngine engine) : ReferralTest(engine)
{
    [Test]
    public async Task AReferralIsCreatedPendingAndHoldsTheHouseholdsBeds()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6);

        var response = await PostReferralAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "LA-7731", program.Id));
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/referrals/{created.Id()}"));
        Assert.That(Status(created), Is.EqualTo("pending"));
        Assert.That((string?)created["clientReference"], Is.EqualTo("LA-7731"));
        Assert.That(created.Id("agencyId"), Is.EqualTo(agency.Id));
        Assert.That((string?)created["householdType"], Is.EqualTo(Families));
        Assert.That((int?)created["householdSize"], Is.EqualTo(3));
        var step = Steps(created).Single();
        Assert.That(step.Id("programId"), Is.EqualTo(program.Id));
        Assert.That(Status(step), Is.EqualTo("pending"));
        Assert.That((DateTimeOffset?)step["offeredAt"], Is.EqualTo(HousingApp.Start));
        Assert.That((DateTimeOffset?)step["expiresAt"], Is.EqualTo(HousingApp.Start.AddMinutes(90)), "emergency holds last 90 minutes by default");

        Assert.That(await OpenAndHeldAsync(program.Id, Families), Is.EqualTo((3, 3)), "6 open less the 3 held");
        Assert.That(await ListedOpenAndHeldAsync(program.Id, Families), Is.EqualTo((3, 3)));
        Assert.That(await OpenAndHeldAsync(program.Id, AdultsOnly), Is.EqualTo((5, 0)), "other household types are untouched");
        Assert.That(await GetReferralAsync(agency.CaseManager, created.Id()), Is.Not.Null);
    }

    [Test]
    public async Task HeldBedsAreNoLongerOfferedBySearches()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 1, familiesOpen: 6);
        var family = MotherAndTwoChildren();
        var before = await agency.CaseManager.GetJsonAsync("/v1/availability?limit=200");
        Assert.That(before.Items(), Has.Count.EqualTo(1));
        var openBefore = await MatchOpenAsync(agency, family, program.Id);
        Assert.That(openBefore, Is.EqualTo(6));

        await ReferAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "LA-1", program.Id));
        Assert.That(await MatchOpenAsync(agency, family, program.Id), Is.EqualTo(3), "6 open less the 3 held");
        await ReferAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "LA-2", program.Id));
        Assert.That(await MatchOpenAsync(agency, family, program.Id), Is.Null, "no room left for a family of three");

        await ReferAsync(agency.CaseManager, Referral(program.Id));
        var single = new JsonObject { ["household"] = SingleWoman(), ["limit"] = 50 };
        var outcome = await (await agency.CaseManager.PostJsonAsync("/v1/matches", single)).ExpectAsync(HttpStatusCode.OK);
        Assert.That(outcome["matches"]!.AsArray().Select(m => m!["program"]!.Id()), Has.No.Member(program.Id), "its only adult bed is held");
        var full = outcome["excludedByReason"]!.AsArray().SingleOrDefault(r => (string?)r!["code"] == "full");
        Assert.That((int?)full?["count"], Is.EqualTo(1), outcome.ToJsonString());
    }

    [Test]
    public async Task ACascadeHoldsTheFirstProgramThatCanTakeTheHouseholdAndSkipsTheOthersWithReasons()
    {
        var agency = await NewAgencyAsync();
        var full = await NewProgramAsync(adultsOpen: 0, name: "Full House");
        var forMen = await NewProgramAsync(name: "Men's Shelter", body: org =>
        {
            var body = Bodies.Emergency(org, "Men's Shelter");
            body["eligibility"]!["gendersServed"] = new JsonArray("man");
            return body;
        });
        var open = await NewProgramAsync(adultsOpen: 2, name: "Open Door");
        var later = await NewProgramAsync(adultsOpen: 2, name: "Later Door");

        var created = await ReferAsync(agency.CaseManager, Referral(full.Id, forMen.Id, open.Id, later.Id));

        Assert.That(Status(created), Is.EqualTo("pending"));
        Assert.That(Trail(created), Is.EqualTo(new[] { "0:skipped:full", "1:skipped:gender_not_served", "2:pending", "3:waiting" }));
        Assert.That(Steps(created).Select(s => (string?)s["programName"]),
            Is.EqualTo(new[] { "Full House", "Men's Shelter", "Open Door", "Later Door" }));
        Assert.That(await OpenAndHeldAsync(open.Id), Is.EqualTo((1, 1)));
        Assert.That(await OpenAndHeldAsync(later.Id), Is.EqualTo((2, 0)), "a waiting step holds nothing");
        Assert.That(await OpenAndHeldAsync(forMen.Id), Is.EqualTo((5, 0)));
        Assert.That(await HoldRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task AProgramThatNeverPostedIsSkippedAsCapacityUnknownNotFull()
    {
        var agency = await NewAgencyAsync();
        var shelter = await App.NewShelterAsync("Quiet Shelter");
        var silent = await shelter.Client.CreateProgramIdAsync(Bodies.Emergency(shelter.OrganizationId, "Quiet Shelter"));
        var open = await NewProgramAsync(adultsOpen: 1);

        var created = await ReferAsync(agency.CaseManager, Referral(silent, open.Id));

        Assert.That(Trail(created), Is.EqualTo(new[] { "0:skipped:capacity_unknown", "1:pending" }));
    }

    [Test]
    public async Task WhenNoProgramCanTakeTheHouseholdTheConflictWritesNothing()
    {
        var agency = await NewAgencyAsync();
        var full = await NewProgramAsync(adultsOpen: 0, familiesOpen: 2, name: "Full House");
        var small = await NewProgramAsync(adultsOpen: 4, familiesOpen: 2, name: "Small House");

        var response = await PostReferralAsync(agency.CaseManager, Referral(MotherAndTwoChildren(), "LA-9", full.Id, small.Id));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/no-capacity"));
        Assert.That((string?)problem["detail"], Does.Contain("full"));
        Assert.That((await agency.CaseManager.GetJsonAsync("/v1/referrals")).Items(), Is.Empty);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referrals;"), Is.Zero);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM referral_steps;"), Is.Zero);
        Assert.That(await HoldRowsAsync(), Is.Zero);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'referral';"), Is.Zero);
        Assert.That(await OpenAndHeldAsync(small.Id, Families), Is.EqualTo((2, 0)));
    }

    [Test]
    public async Task RetryingWithTheSameIdempotencyKeyReturnsTheOriginalReferralAndHoldsNothingMore()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 3);
        var first = await PostReferralAsync(agency.CaseManager, Referral(program.Id), "call-2231-attempt");
        var created = await first.ExpectAsync(HttpStatusCode.Created);

        var retry = await PostReferralAsync(agency.CaseManager, Referral(program.Id), "call-2231-attempt");
        var replayed = await retry.ExpectAsync(HttpStatusCode.OK);

        Assert.That(replayed.Id(), Is.EqualTo(created.Id()));
        Assert.That(replayed.ToJsonString(), Is.EqualTo(created.ToJsonString()));
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((2, 1)));
        Assert.That(await HoldRowsAsync(), Is.EqualTo(1));
        Assert.That((await agency.CaseManager.GetJsonAsync("/v1/referrals")).Items(), Has.Count.EqualTo(1));

        await ReferAsync(agency.CaseManager, Referral(program.Id));
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((1, 2)), "without the key, a second request is a second referral");
    }

    [Test]
    public async Task ReusingAnIdempotencyKeyForADifferentRequestIsRefusedAndHoldsNothing()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 3);
        await (await PostReferralAsync(agency.CaseManager, Referral(SingleWoman(), "CM-1", program.Id), "call-7")).ExpectAsync(HttpStatusCode.Created);

        var reused = await PostReferralAsync(agency.CaseManager, Referral(SingleWoman(), "CM-2", program.Id), "call-7");

        Assert.That(await ProblemTypeAsync(reused, HttpStatusCode.UnprocessableEntity), Is.EqualTo("/problems/idempotency-key-reused"));
        Assert.That(await HoldRowsAsync(), Is.EqualTo(1));
        Assert.That((await agency.CaseManager.GetJsonAsync("/v1/referrals")).Items(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnIdempotencyKeyBelongsToOneAgency()
    {
        var program = await NewProgramAsync(adultsOpen: 3);
        var first = await NewAgencyAsync();
        var second = await NewAgencyAsync();
        var mine = await (await PostReferralAsync(first.CaseManager, Referral(program.Id), "retry-1")).ExpectAsync(HttpStatusCode.Created);

        var theirs = await (await PostReferralAsync(second.CaseManager, Referral(program.Id), "retry-1")).ExpectAsync(HttpStatusCode.Created);

        Assert.That(theirs.Id(), Is.Not.EqualTo(mine.Id()), "another agency's key must not return (or reveal) this agency's referral");
        Assert.That(await OpenAndHeldAsync(program.Id), Is.EqualTo((1, 2)));
    }

    [Test]
    public async Task ARapidRehousingReferralHoldsOneSlotForTheWholeHouseholdForDays()
    {
        var agency = await NewAgencyAsync();
        var shelter = await App.NewShelterAsync("Keys Forward");
        var program = await shelter.Client.CreateProgramIdAsync(Bodies.RapidRehousing(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(program, Bodies.Availability(
            Bodies.OpenSlots(AdultsOnly, 4), Bodies.OpenSlots(Families, 2)))).ExpectAsync(HttpStatusCode.OK);
        var family = MotherAndTwoChildren();
        family["homelessCategory"] = 4;

        var created = await ReferAsync(agency.CaseManager, Referral(family, "RRH-5", program));

        Assert.That((DateTimeOffset?)Steps(created).Single()["expiresAt"], Is.EqualTo(HousingApp.Start.AddDays(3)));
        var counts = await CountsAsync(program, Families);
        Assert.That(((string?)counts["measure"], (int?)counts["open"], (int?)counts["held"]), Is.EqualTo(("slots", (int?)1, (int?)1)));
    }

    private static async Task<int?> MatchOpenAsync(Agency agency, JsonObject household, Guid programId)
    {
        var body = new JsonObject { ["household"] = household.DeepClone(), ["limit"] = 50 };
        var outcome = await (await agency.CaseManager.PostJsonAsync("/v1/matches", body)).ExpectAsync(HttpStatusCode.OK);
        var match = outcome["matches"]!.AsArray().SingleOrDefault(m => m!["program"]!.Id() == programId);
        return (int?)match?["capacity"]?["open"];
    }
}

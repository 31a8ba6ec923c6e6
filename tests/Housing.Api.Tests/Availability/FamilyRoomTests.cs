using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;

namespace Housing.Api.Tests.Availability;

/// <summary>
/// Whole households in one room: a program that houses families by unit gives its rooms by size,
/// posts open rooms by size, is offered only to a household one open room holds (infants under 2
/// may use a crib), is explained when it is not, and is held whole rooms at a time.
/// </summary>
public sealed class FamilyRoomTests(DatabaseEngine engine) : ReferralTest(engine)
{
    // A test runs the consistency check itself: one at start could be running then.
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Consistency:Schedule"] = "false" };

    /// <summary>Family rooms: two with 4 beds, one with 2 beds and a crib (3 units, 10 beds in the inventory); adults by bed.</summary>
    private static JsonObject RoomsProgram(Guid organizationId)
    {
        var body = Bodies.Emergency(organizationId, "Casa Familia");
        body["inventory"] = new JsonArray(Bodies.Beds(AdultsOnly, beds: 20, units: 0), Bodies.Beds(Families, beds: 10, units: 3));
        body["unitSizes"] = new JsonArray(Size(4, 0, 2), Size(2, 1, 1));
        return body;
    }

    private static JsonObject Size(int beds, int cribs, int count, string householdType = Families) => new()
    {
        ["householdType"] = householdType,
        ["beds"] = beds,
        ["cribs"] = cribs,
        ["count"] = count,
    };

    private static JsonObject Open(int beds, int cribs, int count) => new() { ["beds"] = beds, ["cribs"] = cribs, ["count"] = count };

    private static JsonObject Rooms(params JsonObject[] open) => Bodies.Availability(
        Bodies.OpenBeds(AdultsOnly, 5), new JsonObject { ["householdType"] = Families, ["openUnits"] = new JsonArray(open) });

    private static JsonObject Search(JsonObject household) => new() { ["household"] = household };

    private async Task<ShelterProgram> RoomsProgramAsync(params JsonObject[] open)
    {
        var shelter = await App.NewShelterAsync("Casa Familia");
        var id = await shelter.Client.CreateProgramIdAsync(RoomsProgram(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(id, Rooms(open))).ExpectAsync(HttpStatusCode.OK);
        return new ShelterProgram(id, shelter);
    }

    private static JsonObject FamilyOf(int size, int infants = 0) =>
        Household([Woman(34), .. Enumerable.Range(0, size - 1).Select(i => Child(i < infants ? 1 : 4 + i))]);

    [Test]
    public async Task AFamilyOfFiveIsNotOfferedAShelterWhoseLargestOpenRoomHoldsFour()
    {
        var program = await RoomsProgramAsync(Open(4, 0, 1), Open(2, 1, 1));
        var counts = await CountsAsync(program.Id, Families);
        Assert.That(((int)counts["open"]!, counts["openUnits"]!.AsArray().Count), Is.EqualTo((6, 2)), "6 beds open, in two rooms");
        var agency = await NewAgencyAsync();

        var five = await (await agency.CaseManager.PostJsonAsync("/v1/matches?explain=true", Search(FamilyOf(5)))).ExpectAsync(HttpStatusCode.OK);
        Assert.That(five["matches"]!.AsArray(), Is.Empty);
        var why = five["excludedPrograms"]!.AsArray().Single(p => p!.Id("programId") == program.Id)!["reasons"]!.AsArray().Single()!;
        Assert.That(((string?)why["code"], (string?)why["sentence"]),
            Is.EqualTo(("no_room_large_enough", "No open room for 5 (the largest open room holds 4).")));
        Assert.That((string?)five["summary"], Does.Contain("1 with no open room large enough"));
        Assert.That((int)five["nextSteps"]!["wouldFitWithRoom"]!, Is.EqualTo(1), "a room may open: worth a watch or an ask");

        var four = await (await agency.CaseManager.PostJsonAsync("/v1/matches?explain=true", Search(FamilyOf(4)))).ExpectAsync(HttpStatusCode.OK);
        var capacity = four["matches"]!.AsArray().Single()!["capacity"]!;
        Assert.That(((int)capacity["open"]!, (int)capacity["needed"]!), Is.EqualTo((6, 4)));

        // Three with a baby fit the 2-bed room with its crib; without a baby they do not, and take a 4-bed room.
        var withBaby = await (await agency.CaseManager.PostJsonAsync("/v1/matches?explain=true", Search(FamilyOf(3, infants: 1)))).ExpectAsync(HttpStatusCode.OK);
        Assert.That((int)withBaby["matches"]!.AsArray().Single()!["capacity"]!["needed"]!, Is.EqualTo(2));
        var withoutBaby = await (await agency.CaseManager.PostJsonAsync("/v1/matches?explain=true", Search(FamilyOf(3)))).ExpectAsync(HttpStatusCode.OK);
        Assert.That((int)withoutBaby["matches"]!.AsArray().Single()!["capacity"]!["needed"]!, Is.EqualTo(4));
    }

    [Test]
    public async Task AHoldTakesWholeRoomsAndNeverARoomTooSmall()
    {
        var program = await RoomsProgramAsync(Open(4, 0, 1), Open(2, 1, 1));
        var agency = await NewAgencyAsync();

        // A mother and a baby take the small room with the crib, leaving the 4-bed room for a larger family.
        var small = await ReferAsync(agency.CaseManager, Referral(FamilyOf(2, infants: 1), "CF-1", program.Id));
        Assert.That((string?)small["status"], Is.EqualTo("pending"));
        var counts = await CountsAsync(program.Id, Families);
        Assert.That(((int)counts["open"]!, (int)counts["held"]!), Is.EqualTo((4, 2)), "the whole 2-bed room is held");
        Assert.That(counts["openUnits"]!.AsArray().Select(u => ((int)u!["beds"]!, (int)u["count"]!)), Is.EqualTo(new[] { (4, 1) }));

        // A family of five cannot be held into the 4-bed room; a family of four can.
        var five = await (await PostReferralAsync(agency.CaseManager, Referral(FamilyOf(5), "CF-2", program.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string?)five["detail"], Does.Contain("no_room_large_enough"));
        var four = await ReferAsync(agency.CaseManager, Referral(FamilyOf(4), "CF-3", program.Id));
        Assert.That((string?)four["status"], Is.EqualTo("pending"));
        Assert.That(await ListedOpenAndHeldAsync(program.Id, Families), Is.EqualTo((0, 6)));

        // Cancelled, the room is offered again: to the listing and to a search.
        await ActOkAsync(agency.CaseManager, (Guid)four["id"]!, "cancel");
        Assert.That(await OpenAndHeldAsync(program.Id, Families), Is.EqualTo((4, 2)));
        var search = await (await agency.CaseManager.PostJsonAsync("/v1/matches?explain=true", Search(FamilyOf(4)))).ExpectAsync(HttpStatusCode.OK);
        Assert.That(search["matches"]!.AsArray().Select(m => m!["program"]!.Id()), Is.EqualTo(new[] { program.Id }));

        // The held room adds up: the check finds the catalog's copy of the hold, rooms and all, the same as the database's.
        var check = await (await Admin.PostAsync("/v1/admin/consistency/run", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.That((check["repaired"]!.AsArray().Count, check["open"]!.AsArray().Count), Is.EqualTo((0, 0)), check.ToJsonString());
    }

    [Test]
    public async Task BedsOutOfServiceTakeRoomsOutOfTheOfferNeverMoreBedsThanAreInService()
    {
        var program = await RoomsProgramAsync(Open(4, 0, 1), Open(2, 1, 1));
        var offline = new JsonObject { ["householdType"] = Families, ["beds"] = 6, ["reason"] = "pests", ["returnsOn"] = "2026-03-20" };
        await (await program.Client.PostJsonAsync($"/v1/programs/{program.Id}/offline-beds", offline)).ExpectAsync(HttpStatusCode.Created);
        var counts = await CountsAsync(program.Id, Families);
        Assert.That(((int)counts["open"]!, (int)counts["offline"]!), Is.EqualTo((2, 6)), "4 beds in service: the 4-bed room is not offered beside the 2-bed one");
        var agency = await NewAgencyAsync();
        await (await PostReferralAsync(agency.CaseManager, Referral(FamilyOf(4), "CF-5", program.Id))).ExpectProblemAsync(HttpStatusCode.Conflict);
        var small = await ReferAsync(agency.CaseManager, Referral(FamilyOf(2, infants: 1), "CF-6", program.Id));
        Assert.That((string?)small["status"], Is.EqualTo("pending"));
    }

    [Test]
    public async Task AdjoiningRoomsTakeALargerFamilyOnlyWhereTheProgramSaysSo()
    {
        var shelter = await App.NewShelterAsync("Casa Familia");
        var body = RoomsProgram(shelter.OrganizationId);
        body["adjoiningUnits"] = 2;
        var id = await shelter.Client.CreateProgramIdAsync(body);
        await (await shelter.Client.PostAvailabilityAsync(id, Rooms(Open(4, 0, 1), Open(2, 1, 1)))).ExpectAsync(HttpStatusCode.OK);
        var agency = await NewAgencyAsync();

        var six = await ReferAsync(agency.CaseManager, Referral(FamilyOf(6), "CF-4", id));
        Assert.That((string?)six["status"], Is.EqualTo("pending"));
        Assert.That(await OpenAndHeldAsync(id, Families), Is.EqualTo((0, 6)), "both rooms held for one family");
        var seven = await (await agency.CaseManager.PostJsonAsync("/v1/matches?explain=true", Search(FamilyOf(7, infants: 1)))).ExpectAsync(HttpStatusCode.OK);
        Assert.That(seven["excludedPrograms"]!.AsArray().Single(p => p!.Id("programId") == id)!["reasons"]!.AsArray().Select(r => (string?)r!["code"]),
            Is.EqualTo(new[] { "full", "no_room_large_enough" }), "no open room at all is full first");
    }

    [Test]
    public async Task RoomsAndTheirPostsAreCheckedAgainstTheProgram()
    {
        var shelter = await App.NewShelterAsync("Casa Familia");
        var tooMany = RoomsProgram(shelter.OrganizationId);
        tooMany["unitSizes"] = new JsonArray(Size(4, 0, 3), Size(2, 1, 1));
        await (await shelter.Client.PostJsonAsync("/v1/programs", tooMany)).ExpectProblemAsync(HttpStatusCode.BadRequest, "unitSizes");
        var twice = RoomsProgram(shelter.OrganizationId);
        twice["unitSizes"] = new JsonArray(Size(2, 1, 1), Size(2, 1, 1));
        await (await shelter.Client.PostJsonAsync("/v1/programs", twice)).ExpectProblemAsync(HttpStatusCode.BadRequest, "unitSizes[1]");
        var noInventory = RoomsProgram(shelter.OrganizationId);
        noInventory["unitSizes"] = new JsonArray(Size(2, 0, 1, "children_only"));
        await (await shelter.Client.PostJsonAsync("/v1/programs", noInventory)).ExpectProblemAsync(HttpStatusCode.BadRequest, "unitSizes[0].householdType");
        var lone = Bodies.Emergency(shelter.OrganizationId);
        lone["adjoiningUnits"] = 2;
        await (await shelter.Client.PostJsonAsync("/v1/programs", lone)).ExpectProblemAsync(HttpStatusCode.BadRequest, "adjoiningUnits");

        var id = await shelter.Client.CreateProgramIdAsync(RoomsProgram(shelter.OrganizationId));
        var program = await shelter.Client.GetJsonAsync($"/v1/programs/{id}");
        Assert.That(program["unitSizes"]!.AsArray().Count, Is.EqualTo(2));
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(5, 4))).ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[1].openUnits");
        await (await shelter.Client.PostAvailabilityAsync(id, Rooms(Open(3, 0, 1)))).ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[1].openUnits[0]");
        await (await shelter.Client.PostAvailabilityAsync(id, Rooms(Open(4, 0, 3)))).ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[1].openUnits[0].count");
        var byBed = Rooms(Open(4, 0, 1));
        byBed["counts"]![0]!["openUnits"] = new JsonArray(Open(4, 0, 1));
        await (await shelter.Client.PostAvailabilityAsync(id, byBed)).ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[0].openUnits");
        var wrongBeds = Rooms(Open(4, 0, 2));
        wrongBeds["counts"]![1]!["beds"] = 9;
        await (await shelter.Client.PostAvailabilityAsync(id, wrongBeds)).ExpectProblemAsync(HttpStatusCode.BadRequest, "counts[1].beds");

        // Posting the same rooms again is no change; beds and units are the rooms' sums.
        var posted = await (await shelter.Client.PostAvailabilityAsync(id, Rooms(Open(4, 0, 2)))).ExpectAsync(HttpStatusCode.OK);
        var families = posted["counts"]!.AsArray().Single(c => (string?)c!["householdType"] == Families)!;
        Assert.That(((int)families["beds"]!, (int)families["units"]!), Is.EqualTo((8, 2)));
    }
}

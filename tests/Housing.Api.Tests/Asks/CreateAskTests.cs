using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Asks;

public sealed class CreateAskTests(DatabaseEngine engine) : AskTest(engine)
{
    [Test]
    public async Task AnAskReachesEveryProgramThatWouldTakeTheHouseholdIfItHadRoomAndNoOther()
    {
        var full = await FullProgramAsync("Full House");
        var alsoFull = await FullProgramAsync("Second Full House");
        var withRoom = await NewProgramAsync(adultsOpen: 3, name: "Has Room");
        var menOnly = await FullProgramAsync("Men Only", change: b => { b["eligibility"]!["gendersServed"] = new JsonArray("man"); return b; });
        var agency = await NewAgencyAsync();

        var ask = await AskAsync(agency.CaseManager);

        Assert.That(Lines(ask).Select(l => l.ProgramId), Is.EquivalentTo(new[] { full.Id, alsoFull.Id }),
            "a program with room is referred to, not asked; one that would not take her even with room is not asked");
        Assert.That(Lines(ask).Select(l => l.Status), Has.All.EqualTo("pending"));
        Assert.That(ask["status"]!.GetValue<string>(), Is.EqualTo("open"));
        Assert.That(ask["clientReference"]!.GetValue<string>(), Is.EqualTo("CM-2026-0042"));
        Assert.That(ask["householdSize"]!.GetValue<int>(), Is.EqualTo(1));
        var line = ask["programs"]![0]!;
        Assert.That(DateTimeOffset.Parse((string)line["expiresAt"]!), Is.EqualTo(HousingApp.Start.AddMinutes(120)), "an emergency shelter has 2 hours to answer");
        Assert.That(await GetAskAsync(agency.CaseManager, ask.Id()), Is.Not.Null);
        Assert.That(await HoldRowsAsync(), Is.Zero, "an ask holds nothing until a shelter says yes");
        _ = withRoom;
        _ = menOnly;
    }

    [Test]
    public async Task AListedProgramThatHasRoomOrWouldNotTakeTheHouseholdIsRefusedByName()
    {
        var full = await FullProgramAsync("Full House");
        var withRoom = await NewProgramAsync(adultsOpen: 3, name: "Has Room");
        var menOnly = await FullProgramAsync("Men Only", change: b => { b["eligibility"]!["gendersServed"] = new JsonArray("man"); return b; });
        var agency = await NewAgencyAsync();

        var problem = await (await PostAskAsync(agency.CaseManager, AskBody(programIds: [full.Id, withRoom.Id, menOnly.Id, Guid.NewGuid()])))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "programIds[1]", "programIds[2]", "programIds[3]");
        Assert.That((string)problem["errors"]!["programIds[1]"]![0]!, Does.Contain("refer"));
        Assert.That((string)problem["errors"]!["programIds[2]"]![0]!, Does.Contain("gender"));
        Assert.That(problem["errors"]!.AsObject().ContainsKey("programIds[0]"), Is.False);
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM asks;"), Is.Zero);

        var ask = await AskAsync(agency.CaseManager, AskBody(programIds: [full.Id]));
        Assert.That(Lines(ask).Select(l => l.ProgramId), Is.EqualTo(new[] { full.Id }));
    }

    [Test]
    public async Task AnAskWithNothingToAskSaysSoAndSendsNothing()
    {
        await NewProgramAsync(adultsOpen: 3, name: "Has Room");
        await FullProgramAsync("Men Only", change: b => { b["eligibility"]!["gendersServed"] = new JsonArray("man"); return b; });
        var agency = await NewAgencyAsync();

        var problem = await (await PostAskAsync(agency.CaseManager, AskBody())).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That((string)problem["type"]!, Is.EqualTo("/problems/nothing-to-ask"));
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM asks;"), Is.Zero);
    }

    [Test]
    public async Task AReferralOnlyProgramIsAskedOnlyByItsPartnerAgencies()
    {
        var partnerOnly = await FullProgramAsync("Partners Only", change: b => { b["eligibility"]!["referralOnly"] = true; return b; });
        var open = await FullProgramAsync("Anyone");
        var stranger = await NewAgencyAsync();

        var ask = await AskAsync(stranger.CaseManager);
        Assert.That(Lines(ask).Select(l => l.ProgramId), Is.EqualTo(new[] { open.Id }));
        var problem = await (await PostAskAsync(stranger.CaseManager, AskBody(programIds: [partnerOnly.Id])))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "programIds[0]");
        Assert.That((string)problem["errors"]!["programIds[0]"]![0]!, Does.Contain("partner"));
    }

    [Test]
    public async Task AnAskIsRefusedForEverythingASearchRefusesAndForFieldsItDoesNotKnow()
    {
        await FullProgramAsync();
        var agency = await NewAgencyAsync();

        var noHousehold = AskBody();
        noHousehold.Remove("household");
        await (await PostAskAsync(agency.CaseManager, noHousehold)).ExpectProblemAsync(HttpStatusCode.BadRequest, "household");
        await (await PostAskAsync(agency.CaseManager, AskBody(clientReference: "Maria Lopez"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "clientReference");
        await (await PostAskAsync(agency.CaseManager, AskBody(household: Household(Member("adult", 12, "woman")))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "household.members[0].age");
        await (await PostAskAsync(agency.CaseManager, AskBody(safety: new JsonObject { ["unsafeRegions"] = new JsonArray("spa6") })))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "safety.unsafeRegions[0]");
        await (await PostAskAsync(agency.CaseManager, AskBody(safety: new JsonObject
        {
            ["unsafePlaces"] = new JsonArray(
            new JsonObject { ["latitude"] = 34.06, ["longitude"] = 118.28, ["radiusKm"] = 5 })
        })))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        var named = AskBody();
        named["clientName"] = "Maria Lopez";
        await (await PostAskAsync(agency.CaseManager, named)).ExpectProblemAsync(HttpStatusCode.BadRequest, "clientName");
        var twice = AskBody(programIds: [Guid.NewGuid(), Guid.NewGuid()]);
        twice["programIds"]![1] = (string)twice["programIds"]![0]!;
        await (await PostAskAsync(agency.CaseManager, twice)).ExpectProblemAsync(HttpStatusCode.BadRequest, "programIds");
        await (await PostAskAsync(agency.CaseManager, AskBody(programIds: []))).ExpectProblemAsync(HttpStatusCode.BadRequest, "programIds");
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM asks;"), Is.Zero);
    }

    [Test]
    public async Task OnlyCaseManagersAsk()
    {
        var program = await FullProgramAsync();
        await (await PostAskAsync(program.Client, AskBody())).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await PostAskAsync(Admin, AskBody())).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}

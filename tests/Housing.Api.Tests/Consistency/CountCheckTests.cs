using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Consistency;

/// <summary>
/// Counts that cannot be true: a post above today's inventory (the inventory was cut after it),
/// or more beds held than the post says are open. Only the shelter knows its beds, so these are
/// reported, never changed.
/// </summary>
public sealed class CountCheckTests(DatabaseEngine engine) : ConsistencyTest(engine)
{
    [Test]
    public async Task ACountBeyondTodaysInventoryIsReportedAndNotChanged()
    {
        var program = await NewProgramAsync(adultsOpen: 5, familiesOpen: 6);
        var smaller = Bodies.Emergency(program.Shelter.OrganizationId);
        smaller["inventory"] = new JsonArray(Bodies.Beds("adults_only", beds: 3, units: 0), Bodies.Beds("adults_with_children", beds: 12, units: 4));
        await (await program.Client.PutJsonAsync($"/v1/programs/{program.Id}", smaller)).ExpectAsync(HttpStatusCode.OK);

        var report = await CheckAsync();

        Assert.That(Repaired(report), Is.Empty);
        Assert.That(Kinds(Open(report)), Is.EqualTo(new[] { "posted_beyond_inventory:reported:adults_only" }));
        var finding = Open(report)[0];
        Assert.That(((int?)finding["found"], (int?)finding["expected"], (string?)finding["measure"]), Is.EqualTo((5, 3, "beds")));
        Assert.That((string?)finding["description"], Is.EqualTo(
            "The latest count gives 5 open beds for adults without children, more than the 3 in today's inventory."));
        Assert.That((string?)finding["actionDescription"], Does.StartWith("Not changed"));
        var counts = await CountsAsync(program.Id);
        Assert.That(((int)counts["beds"]!, (int)counts["open"]!), Is.EqualTo((5, 3)), "the post is as the shelter made it; only 3 are offered");
        Assert.That(await QueryScalarAsync<int>("SELECT COUNT(*) FROM availability_snapshots;"), Is.EqualTo(1));

        await (await program.Client.PostAvailabilityAsync(program.Id, Bodies.OpenBeds(3, 6))).ExpectAsync(HttpStatusCode.OK);
        Assert.That(Open(await CheckAsync()), Is.Empty, "a new post within the inventory clears it");
    }

    [Test]
    public async Task MoreHeldThanTheLatestCountSaysIsOpenIsReported()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 3, familiesOpen: 0);
        for (var i = 0; i < 3; i++) await ReferAsync(agency.CaseManager, Referral(SingleWoman(), $"CM-{i}", program.Id));
        Assert.That(Open(await CheckAsync()), Is.Empty, "three held of three open adds up");

        await (await program.Client.PostAvailabilityAsync(program.Id, Bodies.OpenBeds(1, 0))).ExpectAsync(HttpStatusCode.OK);
        var report = await CheckAsync();

        Assert.That(Kinds(Open(report)), Is.EqualTo(new[] { "held_beyond_open:reported:adults_only" }));
        Assert.That(((int?)Open(report)[0]["found"], (int?)Open(report)[0]["expected"]), Is.EqualTo((3, 1)));
        Assert.That(Repaired(report), Is.Empty, "every hold belongs to a pending referral: nothing to release");
        Assert.That(await UnreleasedHoldRowsAsync(), Is.EqualTo(3));
    }

    [Test]
    public async Task AShelterSayingYesToAnAskWhileItsCountSaysFullIsNotAFinding()
    {
        var agency = await NewAgencyAsync();
        var full = await FullProgramAsync();
        var ask = (await AskAsync(agency.CaseManager, AskBody(programIds: [full.Id]))).Id();
        await (await AnswerAsync(full.Client, ask, full.Id, Yes())).ExpectAsync(HttpStatusCode.OK);
        Assert.That(await UnreleasedHoldRowsAsync(), Is.EqualTo(1), "the yes holds a bed its last count did not show");

        var report = await CheckAsync();

        Assert.That(Open(report), Is.Empty, "the shelter's yes is newer than its count");
        Assert.That(Repaired(report), Is.Empty);

        App.Clock.Advance(TimeSpan.FromMinutes(10));
        await (await full.Client.PostAvailabilityAsync(full.Id, Bodies.OpenBeds(0, 0))).ExpectAsync(HttpStatusCode.OK);
        Assert.That(Kinds(Open(await CheckAsync())), Is.EqualTo(new[] { "held_beyond_open:reported:adults_only" }),
            "a count made after the yes must leave room for the household it said yes to");
    }
}

using System.Net;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Watches;

/// <summary>A notify-mode watch only tells its agency, once each time a fitting program opens; it never holds.</summary>
public sealed class WatchNotifyTests(DatabaseEngine engine) : WatchTest(engine)
{
    [Test]
    public async Task AnOpeningIsToldOnceAndAgainOnlyAfterTheProgramFilledUp()
    {
        var agency = await NewAgencyAsync();
        await SetWebhookAsync(agency.CaseManager, agency.Id, Receiver.Url("agency"), AgencySecret);
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(SingleWoman(), mode: "notify"));

        await PostOpenAsync(program, adultsOpen: 2);
        await PassAsync();
        await PostOpenAsync(program, adultsOpen: 3);
        await PassAsync();
        Assert.That(Events(await GetWatchAsync(agency.CaseManager, watch.Id())), Is.EqualTo(new[] { "created", "notified" }), "still the same opening");

        await PostOpenAsync(program, adultsOpen: 0);
        await PassAsync();
        await PostOpenAsync(program, adultsOpen: 1);
        await PassAsync();

        var read = await GetWatchAsync(agency.CaseManager, watch.Id());
        Assert.That(Events(read), Is.EqualTo(new[] { "created", "notified", "notified" }));
        Assert.That(Status(read), Is.EqualTo("active"), "it keeps watching");
        Assert.That(await HoldRowsAsync(), Is.Zero, "notify never holds");
        await DeliverUntilSettledAsync();
        // Delivery is at least once (a call that timed out under load is sent again): one event, one id.
        var told = Receiver.Delivered("agency").Where(c => c.EventType == "watch.matched").DistinctBy(c => c.EventId).ToList();
        Assert.That(told, Has.Count.EqualTo(2));
        Assert.That(told.Select(c => System.Text.Json.Nodes.JsonNode.Parse(c.Body)!["data"]!["referralId"]), Is.All.Null);
    }

    [Test]
    public async Task AProgramThatDoesNotFitIsNeverTold()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync(adultsOpen: 0, familiesOpen: 0);
        var watch = await WatchAsync(agency.CaseManager, WatchBody(Household(Man()), mode: "notify"));

        await PostOpenAsync(program, adultsOpen: 5);
        await PassAsync();

        Assert.That(Events(await GetWatchAsync(agency.CaseManager, watch.Id())), Is.EqualTo(new[] { "created" }));
    }
}

using System.Diagnostics;
using Housing.Api.Data;

namespace Housing.Api.Tests.Webhooks;

/// <summary>The worker's own loop delivers, on its schedule, without a test running its passes.</summary>
public sealed class WebhookScheduleTests(DatabaseEngine engine) : WebhookTest(engine)
{
    protected override IReadOnlyDictionary<string, string?>? Settings
    {
        get
        {
            var settings = FastDelivery();
            settings["Webhooks:PollSeconds"] = "5";
            return settings;
        }
    }

    [Test]
    public async Task TheWorkerDeliversWhenItsTimerComesRound()
    {
        var agency = await NewAgencyAsync();
        var program = await NewProgramAsync();
        await SetWebhookAsync(program.Client, program.Shelter.OrganizationId, Receiver.Url("shelter"), ShelterSecret);
        await ReferAsync(agency.CaseManager, Referral(program.Id));
        Assert.That(Receiver.Calls, Is.Empty, "nothing is sent from inside the request");

        App.Clock.Advance(TimeSpan.FromSeconds(5));
        var waited = Stopwatch.StartNew();
        while (Receiver.Delivered().Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);

        var call = Receiver.Delivered().Single();
        Assert.That((call.EventType, Verifies(call, ShelterSecret)), Is.EqualTo(("referral.offered", true)));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Consistency;

/// <summary>The check runs by itself: Consistency:FirstRunMinutes after the service has started, then every Consistency:IntervalMinutes on the clock.</summary>
public sealed class ConsistencyWorkerTests(DatabaseEngine engine) : HousingTest(engine)
{
    /// <summary>The service's default: the first check five minutes after start.</summary>
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Consistency:FirstRunMinutes"] = "5" };

    [Test]
    public async Task TheCheckRunsFiveMinutesAfterStartUpAndAgainAfterEachInterval()
    {
        (await App.CreateClient().GetAsync("/health/live")).EnsureSuccessStatusCode();
        await Task.Delay(200);
        Assert.That((await Admin.GetAsync("/v1/admin/consistency")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
            "not at once: the first requests after a restart come first");
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var first = await NextRunAsync(after: 0);
        Assert.That(DateTimeOffset.Parse((string)first["startedAt"]!), Is.EqualTo(HousingApp.Start.AddMinutes(5)), "five minutes after start-up");

        App.Clock.Advance(TimeSpan.FromMinutes(14));
        await Task.Delay(200);
        Assert.That((long)(await Admin.GetJsonAsync("/v1/admin/consistency"))["runId"]!, Is.EqualTo((long)first["runId"]!), "not before the interval");
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await NextRunAsync(after: (long)first["runId"]!);
        Assert.That(DateTimeOffset.Parse((string)second["startedAt"]!), Is.EqualTo(HousingApp.Start.AddMinutes(20)));
    }

    /// <summary>The first run after <paramref name="after"/>, waiting for it (the worker runs on its own).</summary>
    private async Task<JsonNode> NextRunAsync(long after)
    {
        for (var tries = 0; tries < 200; tries++)
        {
            var response = await Admin.GetAsync("/v1/admin/consistency");
            if (response.StatusCode == HttpStatusCode.OK && await response.ExpectAsync(HttpStatusCode.OK) is var run && (long)run["runId"]! > after) return run;
            await Task.Delay(50);
        }
        Assert.Fail($"no run after {after} within 10 s");
        return null!;
    }
}

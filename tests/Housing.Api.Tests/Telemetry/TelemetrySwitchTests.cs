using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Telemetry;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Housing.Api.Tests.Telemetry;

/// <summary>What the settings turn on and off: nothing of it depends on the database, so it runs on SQLite alone.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class TelemetrySwitchTests
{
    [Test]
    public async Task TelemetryOffListensToNothingAndServesNoScrape()
    {
        await using var app = new HousingApp(settings: new Dictionary<string, string?> { ["Telemetry:Enabled"] = "false" });

        await (await app.Admin.GetAsync("/metrics")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.That(app.Services.GetService<MeterProvider>(), Is.Null);
        Assert.That(app.Services.GetService<TracerProvider>(), Is.Null);
    }

    /// <summary>With an OTLP endpoint (nothing listens there; the export fails quietly), a search is a span of the request's trace.</summary>
    [Test]
    public async Task AnOtlpEndpointTurnsTracingOnAndASearchIsASpanOfItsRequest()
    {
        await using var app = new HousingApp(settings: new Dictionary<string, string?>
        {
            [TelemetrySetup.OtlpEndpoint] = "http://127.0.0.1:9",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var trace = ActivityTraceId.CreateRandom();
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HousingMetrics.MeterName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId != trace) return;
                lock (spans) spans.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);
        var caseManager = await app.ClientForRoleAsync("case_manager", await app.Admin.CreateOrganizationAsync("Pacific Coalition", "agency"));

        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/matches")
        {
            Content = JsonContent(new JsonObject { ["household"] = new JsonObject { ["members"] = new JsonArray(new JsonObject { ["role"] = "adult", ["age"] = 31, ["genders"] = new JsonArray("woman") }) } }),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        await (await caseManager.SendAsync(request)).ExpectAsync(HttpStatusCode.OK);

        Assert.That(app.Services.GetService<TracerProvider>(), Is.Not.Null);
        Activity[] seen;
        lock (spans) seen = [.. spans];
        Assert.That(seen.Select(s => (s.OperationName, s.GetTagItem("housing.matches"))), Is.EqualTo(new[] { ("housing.search", (object?)0) }));
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}

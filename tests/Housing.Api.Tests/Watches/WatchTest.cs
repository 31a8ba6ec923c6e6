using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;
using Housing.Api.Tests.Webhooks;
using Housing.Api.Watches;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Watches;

/// <summary>
/// Watches on a full county: the tests run the worker's passes themselves (its own loop may run
/// one too; a pass is idempotent, so the outcome is the same), and read what it did through the API.
/// </summary>
public abstract class WatchTest(DatabaseEngine engine) : WebhookTest(engine)
{
    /// <summary>A place about 1 km from the test shelters (34.0612, -118.2801).</summary>
    protected const double NearLatitude = 34.0700, NearLongitude = -118.2801;

    protected WatchWorker Worker => App.Services.GetRequiredService<WatchWorker>();

    /// <summary>One pass of the worker, reading the watches from the database first.</summary>
    protected Task<int> PassAsync() => Worker.PassAsync(sync: true, CancellationToken.None);

    protected static JsonObject WatchBody(JsonObject household, string mode = "hold", string clientReference = "CM-WATCH-1",
        bool? resumeOnDecline = null, JsonObject? safety = null, string? endsAt = null)
    {
        var body = new JsonObject { ["clientReference"] = clientReference, ["household"] = household, ["mode"] = mode };
        if (resumeOnDecline is { } resume) body["resumeOnDecline"] = resume;
        if (safety is not null) body["safety"] = safety;
        if (endsAt is not null) body["endsAt"] = endsAt;
        return body;
    }

    protected static JsonObject UnsafePlace(double latitude, double longitude, double radiusKm) => new()
    {
        ["unsafePlaces"] = new JsonArray(new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude, ["radiusKm"] = radiusKm }),
    };

    protected static async Task<JsonNode> WatchAsync(HttpClient client, JsonObject body) =>
        await (await client.PostJsonAsync("/v1/watches", body)).ExpectAsync(HttpStatusCode.Created);

    protected static Task<JsonNode> GetWatchAsync(HttpClient client, Guid id) => client.GetJsonAsync($"/v1/watches/{id}");

    protected static IReadOnlyList<string> Events(JsonNode watch) =>
        watch["trail"]!.AsArray().Select(e => (string)e!["event"]!).ToList();

    protected Task PostOpenAsync(ShelterProgram program, int adultsOpen, int familiesOpen = 0) =>
        PostOpenAsync(program.Client, program.Id, adultsOpen, familiesOpen);

    protected static async Task PostOpenAsync(HttpClient shelter, Guid programId, int adultsOpen, int familiesOpen = 0) =>
        await (await shelter.PostAvailabilityAsync(programId, Bodies.OpenBeds(adultsOpen, familiesOpen))).ExpectAsync(HttpStatusCode.OK);

    /// <summary>The watch's sealed safety column as stored: null once the watch ends.</summary>
    protected Task<string?> StoredSafetyAsync(Guid watchId) =>
        QueryScalarAsync<string?>("SELECT safety FROM watches WHERE id = @id;", new { id = watchId.ToString() });
}

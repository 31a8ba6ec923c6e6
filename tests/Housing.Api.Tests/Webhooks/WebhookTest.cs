using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;
using Housing.Api.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Webhooks;

/// <summary>
/// Referral tests with a real local receiver. Retries are driven by the app's fake clock, never by
/// sleeping: backoffs are short, quick retries do not pause, and the worker's own loop waits an hour
/// (the tests run each pass themselves).
/// </summary>
public abstract class WebhookTest(DatabaseEngine engine) : ReferralTest(engine)
{
    public const string ShelterSecret = "whsec-shelter-0123456789abcdef0123456789abcdef";
    public const string AgencySecret = "whsec-agency-fedcba9876543210fedcba9876543210";

    /// <summary>Longer than any backoff (60 s at most here) and the circuit's break (30 s).</summary>
    public static readonly TimeSpan PastEveryBackoff = TimeSpan.FromSeconds(61);

    private WebhookReceiver? _receiver;

    protected WebhookReceiver Receiver => _receiver ?? throw new InvalidOperationException("The receiver starts in SetUp.");

    /// <summary>
    /// Quick retries, and no nightly report run: a test that counts the events its receiver heard
    /// must not race the scheduler's catch-up, whose <c>report.ready</c> reaches every webhook set
    /// before the report is stored. Report tests run reports themselves.
    /// </summary>
    public static Dictionary<string, string?> FastDelivery() => new()
    {
        ["Reports:Schedule"] = "false",
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:AllowHttp"] = "true",
        ["Webhooks:PollSeconds"] = "3600",
        ["Webhooks:QuickRetryDelayMilliseconds"] = "0",
        ["Webhooks:BaseBackoffSeconds"] = "10",
        ["Webhooks:MaxBackoffSeconds"] = "60",
        ["Webhooks:BreakSeconds"] = "30",
        ["Webhooks:MaxAttempts"] = "4",
        ["Webhooks:TimeoutSeconds"] = "5",
    };

    protected override IReadOnlyDictionary<string, string?>? Settings => FastDelivery();

    [SetUp]
    public async Task StartReceiver() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver()
    {
        if (_receiver is not null) await _receiver.DisposeAsync();
    }

    protected static Task<HttpResponseMessage> PutWebhookAsync(HttpClient client, Guid organizationId, string url, string secret, string? ifMatch = null) =>
        client.PutJsonAsync($"/v1/organizations/{organizationId}/webhook", new JsonObject { ["url"] = url, ["secret"] = secret }, ifMatch);

    protected static async Task<JsonNode> SetWebhookAsync(HttpClient client, Guid organizationId, string url, string secret) =>
        await (await PutWebhookAsync(client, organizationId, url, secret)).ExpectAsync(HttpStatusCode.OK);

    /// <summary>One pass of the delivery worker, as its timer would run it.</summary>
    protected Task<int> DeliverAsync(HousingApp? app = null) =>
        (app ?? App).Services.GetRequiredService<WebhookDeliveryWorker>().DeliverDueAsync(CancellationToken.None);

    /// <summary>Moves the clock past every backoff and runs a pass, until nothing is pending (at most 20 passes).</summary>
    protected async Task DeliverUntilSettledAsync(HousingApp? app = null)
    {
        app ??= App;
        for (var pass = 0; pass < 20 && await PendingAsync(app) > 0; pass++)
        {
            app.Clock.Advance(PastEveryBackoff);
            await DeliverAsync(app);
        }
        Assert.That(await PendingAsync(app), Is.Zero, "every event settles");
    }

    protected static async Task<int> PendingAsync(HousingApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE status = 'pending';");
    }

    /// <summary>An organisation's deliveries, newest first (at most 200).</summary>
    protected static async Task<IReadOnlyList<JsonNode>> DeliveriesAsync(HttpClient client, Guid organizationId, string query = "") =>
        (await client.GetJsonAsync($"/v1/organizations/{organizationId}/webhook/deliveries?limit=200{query}")).Items();

    /// <summary>What a shelter does with the README's recipe, written out here rather than calling the service's signer.</summary>
    protected static bool Verifies(ReceivedCall call, string secret)
    {
        if (call.Signature is null || call.Timestamp is null) return false;
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{call.Timestamp}.{call.Body}"));
        return call.Signature == "v1=" + Convert.ToHexString(mac).ToLowerInvariant();
    }

    protected static JsonNode Payload(ReceivedCall call) => JsonNode.Parse(call.Body)!;

    protected static string EventType(JsonNode delivery) => (string)delivery["type"]!;
}

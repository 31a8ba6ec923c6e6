using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Webhooks;

namespace Housing.Api.Tests.Crash;

/// <summary>
/// The checks after the restart, through the restarted service's API and, for what the API does
/// not show (every snapshot, every hold, the outbox), by reading the database beside it on a
/// connection that can only read. The SQL is the same on both engines.
/// </summary>
public sealed class Restarted : IDisposable
{
    private readonly Uri _base;
    private readonly CrashWorld _world;
    private readonly DbConnection _db;
    private readonly HttpClient _admin;
    private readonly Dictionary<string, HttpClient> _clients = [];

    public Restarted(Uri baseAddress, TestDatabase database, CrashWorld world, string adminKey)
    {
        TypeHandlers.Register();
        _base = baseAddress;
        _world = world;
        _db = database.ReadOnlyConnection();
        _db.Open();
        _admin = Client(adminKey);
    }

    /// <summary>
    /// Each program had one writer posting 1, 2, 3, … beds, each after the last was answered. So
    /// the stored posts are exactly 1 to n with no gap or repeat, n is the last acknowledged count or
    /// the one after it (in flight at the kill), every acknowledged snapshot is stored with its count,
    /// and the restarted service serves n.
    /// </summary>
    public async Task AssertAvailabilityAsync(Burst burst)
    {
        foreach (var program in _world.Shelters.Select(s => s.WriterProgram))
        {
            var acked = burst.Posts.Where(p => p.ProgramId == program).OrderBy(p => p.Beds).ToList();
            var last = acked.Count == 0 ? 0 : acked[^1].Beds;
            var stored = (await _db.QueryAsync<(long Id, int Beds)>("""
                SELECT s.id, c.beds FROM availability_snapshots s
                JOIN availability_counts c ON c.snapshot_id = s.id AND c.household_type = 1
                WHERE s.program_id = @program ORDER BY s.id;
                """, new { program })).ToList();

            Assert.That(stored.Select(p => p.Beds), Is.EqualTo(Enumerable.Range(1, stored.Count)), $"posts of {program} stored in order, none lost or repeated");
            Assert.That(stored.Count, Is.EqualTo(last).Or.EqualTo(last + 1), $"the last acknowledged post of {program} ({last}) is the latest, or one in flight after it");
            Assert.That(acked.Select(p => (p.SnapshotId, p.Beds)), Is.SubsetOf(stored.Select(p => (p.Id, p.Beds))));
            var served = await _admin.GetJsonAsync($"/v1/programs/{program}/availability");
            var adults = served["counts"]!.AsArray().Single(c => (string?)c!["householdType"] == "adults_only")!;
            Assert.That((int?)adults["beds"], Is.EqualTo(stored.Count), "the restarted service serves the latest post");
        }
    }

    /// <summary>Every acknowledged referral is there, at the program it was offered to, and each acknowledged decision stuck.</summary>
    public async Task AssertReferralsAsync(Burst burst)
    {
        var decisions = burst.Decisions.ToLookup(d => d.ReferralId);
        foreach (var acked in burst.Referrals)
        {
            var referral = await Client(acked.CaseManagerKey).GetJsonAsync($"/v1/referrals/{acked.Id}");
            var sent = JsonNode.Parse(acked.Body)!;
            var steps = referral["steps"]!.AsArray().Select(s => s!).ToList();
            Assert.That(steps.Select(s => (string?)s["programId"]), Is.EqualTo(sent["programIds"]!.AsArray().Select(p => (string?)p)));
            Assert.That(steps[acked.Position].Id("programId"), Is.EqualTo(acked.ProgramId));
            var status = (string?)steps[acked.Position]["status"];
            var decided = decisions[acked.Id].Select(d => d.Status).OrderBy(d => d == "placed").ToList();
            string[] allowed = decided switch
            {
                [] => ["pending", "accepted", "declined", "cancelled"], // a decision may have been in flight
                ["accepted"] => ["accepted", "placed"],
                ["accepted", "placed"] => ["placed"],
                [var only] => [only],
                _ => throw new AssertionException($"more decisions than the burst makes: {string.Join(", ", decided)}"),
            };
            Assert.That(status, Is.AnyOf(allowed), $"referral {acked.Id} at position {acked.Position}, acknowledged: {string.Join(", ", decided)}");
        }
    }

    /// <summary>
    /// Holds and referrals agree: each open step (pending, accepted, placed) has exactly one hold, each
    /// hold belongs to its referral's current open step, no referral holds twice, no program holds more
    /// than it posted, and the restarted service counts the same holds as the database.
    /// </summary>
    public async Task AssertHoldsAsync()
    {
        Assert.That(await RowsAsync("""
            SELECT referral_id FROM holds WHERE released_at IS NULL GROUP BY referral_id HAVING COUNT(*) > 1;
            """), Is.Empty, "no referral holds twice");
        Assert.That(await RowsAsync("""
            SELECT referral_id FROM referral_steps WHERE status IN ('pending', 'accepted', 'placed') GROUP BY referral_id HAVING COUNT(*) > 1;
            """), Is.Empty, "a referral is open at one program at a time");
        Assert.That(await RowsAsync("""
            SELECT h.referral_id || ' ' || h.position || ' ' || s.status FROM holds h
            JOIN referral_steps s ON s.referral_id = h.referral_id AND s.position = h.position
            JOIN referrals r ON r.id = h.referral_id
            WHERE h.released_at IS NULL
              AND (s.status NOT IN ('pending', 'accepted', 'placed') OR r.current_position <> h.position
                   OR (s.status = 'placed') <> (h.placed_at IS NOT NULL) OR h.count <> r.household_size);
            """), Is.Empty, "no hold outlives its step, nor counts other than the household");
        Assert.That(await RowsAsync("""
            SELECT s.referral_id || ' ' || s.position || ' ' || s.status FROM referral_steps s
            LEFT JOIN holds h ON h.referral_id = s.referral_id AND h.position = s.position AND h.released_at IS NULL
            WHERE s.status IN ('pending', 'accepted', 'placed') AND h.id IS NULL;
            """), Is.Empty, "every open step holds its beds");
        Assert.That(await RowsAsync("""
            SELECT r.id || ' ' || r.status || ' ' || s.status FROM referrals r
            JOIN referral_steps s ON s.referral_id = r.id AND s.position = r.current_position
            WHERE (r.status = 'pending') <> (s.status = 'pending') OR (r.status IN ('accepted', 'placed', 'cancelled') AND s.status <> r.status);
            """), Is.Empty, "a referral's status is its current step's");

        var held = (await _db.QueryAsync<(string Program, int Type, int Held, int? Posted)>("""
            SELECT h.program_id, h.household_type, CAST(SUM(h.count) AS INTEGER),
                   (SELECT c.beds FROM availability_counts c
                    WHERE c.household_type = h.household_type
                      AND c.snapshot_id = (SELECT MAX(id) FROM availability_snapshots WHERE program_id = h.program_id))
            FROM holds h WHERE h.released_at IS NULL
            GROUP BY h.program_id, h.household_type;
            """)).ToList();
        Assert.That(held, Is.Not.Empty);
        foreach (var (program, type, count, posted) in held)
        {
            Assert.That(count, Is.LessThanOrEqualTo(posted ?? 0), $"{program} holds no more beds of type {type} than it posted");
            var served = (await _admin.GetJsonAsync($"/v1/programs/{program}/availability"))["counts"]!.AsArray()
                .Single(c => (string?)c!["householdType"] == (type == 1 ? "adults_only" : "adults_with_children"))!;
            Assert.That((int?)served["held"], Is.EqualTo(count), $"the restarted catalog counts the holds of {program}");
        }
        TestContext.Out.WriteLine($"holds: {string.Join("; ", held.Select(h => $"{h.Program[^4..]}/{h.Type} {h.Held} of {h.Posted}"))}");
    }

    /// <summary>
    /// An acknowledged referral sent again with its Idempotency-Key is the same referral; a refused one
    /// left nothing behind; one cut off by the kill was stored at most once, and a retry finds it.
    /// </summary>
    public async Task AssertIdempotencyAsync(Burst burst)
    {
        foreach (var acked in burst.Referrals)
        {
            var replay = await ReferAsync(acked.CaseManagerKey, acked.IdempotencyKey, acked.Body);
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"replay of {acked.IdempotencyKey}");
            Assert.That(JsonNode.Parse(await replay.Content.ReadAsStringAsync())!.Id(), Is.EqualTo(acked.Id));
        }
        foreach (var (key, _) in burst.Refused)
            Assert.That(await StoredAsync(key), Is.Empty, $"refused {key} stored nothing");
        var committed = 0;
        foreach (var unanswered in burst.Unanswered)
        {
            var stored = await StoredAsync(unanswered.IdempotencyKey);
            committed += stored.Count;
            Assert.That(stored, Has.Count.LessThanOrEqualTo(1));
            var retry = await ReferAsync(unanswered.CaseManagerKey, unanswered.IdempotencyKey, unanswered.Body);
            if (stored.Count == 1)
            {
                Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"retry of {unanswered.IdempotencyKey}, stored before the kill");
                Assert.That(JsonNode.Parse(await retry.Content.ReadAsStringAsync())!.Id(), Is.EqualTo(Guid.Parse(stored[0])));
            }
            else
            {
                Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.Conflict));
            }
            Assert.That(await StoredAsync(unanswered.IdempotencyKey), Has.Count.LessThanOrEqualTo(1));
        }
        TestContext.Out.WriteLine($"{committed} of {burst.Unanswered.Count} unanswered referrals had been stored before the kill");
    }

    /// <summary>
    /// The outbox holds the event of every acknowledged change, and the restarted service delivers
    /// every event in it, signed with the organisation's secret, to that organisation's endpoint.
    /// </summary>
    public async Task AssertEventsDeliveredAsync(Burst burst, WebhookReceiver receiver, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (await _db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox WHERE status <> 'delivered';") > 0 && clock.Elapsed < deadline)
            await Task.Delay(100);
        var outbox = (await _db.QueryAsync<(string EventId, string Organization, string Type, string Payload, string Status)>(
            "SELECT event_id, organization_id, type, payload_json, status FROM outbox;")).ToList();
        TestContext.Out.WriteLine($"{outbox.Count} events, all delivered {clock.ElapsedMilliseconds} ms after the restart");
        Assert.That(outbox.Where(e => e.Status != "delivered").Select(e => $"{e.Type} {e.Status}"), Is.Empty, "every event was delivered");

        var written = outbox.Select(e =>
        {
            var data = JsonNode.Parse(e.Payload)!["data"]!;
            return (Organization: Guid.Parse(e.Organization), e.Type, Referral: data.Id("referralId"), Position: (int)data["position"]!);
        }).ToHashSet();
        var agencyOf = burst.Referrals.ToDictionary(r => r.Id, r => _world.Agencies.Single(a => a.Keys.Contains(r.CaseManagerKey)).OrganizationId);
        var expected = burst.Referrals.SelectMany(r => new[]
        {
            (agencyOf[r.Id], "referral.created", r.Id, r.Position),
            (_world.OwnerOf(r.ProgramId).OrganizationId, "referral.offered", r.Id, r.Position),
        }).Concat(burst.Decisions.Select(d => (agencyOf[d.ReferralId], "referral." + d.Status, d.ReferralId, d.Position)));
        Assert.That(expected.Where(e => !written.Contains(e)).Select(e => $"{e.Item2} {e.Item3}"), Is.Empty,
            "the event of every acknowledged change is in the outbox");

        var calls = receiver.Delivered().ToLookup(c => c.EventId);
        foreach (var (eventId, organization, type, _, _) in outbox)
        {
            Assert.That(calls[eventId], Is.Not.Empty, $"{type} {eventId} reached the receiver");
            foreach (var call in calls[eventId])
            {
                Assert.That(call.Path, Is.EqualTo($"/org/{organization}"));
                Assert.That(Verifies(call, _world.Secrets[Guid.Parse(organization)]), Is.True, $"signature of {eventId}");
            }
        }
    }

    private Task<HttpResponseMessage> ReferAsync(string caseManagerKey, string idempotencyKey, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/referrals") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Client(caseManagerKey).SendAsync(request);
    }

    private async Task<IReadOnlyList<string>> StoredAsync(string idempotencyKey) =>
        (await _db.QueryAsync<string>("SELECT id FROM referrals WHERE idempotency_key = @idempotencyKey;", new { idempotencyKey })).ToList();

    private async Task<IReadOnlyList<string>> RowsAsync(string sql) => (await _db.QueryAsync<string>(sql)).ToList();

    /// <summary>The README's recipe: HMAC-SHA256 of the timestamp, a dot and the raw body.</summary>
    private static bool Verifies(ReceivedCall call, string secret)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{call.Timestamp}.{call.Body}"));
        return call.Signature == "v1=" + Convert.ToHexStringLower(mac);
    }

    private HttpClient Client(string key)
    {
        if (!_clients.TryGetValue(key, out var client)) _clients[key] = client = CrashWorld.Client(_base, key);
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values) client.Dispose();
        _db.Dispose();
    }
}

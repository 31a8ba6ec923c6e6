using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Crash;

/// <summary>A referral the service answered 201 for: what was sent, and the step it was offered at.</summary>
public sealed record AckedReferral(string IdempotencyKey, string Body, string CaseManagerKey, Guid Id, int Position, Guid ProgramId);

/// <summary>A referral request with no answer (in flight at the kill): it may or may not have been stored.</summary>
public sealed record UnansweredReferral(string IdempotencyKey, string Body, string CaseManagerKey);

/// <summary>A decision the service answered 200 for; <c>Status</c> is the step's new status.</summary>
public sealed record AckedDecision(Guid ReferralId, int Position, string Status);

/// <summary>An availability post answered 200: its program, the adult beds it gave, and its snapshot.</summary>
public sealed record AckedPost(Guid ProgramId, int Beds, long SnapshotId);

/// <summary>
/// Case managers refer, shelters decide and writers post availability, all at once and without
/// pause, against the app process, recording only what the service acknowledged. Requests cut off
/// by the kill are recorded as unanswered; any other failure before the kill fails the test.
/// </summary>
public sealed class Burst(CrashWorld world, Uri baseAddress, int seed) : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();
    private readonly ConcurrentDictionary<Guid, Channel<AckedReferral>> _offers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private volatile bool _killed;
    private int _inFlight;

    public ConcurrentBag<AckedReferral> Referrals { get; } = [];
    public ConcurrentBag<UnansweredReferral> Unanswered { get; } = [];
    public ConcurrentBag<(string IdempotencyKey, string CaseManagerKey)> Refused { get; } = [];
    public ConcurrentBag<AckedDecision> Decisions { get; } = [];
    public ConcurrentBag<AckedPost> Posts { get; } = [];
    public ConcurrentBag<string> Errors { get; } = [];

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Start()
    {
        var worker = 0;
        foreach (var shelter in world.Shelters)
        {
            _offers[shelter.OrganizationId] = Channel.CreateUnbounded<AckedReferral>();
            _workers.Add(Task.Run(() => PostLoop(shelter)));
        }
        foreach (var shelter in world.Shelters)
        {
            var random = new Random(seed + 100 + worker++);
            _workers.Add(Task.Run(() => DecideLoop(shelter, random)));
        }
        foreach (var key in world.Agencies.SelectMany(a => a.Keys))
        {
            var random = new Random(seed + worker);
            var name = worker++;
            _workers.Add(Task.Run(() => ReferLoop(name, key, random)));
        }
    }

    /// <summary>From now on a request that fails was cut off by the kill, not by a fault.</summary>
    public void Killing() => _killed = true;

    /// <summary>After the kill: no more requests.</summary>
    public void Stop()
    {
        _stop.Cancel();
        foreach (var channel in _offers.Values) channel.Writer.TryComplete();
    }

    public Task StoppedAsync() => Task.WhenAll(_workers);

    private async Task ReferLoop(int worker, string key, Random random)
    {
        var client = Client(key);
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var large = world.Shelters[random.Next(world.Shelters.Count)].Program;
            // Half try the scarce program first and cascade when it is full; some want only it, and are refused then.
            var programs = random.Next(6) switch { 0 => new[] { world.ScarceProgram }, 1 or 2 or 3 => [world.ScarceProgram, large], _ => [large] };
            var family = random.Next(3) == 0;
            var idempotencyKey = $"crash-{worker}-{n}";
            var body = Referral(programs, family, idempotencyKey).ToJsonString();
            var response = await SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/v1/referrals") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("Idempotency-Key", idempotencyKey);
                return client.SendAsync(request);
            });
            if (response is null)
            {
                Unanswered.Add(new UnansweredReferral(idempotencyKey, body, key));
                return;
            }
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                Refused.Add((idempotencyKey, key));
                continue;
            }
            if (!await Expect(response, HttpStatusCode.Created)) return;
            var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var step = created["steps"]!.AsArray().Single(s => (string?)s!["status"] == "pending")!;
            var acked = new AckedReferral(idempotencyKey, body, key, created.Id(), (int)step["position"]!, step.Id("programId"));
            Referrals.Add(acked);
            _offers[world.OwnerOf(acked.ProgramId).OrganizationId].Writer.TryWrite(acked);
        }
    }

    /// <summary>
    /// Decides each referral offered to this shelter once: accept (and sometimes then place),
    /// decline, the agency's cancel, or leave it pending. One decider per referral, so every
    /// decision is legal and a 409 can only be a bug.
    /// </summary>
    private async Task DecideLoop(CrashShelter shelter, Random random)
    {
        var client = Client(shelter.Key);
        await foreach (var offer in _offers[shelter.OrganizationId].Reader.ReadAllAsync())
        {
            if (_stop.IsCancellationRequested) return;
            var choice = random.Next(10);
            if (choice == 9) continue;
            if (choice >= 7)
            {
                if (!await DecideAsync(Client(offer.CaseManagerKey), offer, "cancel", "cancelled")) return;
                continue;
            }
            var (action, status) = choice < 4 ? ("accept", "accepted") : ("decline", "declined");
            if (!await DecideAsync(client, offer, action, status)) return;
            if (action == "accept" && random.Next(2) == 0 && !await DecideAsync(client, offer, "placed", "placed")) return;
        }
    }

    private async Task<bool> DecideAsync(HttpClient client, AckedReferral offer, string action, string status)
    {
        var body = action == "decline" ? new JsonObject { ["declinedBy"] = "provider", ["reason"] = "no_capacity" } : null;
        var response = await SendAsync(() => client.PostJsonAsync($"/v1/referrals/{offer.Id}/{action}", body));
        if (response is null || !await Expect(response, HttpStatusCode.OK)) return false;
        Decisions.Add(new AckedDecision(offer.Id, offer.Position, status));
        return true;
    }

    /// <summary>One writer per program, posting 1, 2, 3, … adult beds, each after the last was answered.</summary>
    private async Task PostLoop(CrashShelter shelter)
    {
        var client = Client(shelter.Key);
        for (var beds = 1; !_stop.IsCancellationRequested; beds++)
        {
            var response = await SendAsync(() => client.PostAvailabilityAsync(shelter.WriterProgram, CrashWorld.Counts(beds, 0)));
            if (response is null || !await Expect(response, HttpStatusCode.OK)) return;
            var snapshot = long.Parse((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["snapshotId"]!, System.Globalization.CultureInfo.InvariantCulture);
            Posts.Add(new AckedPost(shelter.WriterProgram, beds, snapshot));
        }
    }

    /// <summary>The response, or null when the request was cut off by the kill (any other failure is recorded as an error).</summary>
    private async Task<HttpResponseMessage?> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        if (_stop.IsCancellationRequested) return null;
        Interlocked.Increment(ref _inFlight);
        try
        {
            var response = await send();
            // Read the whole body here: an answer whose body was cut off was not received.
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            if (!_killed) Errors.Add($"before the kill: {e.GetType().Name}: {e.Message}");
            return null;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<bool> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode == status) return true;
        Errors.Add($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return false;
    }

    /// <summary>One client per key, shared by its workers.</summary>
    private HttpClient Client(string key) => _clients.GetOrAdd(key, k => CrashWorld.Client(baseAddress, k));

    public void Dispose()
    {
        foreach (var client in _clients.Values) client.Dispose();
        _stop.Dispose();
    }

    public static JsonObject Referral(IEnumerable<Guid> programIds, bool family, string clientReference)
    {
        var members = new JsonArray(Member("adult", 31, "woman"));
        if (family) members.Add(Member("child", 4, "man"));
        return new JsonObject
        {
            ["programIds"] = new JsonArray(programIds.Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray()),
            ["clientReference"] = clientReference,
            ["household"] = new JsonObject { ["members"] = members },
        };
    }

    private static JsonObject Member(string role, int age, string gender) =>
        new() { ["role"] = role, ["age"] = age, ["genders"] = new JsonArray(gender) };
}

using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Housing.Api.Tests.Hostile;

/// <summary>
/// Sends each operation's mutated requests and judges every answer:
/// <list type="bullet">
/// <item>never a 5xx, nor an exception out of the server;</item>
/// <item>every 4xx is <c>application/problem+json</c> with <c>type</c>, <c>title</c> and the same <c>status</c>;</item>
/// <item>a 2xx only where the contract leaves room (<see cref="Expect.Any"/>);</item>
/// <item>a refused request changes nothing stored: after it, every table hashes as before. Only an
/// accepted request may change the state, which then becomes the new baseline.</item>
/// </list>
/// </summary>
public sealed class Fuzzer(HttpClient client, StateDigest digest, FuzzWorld world, int seed)
{
    private const int CombinationsPerOperation = 30;
    private const int MaxReported = 500;

    private IReadOnlyDictionary<string, string> _baseline = new Dictionary<string, string>();

    public int Requests { get; private set; }
    public int ServerErrors { get; private set; }
    public int Unsendable { get; private set; }
    public int AcceptedSearches { get; private set; }
    public List<string> Failures { get; } = [];
    public int FailureCount { get; private set; }

    public async Task<string> FuzzAsync(ContractOperation op)
    {
        var (requestsBefore, failuresBefore) = (Requests, FailureCount);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var accepted = 0;
        var example = await world.ExampleAsync(op);
        var fromTable = example is not null;
        if (example is not null)
        {
            await RebaselineAsync();
            var status = await SendAsync(op, new Mutation("the valid request, unchanged", "none", Expect.Any, r => r), example.Request);
            if (status is < 200 or >= 300) Fail(op, "the valid request, unchanged", example.Request, $"was not accepted ({status}): fix the example or the app");
            example = await world.ExampleAsync(op);
        }
        example ??= Generic(op);
        await RebaselineAsync();

        var random = new Random(seed ^ StableHash(op.Id));
        var mutations = RequestMutations.For(op, example.Request, world.Keys, example.ForeignIds).ToList();
        if (op.Body is not null && example.Request.Body is { } body) mutations.AddRange(BodyMutations.For(op.Body, body, random));
        mutations.AddRange(Combinations(mutations, random));

        foreach (var mutation in mutations)
        {
            var status = await SendAsync(op, mutation, mutation.Apply(example.Request));
            if (status is >= 200 and < 300 && op.Method != HttpMethod.Get)
            {
                accepted++;
                // It may have used up what the example pointed at (accepted the referral, used the idempotency key): make a new one.
                if (fromTable && !example.Reusable)
                {
                    example = (await world.ExampleAsync(op))!;
                    await RebaselineAsync();
                }
            }
        }
        return $"{op.Id,-24} {Requests - requestsBefore,6:N0} requests, {accepted,4} writes accepted, {FailureCount - failuresBefore} failures, {clock.Elapsed.TotalSeconds:N1} s"
            + (fromTable ? "" : " (no valid example: built from the contract alone)");
    }

    /// <summary>Sends one request and checks the answer and the state; returns the status (0 when the server threw).</summary>
    private async Task<int> SendAsync(ContractOperation op, Mutation mutation, FuzzRequest request)
    {
        using var message = request.ToMessage();
        if (message is null)
        {
            Unsendable++;
            return 0;
        }
        Requests++;
        int status;
        try
        {
            using var response = await client.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            status = (int)response.StatusCode;
            if (status >= 500)
            {
                ServerErrors++;
                Fail(op, mutation.Name, request, $"answered {status}: {Shorten(text)}");
            }
            else if (status >= 400 && ProblemError(response, text, status) is { } problem)
            {
                Fail(op, mutation.Name, request, problem);
            }
            else if (status < 400 && mutation.Expect == Expect.Reject)
            {
                Fail(op, mutation.Name, request, $"accepted ({status}) what the contract makes invalid: {Shorten(text)}");
            }
            if (op.Id == "Match" && status is >= 200 and < 300) AcceptedSearches++;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ServerErrors++;
            Fail(op, mutation.Name, request, $"the server threw {e.GetType().Name}: {Shorten(e.Message)}");
            status = 0;
        }

        if (await digest.ChangedAsync())
        {
            var now = await digest.ReadAsync();
            // An accepted request may change the state (if it should have been refused, that is already a failure).
            var mayChange = status is >= 200 and < 300;
            if (!mayChange && StateDigest.Difference(_baseline, now) is { Length: > 0 } difference)
                Fail(op, mutation.Name, request, $"was answered {status} but changed what is stored: {difference}");
            _baseline = now;
        }
        return status;
    }

    private async Task RebaselineAsync()
    {
        await digest.ChangedAsync();
        _baseline = await digest.ReadAsync();
    }

    /// <summary>Two or three mutations of different parts at once; refused if any part must be.</summary>
    private static IEnumerable<Mutation> Combinations(IReadOnlyList<Mutation> singles, Random random)
    {
        var pool = singles.Where(m => m.Target != "method").ToList();
        for (var made = 0; made < CombinationsPerOperation && pool.Count > 1;)
        {
            var chosen = new List<Mutation>();
            var size = random.Next(2, 4);
            for (var tries = 0; chosen.Count < size && tries < 20; tries++)
            {
                var candidate = pool[random.Next(pool.Count)];
                if (chosen.All(c => !Conflict(c.Target, candidate.Target))) chosen.Add(candidate);
            }
            if (chosen.Count < 2) continue;
            made++;
            yield return new Mutation(string.Join(" + ", chosen.Select(c => c.Name)), "combination",
                chosen.Any(c => c.Expect == Expect.Reject) ? Expect.Reject : Expect.Any,
                r => chosen.Aggregate(r, (request, m) => m.Apply(request)));
        }
    }

    /// <summary>Whether two mutations touch the same part: the same target, a body and one of its fields, or both the caller.</summary>
    private static bool Conflict(string a, string b)
    {
        foreach (var x in a.Split('+'))
        {
            foreach (var y in b.Split('+'))
            {
                if (x == y || x == "body" && y.StartsWith("body", StringComparison.Ordinal) || y == "body" && x.StartsWith("body", StringComparison.Ordinal)
                    || x.StartsWith(y + ".", StringComparison.Ordinal) || x.StartsWith(y + "[", StringComparison.Ordinal)
                    || y.StartsWith(x + ".", StringComparison.Ordinal) || y.StartsWith(x + "[", StringComparison.Ordinal))
                    return true;
            }
        }
        return false;
    }

    /// <summary>A request built from the contract alone, for an operation the example table does not know yet.</summary>
    private Example Generic(ContractOperation op)
    {
        var role = op.Roles.FirstOrDefault(world.Keys.ByRole.ContainsKey) ?? "admin";
        var path = op.Parameters.Where(p => p.In == ParameterLocation.Path).ToDictionary(p => p.Name,
            p => p.Schema is { } s && Shape.Of(s).Format == "uuid" ? Guid.NewGuid().ToString() : FuzzWorld.Today);
        return new Example(new FuzzRequest
        {
            Method = op.Method,
            PathTemplate = op.Path,
            ApiKeys = [world.Keys.ByRole[role]],
            PathValues = System.Collections.Immutable.ImmutableDictionary.CreateRange(path),
            Body = op.Body is null ? null : new JsonObject(),
        }, new Dictionary<string, string>());
    }

    /// <summary>What is wrong with a 4xx answer as RFC 9457 problem details, or null.</summary>
    private static string? ProblemError(HttpResponseMessage response, string text, int status)
    {
        var media = response.Content.Headers.ContentType?.MediaType;
        if (media != "application/problem+json") return $"answered {status} with Content-Type {media ?? "none"}: {Shorten(text)}";
        JsonNode? problem;
        try
        {
            problem = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return $"answered {status} with a problem that is not JSON: {Shorten(text)}";
        }
        if (problem is not JsonObject o) return $"answered {status} with a problem that is not an object: {Shorten(text)}";
        if (o["status"] is not JsonValue s || !s.TryGetValue<int>(out var said) || said != status) return $"answered {status} with a problem whose status is not {status}: {Shorten(text)}";
        if (o["title"] is not JsonValue t || string.IsNullOrWhiteSpace(t.GetValue<string>())) return $"answered {status} with a problem without a title: {Shorten(text)}";
        if (o["type"] is not JsonValue y || string.IsNullOrWhiteSpace(y.GetValue<string>())) return $"answered {status} with a problem without a type: {Shorten(text)}";
        return null;
    }

    private void Fail(ContractOperation op, string mutation, FuzzRequest request, string what)
    {
        FailureCount++;
        if (Failures.Count < MaxReported) Failures.Add($"{op.Id}, {mutation}: {what}\n    request: {request.Describe()}");
    }

    private static string Shorten(string text) => BodyMutations.Printable(text.Length <= 300 ? text : text[..300] + "…");

    /// <summary>A hash of the operation id that is the same in every process (string.GetHashCode is not).</summary>
    public static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text) hash = (hash ^ c) * 16777619;
            return hash;
        }
    }
}

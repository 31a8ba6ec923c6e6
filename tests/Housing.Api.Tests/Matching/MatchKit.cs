using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Tests.Infrastructure;

namespace Housing.Api.Tests.Matching;

/// <summary>Bodies and readers for POST /v1/matches, and an independent great-circle distance.</summary>
public static class MatchKit
{
    public static JsonObject Adult(int age, params string[] genders) => Member("adult", age, genders);

    public static JsonObject Child(int age, params string[] genders) => Member("child", age, genders);

    public static JsonObject Member(string role, int age, params string[] genders) => new()
    {
        ["role"] = role,
        ["age"] = age,
        ["genders"] = Array(genders),
    };

    public static JsonObject Household(params JsonObject[] members) => new() { ["members"] = new JsonArray(members) };

    /// <summary>Sets a field and returns the object, to describe a household in one expression.</summary>
    public static JsonObject With(this JsonObject o, string key, JsonNode? value)
    {
        o[key] = value;
        return o;
    }

    public static JsonObject Place(double latitude, double longitude, double radiusKm) => new()
    {
        ["latitude"] = latitude,
        ["longitude"] = longitude,
        ["radiusKm"] = radiusKm,
    };

    /// <summary>A search with room for the whole demo county in one answer.</summary>
    public static JsonObject Search(JsonObject household, JsonObject? wants = null, JsonObject? safety = null, int? limit = 200)
    {
        var body = new JsonObject { ["household"] = household };
        if (wants is not null) body["wants"] = wants;
        if (safety is not null) body["safety"] = safety;
        if (limit is not null) body["limit"] = limit;
        return body;
    }

    public static JsonArray Array(params string[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    public static async Task<(JsonNode Outcome, string Text)> MatchWithTextAsync(this HttpClient client, JsonObject body, bool explain = false)
    {
        var response = await client.PostJsonAsync(explain ? "/v1/matches?explain=true" : "/v1/matches", body);
        var text = await response.Content.ReadAsStringAsync();
        var outcome = await response.ExpectAsync(HttpStatusCode.OK);
        return (outcome, text);
    }

    public static async Task<JsonNode> MatchAsync(this HttpClient client, JsonObject body, bool explain = false) =>
        (await client.MatchWithTextAsync(body, explain)).Outcome;

    public static IReadOnlyList<JsonNode> Matches(this JsonNode outcome) => outcome["matches"]!.AsArray().Select(m => m!).ToList();

    public static Guid ProgramId(this JsonNode match) => Guid.Parse((string)match["program"]!["id"]!);

    public static JsonNode? MatchFor(this JsonNode outcome, Guid programId) => outcome.Matches().SingleOrDefault(m => m.ProgramId() == programId);

    /// <summary>Every reason code for one excluded program, from an <c>explain=true</c> answer; null when it was not excluded.</summary>
    public static IReadOnlyList<string>? ExclusionCodes(this JsonNode outcome, Guid programId) =>
        outcome["excludedPrograms"]!.AsArray()
            .SingleOrDefault(p => Guid.Parse((string)p!["programId"]!) == programId)?["reasons"]!.AsArray()
            .Select(r => (string)r!["code"]!).ToList();

    public static IReadOnlyDictionary<Guid, IReadOnlyList<string>> Exclusions(this JsonNode outcome) =>
        outcome["excludedPrograms"]!.AsArray().ToDictionary(
            p => Guid.Parse((string)p!["programId"]!),
            p => (IReadOnlyList<string>)p!["reasons"]!.AsArray().Select(r => (string)r!["code"]!).ToList());

    /// <summary>How many programs the answer counts under a reason code (0 when the code is absent).</summary>
    public static int ExcludedBy(this JsonNode outcome, string code) =>
        outcome["excludedByReason"]!.AsArray().Where(r => (string?)r!["code"] == code).Select(r => (int)r!["count"]!).SingleOrDefault();

    public static IEnumerable<string> Codes(this JsonNode node, string array) => node[array]!.AsArray().Select(x => (string)x!["code"]!);

    /// <summary>Checks the counts in an answer add up: matched plus excluded is everything considered.</summary>
    public static void AssertCountsAddUp(this JsonNode outcome)
    {
        var considered = (int)outcome["considered"]!;
        var matched = (int)outcome["matched"]!;
        var excluded = (int)outcome["excluded"]!;
        Assert.That(matched + excluded, Is.EqualTo(considered), "matched + excluded = considered");
        Assert.That(outcome["excludedByReason"]!.AsArray().Sum(r => (int)r!["count"]!), Is.EqualTo(excluded), "each excluded program counted once");
    }

    /// <summary>
    /// Haversine on a sphere of the IUGG mean radius, written here rather than borrowed from
    /// the engine, so a wrong formula there cannot pass its own test.
    /// </summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0088;
        static double Rad(double d) => d * Math.PI / 180;
        var φ1 = Rad(lat1);
        var φ2 = Rad(lat2);
        var h = Math.Pow(Math.Sin((φ2 - φ1) / 2), 2) + Math.Cos(φ1) * Math.Cos(φ2) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * R * Math.Atan2(Math.Sqrt(h), Math.Sqrt(1 - h));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Referrals;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Referrals;

/// <summary>An agency and one case manager's client bound to it.</summary>
public sealed record Agency(Guid Id, HttpClient CaseManager);

/// <summary>A program and the shelter (organisation and key) that runs it.</summary>
public sealed record ShelterProgram(Guid Id, Shelter Shelter)
{
    public HttpClient Client => Shelter.Client;
}

/// <summary>
/// The world most referral tests need: agencies with case managers, shelters with emergency
/// programs that have posted open beds, and readers for holds, open capacity and the trail.
/// </summary>
public abstract class ReferralTest(DatabaseEngine engine) : HousingTest(engine)
{
    public const string AdultsOnly = "adults_only";
    public const string Families = "adults_with_children";

    private int _agencies;

    protected async Task<Agency> NewAgencyAsync(string? name = null)
    {
        var id = await Admin.CreateOrganizationAsync(name ?? $"Freedom Network {++_agencies}", "agency");
        return new Agency(id, await App.ClientForRoleAsync("case_manager", id));
    }

    /// <summary>
    /// An emergency shelter for women (20 adult beds, 12 family beds in its inventory) of a new
    /// organisation, or of <paramref name="shelter"/>'s, that has posted these open beds.
    /// </summary>
    protected async Task<ShelterProgram> NewProgramAsync(int adultsOpen = 5, int familiesOpen = 6, Shelter? shelter = null,
        string name = "Harbor House Emergency Shelter", Func<Guid, JsonObject>? body = null)
    {
        shelter ??= await App.NewShelterAsync(name);
        var id = await shelter.Client.CreateProgramIdAsync((body ?? (org => Bodies.Emergency(org, name)))(shelter.OrganizationId));
        await (await shelter.Client.PostAvailabilityAsync(id, Bodies.OpenBeds(adultsOpen, familiesOpen))).ExpectAsync(HttpStatusCode.OK);
        return new ShelterProgram(id, shelter);
    }

    protected static JsonObject Woman(int age = 31) => Member("adult", age, "woman");

    protected static JsonObject Man(int age = 50) => Member("adult", age, "man");

    protected static JsonObject Child(int age, string gender = "woman") => Member("child", age, gender);

    protected static JsonObject Member(string role, int age, string gender) => new()
    {
        ["role"] = role,
        ["age"] = age,
        ["genders"] = new JsonArray(gender),
    };

    protected static JsonObject Household(params JsonObject[] members) => new() { ["members"] = new JsonArray(members) };

    protected static JsonObject SingleWoman() => Household(Woman());

    /// <summary>A mother and two children: three beds of the families inventory.</summary>
    protected static JsonObject MotherAndTwoChildren() => Household(Woman(29), Child(6), Child(1));

    protected static JsonObject Referral(JsonObject household, string clientReference, params Guid[] programIds) => new()
    {
        ["programIds"] = new JsonArray(programIds.Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray()),
        ["clientReference"] = clientReference,
        ["household"] = household,
    };

    protected static JsonObject Referral(params Guid[] programIds) => Referral(SingleWoman(), "CM-2026-0042", programIds);

    protected static Task<HttpResponseMessage> PostReferralAsync(HttpClient client, JsonObject body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/referrals")
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    protected static async Task<JsonNode> ReferAsync(HttpClient client, JsonObject body) =>
        await (await PostReferralAsync(client, body)).ExpectAsync(HttpStatusCode.Created);

    protected static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid referralId, string action, JsonObject? body = null) =>
        client.PostJsonAsync($"/v1/referrals/{referralId}/{action}", action == "decline" ? body ?? Decline() : body);

    protected static async Task<JsonNode> ActOkAsync(HttpClient client, Guid referralId, string action, JsonObject? body = null) =>
        await (await ActAsync(client, referralId, action, body)).ExpectAsync(HttpStatusCode.OK);

    protected static JsonObject Decline(string declinedBy = "provider", string reason = "no_capacity", string? text = null)
    {
        var body = new JsonObject { ["declinedBy"] = declinedBy, ["reason"] = reason };
        if (text is not null) body["text"] = text;
        return body;
    }

    protected static Task<JsonNode> GetReferralAsync(HttpClient client, Guid id) => client.GetJsonAsync($"/v1/referrals/{id}");

    /// <summary>One household type's counts from GET /v1/programs/{id}/availability: open, held, capacity.</summary>
    protected async Task<JsonNode> CountsAsync(Guid programId, string householdType = AdultsOnly) =>
        (await Admin.GetJsonAsync($"/v1/programs/{programId}/availability"))["counts"]!.AsArray()
        .Single(c => (string?)c!["householdType"] == householdType)!;

    protected async Task<(int Open, int Held)> OpenAndHeldAsync(Guid programId, string householdType = AdultsOnly)
    {
        var counts = await CountsAsync(programId, householdType);
        return ((int)counts["open"]!, (int)counts["held"]!);
    }

    /// <summary>The same counts from the listing, GET /v1/availability, which is served from memory.</summary>
    protected async Task<(int Open, int Held)> ListedOpenAndHeldAsync(Guid programId, string householdType = AdultsOnly)
    {
        var item = (await Admin.GetJsonAsync("/v1/availability?limit=200")).Items().Single(i => i.Id("programId") == programId);
        var counts = item["counts"]!.AsArray().Single(c => (string?)c!["householdType"] == householdType)!;
        return ((int)counts["open"]!, (int)counts["held"]!);
    }

    protected Task<int> SweepAsync() => App.Services.GetRequiredService<ReferralSweeper>().SweepAsync(CancellationToken.None);

    protected async Task<T> QueryScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return (await db.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    protected async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return (await db.QueryAsync<T>(sql, parameters)).ToList();
    }

    protected Task<int> HoldRowsAsync() => QueryScalarAsync<int>("SELECT COUNT(*) FROM holds;");

    protected Task<int> UnreleasedHoldRowsAsync() => QueryScalarAsync<int>("SELECT COUNT(*) FROM holds WHERE released_at IS NULL;");

    protected static IReadOnlyList<JsonNode> Steps(JsonNode referral) => referral["steps"]!.AsArray().Select(s => s!).ToList();

    protected static string? Status(JsonNode node) => (string?)node["status"];

    /// <summary>The trail as "position:status" (with the reason code when there is one), for one readable assertion.</summary>
    protected static IReadOnlyList<string> Trail(JsonNode referral) => Steps(referral)
        .Select(s => $"{(int)s["position"]!}:{Status(s)}" + (s["reasonCode"] is { } code ? $":{(string)code!}" : ""))
        .ToList();

    protected static async Task<string> ProblemTypeAsync(HttpResponseMessage response, HttpStatusCode status) =>
        (string)(await response.ExpectProblemAsync(status))["type"]!;
}

using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Asks;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Asks;

/// <summary>
/// The referral tests' world (agencies, shelters, emergency programs for women in Metro LA), with
/// programs that are full, and helpers to ask, answer and read asks.
/// </summary>
public abstract class AskTest(DatabaseEngine engine) : ReferralTest(engine)
{
    /// <summary>An emergency program for women with no open bed, at this place (Metro LA by default).</summary>
    protected Task<ShelterProgram> FullProgramAsync(string name = "Full House", Shelter? shelter = null, double latitude = 34.0612, double longitude = -118.2801,
        Func<JsonObject, JsonObject>? change = null) =>
        NewProgramAsync(adultsOpen: 0, familiesOpen: 0, shelter: shelter, name: name, body: org =>
        {
            var body = Bodies.Emergency(org, name);
            body["location"] = Bodies.Location(latitude, longitude);
            return change is null ? body : change(body);
        });

    protected static JsonObject AskBody(JsonObject? household = null, string clientReference = "CM-2026-0042", Guid[]? programIds = null, JsonObject? safety = null)
    {
        var body = new JsonObject { ["household"] = household ?? SingleWoman(), ["clientReference"] = clientReference };
        if (programIds is not null) body["programIds"] = new JsonArray(programIds.Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray());
        if (safety is not null) body["safety"] = safety;
        return body;
    }

    protected static Task<HttpResponseMessage> PostAskAsync(HttpClient client, JsonObject body) => client.PostJsonAsync("/v1/asks", body);

    protected static async Task<JsonNode> AskAsync(HttpClient client, JsonObject? body = null) =>
        await (await PostAskAsync(client, body ?? AskBody())).ExpectAsync(HttpStatusCode.Created);

    protected static Task<HttpResponseMessage> AnswerAsync(HttpClient client, Guid askId, Guid programId, JsonObject body) =>
        client.PostJsonAsync($"/v1/asks/{askId}/programs/{programId}/answer", body);

    protected static JsonObject Yes(string? arriveBy = null)
    {
        var body = new JsonObject { ["answer"] = "yes" };
        if (arriveBy is not null) body["arriveBy"] = arriveBy;
        return body;
    }

    protected static JsonObject No(string reason = "needs_not_met", string? text = null)
    {
        var body = new JsonObject { ["answer"] = "no", ["reason"] = reason };
        if (text is not null) body["text"] = text;
        return body;
    }

    protected static Task<JsonNode> GetAskAsync(HttpClient client, Guid id) => client.GetJsonAsync($"/v1/asks/{id}");

    /// <summary>The ask's lines as "programId:status", in rank order.</summary>
    protected static IReadOnlyList<(Guid ProgramId, string Status)> Lines(JsonNode ask) =>
        ask["programs"]!.AsArray().Select(l => (l!.Id("programId"), (string)l!["status"]!)).ToList();

    protected Task<int> SweepAsksAsync() => App.Services.GetRequiredService<AskSweeper>().SweepAsync(CancellationToken.None);
}

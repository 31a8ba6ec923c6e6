using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Housing.Api.Tests.Referrals;

namespace Housing.Api.Tests.Organizations;

/// <summary>Referral-only programs, their organisations' partner agencies, and the calls that read and set them.</summary>
public abstract class PartnerTest(DatabaseEngine engine) : ReferralTest(engine)
{
    /// <summary>An emergency shelter for women that takes referrals only from partner agencies, with open beds.</summary>
    protected Task<ShelterProgram> NewReferralOnlyProgramAsync(string name = "Partners Only House", Shelter? shelter = null) =>
        NewProgramAsync(adultsOpen: 5, familiesOpen: 6, shelter: shelter, name: name, body: org =>
        {
            var body = Bodies.Emergency(org, name);
            body["eligibility"]!["referralOnly"] = true;
            return body;
        });

    protected static JsonObject PartnersBody(params Guid[] agencyIds) => new()
    {
        ["agencyIds"] = new JsonArray(agencyIds.Select(a => (JsonNode)JsonValue.Create(a.ToString())!).ToArray()),
    };

    protected static Task<HttpResponseMessage> PutPartnersAsync(HttpClient client, Guid organizationId, JsonObject body) =>
        client.PutJsonAsync($"/v1/organizations/{organizationId}/partners", body);

    protected static async Task SetPartnersAsync(HttpClient client, Guid organizationId, params Guid[] agencyIds) =>
        await (await PutPartnersAsync(client, organizationId, PartnersBody(agencyIds))).ExpectAsync(HttpStatusCode.OK);

    /// <summary>POST /v1/matches?explain=true for a single woman.</summary>
    protected static async Task<JsonNode> SearchAsync(HttpClient client) =>
        await (await client.PostJsonAsync("/v1/matches?explain=true", new JsonObject { ["household"] = SingleWoman(), ["limit"] = 50 }))
            .ExpectAsync(HttpStatusCode.OK);

    protected static IReadOnlyList<Guid> Matched(JsonNode outcome) =>
        outcome["matches"]!.AsArray().Select(m => m!["program"]!.Id()).ToList();

    /// <summary>The reason codes the explanation gives for one excluded program (empty when it was not excluded).</summary>
    protected static IReadOnlyList<string> ReasonsFor(JsonNode outcome, Guid programId) =>
        outcome["excludedPrograms"]!.AsArray().Where(p => p!.Id("programId") == programId)
            .SelectMany(p => p!["reasons"]!.AsArray().Select(r => (string)r!["code"]!)).ToList();
}

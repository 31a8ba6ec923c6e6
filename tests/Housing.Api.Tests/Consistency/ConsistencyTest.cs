using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Asks;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Consistency;

/// <summary>
/// The referral and ask tests' world, with the consistency check run by hand (POST
/// /v1/admin/consistency/run) rather than at start-up and on the clock, so a test decides when it
/// runs; and a way to change the database behind the service's back, as a bug or a hand-made fix would.
/// </summary>
public abstract class ConsistencyTest(DatabaseEngine engine) : AskTest(engine)
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Consistency:Schedule"] = "false" };

    /// <summary>Runs the check now, as an admin; its report.</summary>
    protected async Task<JsonNode> CheckAsync() => await (await Admin.PostAsync("/v1/admin/consistency/run", null)).ExpectAsync(HttpStatusCode.OK);

    protected static IReadOnlyList<JsonNode> Repaired(JsonNode report) => report["repaired"]!.AsArray().Select(f => f!).ToList();

    protected static IReadOnlyList<JsonNode> Open(JsonNode report) => report["open"]!.AsArray().Select(f => f!).ToList();

    /// <summary>Findings as "kind:action" (with the household type when there is one), for one readable assertion.</summary>
    protected static IReadOnlyList<string> Kinds(IEnumerable<JsonNode> findings) =>
        findings.Select(f => $"{(string)f["kind"]!}:{(string)f["action"]!}" + (f["householdType"] is { } t ? $":{(string)t!}" : "")).ToList();

    /// <summary>Runs SQL on the app's database directly, as nothing in the service would.</summary>
    protected async Task BehindTheServicesBackAsync(string sql, object? parameters = null)
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await db.ExecuteAsync(sql, parameters);
    }

    /// <summary>Ends a referral's current step (and the referral) in the database without releasing its hold: a phantom.</summary>
    protected Task EndBehindTheBackAsync(Guid referralId, string status) => BehindTheServicesBackAsync($"""
        UPDATE referral_steps SET status = '{status}' WHERE referral_id = @id AND status IN ('pending', 'accepted');
        UPDATE referrals SET status = '{status}' WHERE id = @id;
        """, new { id = referralId.ToString() });

    /// <summary>Programs a search for these two women matches, by id.</summary>
    protected async Task<IReadOnlyList<Guid>> MatchedForTwoWomenAsync(HttpClient caseManager) =>
        (await (await caseManager.PostJsonAsync("/v1/matches", new JsonObject { ["household"] = Household(Woman(30), Woman(52)) }))
            .ExpectAsync(HttpStatusCode.OK))["matches"]!.AsArray().Select(m => m!["program"]!.Id()).ToList();
}

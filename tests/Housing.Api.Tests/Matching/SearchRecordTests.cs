using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Matching;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Housing.Api.Tests.Matching.MatchKit;

namespace Housing.Api.Tests.Matching;

/// <summary>Every search is kept for the unmet-need report as a shape and an outcome, never safety data.</summary>
public sealed class SearchRecordTests(DatabaseEngine engine) : SeededCountyTest(engine)
{
    [Test]
    public async Task ASearchIsRecordedByHouseholdShapeWithoutItsSafetyDetails()
    {
        // Real ones: an organisation or program that does not exist is refused, not recorded.
        var unsafeOrganization = Partner.OrganizationId;
        var unsafeProgram = await Partner.Client.CreateProgramIdAsync(AdultShelter("Harbor Adults", "spa-4", 34.06, -118.28));
        var outcome = await CaseManager.MatchAsync(Search(
            Household(Adult(29, "woman"), Child(9, "man"), Child(6, "woman"), Child(1, "man")).With("trafficking", "sex"),
            wants: new JsonObject { ["kinds"] = Array("emergency", "transitional") },
            safety: new JsonObject
            {
                ["unsafePlaces"] = new JsonArray(Place(33.9617, -118.2833, 8.5)),
                ["unsafeRegions"] = Array("spa-6"),
                ["unsafeOrganizationIds"] = new JsonArray(unsafeOrganization.ToString()),
                ["unsafeProgramIds"] = new JsonArray(unsafeProgram.ToString()),
                ["confidentialRequired"] = true,
            }));

        var row = await SingleSearchRowAsync();

        Assert.That(row["household_type"], Is.EqualTo(3L), "adults with children");
        Assert.That(row["adults"], Is.EqualTo(1L));
        Assert.That(row["children"], Is.EqualTo(3L));
        Assert.That(row["children_under_5"], Is.EqualTo(1L));
        Assert.That(row["boys_over_12"], Is.EqualTo(0L));
        Assert.That(row["kinds"], Is.EqualTo("emergency,transitional"));
        Assert.That(row["considered"], Is.EqualTo((long)(int)outcome["considered"]!));
        Assert.That(row["matched"], Is.EqualTo((long)(int)outcome["matched"]!));
        Assert.That(row["top_reason"], Is.EqualTo((string?)outcome["excludedByReason"]![0]!["code"]));
        var excluded = JsonNode.Parse((string)row["excluded_json"]!)!.AsObject();
        Assert.That(excluded.ToDictionary(e => e.Key, e => (int)e.Value!),
            Is.EquivalentTo(outcome["excludedByReason"]!.AsArray().ToDictionary(r => (string)r!["code"]!, r => (int)r!["count"]!)));

        var text = string.Join("|", row.Values);
        foreach (var secret in new[] { "33.96", "118.28", "8.5", "spa-6", unsafeOrganization.ToString(), unsafeProgram.ToString(), "woman", "sex" })
            Assert.That(text, Does.Not.Contain(secret), $"the record keeps no '{secret}'");
    }

    [Test]
    public async Task AnInvalidSearchIsNotRecorded()
    {
        await CaseManager.PostJsonAsync("/v1/matches", Search(Household()));
        await CaseManager.MatchAsync(Search(Household(Adult(40, "man"))));

        var row = await SingleSearchRowAsync();

        Assert.That(row["household_type"], Is.EqualTo(1L));
    }

    /// <summary>
    /// Flushes the queue, then waits for the one row: the background writer may have taken
    /// the record off the queue just before the flush and still be committing it.
    /// </summary>
    private async Task<IDictionary<string, object?>> SingleSearchRowAsync()
    {
        await App.Services.GetRequiredService<SearchLog>().FlushAsync(CancellationToken.None);
        var connections = App.Services.GetRequiredService<IDbConnectionFactory>();
        for (var attempt = 0; ; attempt++)
        {
            await using DbConnection db = await connections.OpenAsync(CancellationToken.None);
            var rows = (await db.QueryAsync("SELECT * FROM match_searches")).Cast<IDictionary<string, object?>>().ToList();
            if (rows.Count > 0 || attempt == 100)
            {
                Assert.That(rows, Has.Count.EqualTo(1), "one row per search");
                return rows[0];
            }
            await Task.Delay(20);
        }
    }
}

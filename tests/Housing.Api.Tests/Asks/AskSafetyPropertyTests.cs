using System.Net;
using System.Text.Json.Nodes;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using ShelterProgram = Housing.Api.Tests.Referrals.ShelterProgram;

namespace Housing.Api.Tests.Asks;

/// <summary>
/// Whatever the safety input, an ask reaches exactly the programs a search with the same input
/// explains as failing on capacity alone: never one inside an unsafe place, of an unsafe
/// organisation or program, in an unsafe region, or one the household is not eligible for.
/// </summary>
public sealed class AskSafetyPropertyTests(DatabaseEngine engine) : AskTest(engine)
{
    private static readonly string[] Capacity = ["full", "capacity_unknown"];

    [Test]
    public async Task AnAskReachesOnlyProgramsThatFailOnCapacityAloneWhateverTheSafetyInput()
    {
        var random = new Random(20260302);
        var programs = new List<ShelterProgram>();
        var regions = new[] { "spa-4", "spa-6", "spa-2" };
        for (var i = 0; i < 8; i++)
        {
            var (latitude, longitude) = (34.0 + random.NextDouble() * 0.3, -118.45 + random.NextDouble() * 0.3);
            var region = regions[i % 3];
            var menOnly = i % 4 == 3;
            programs.Add(await FullProgramAsync($"Shelter {i}", latitude: latitude, longitude: longitude, change: b =>
            {
                b["region"] = region;
                if (menOnly) b["eligibility"]!["gendersServed"] = new JsonArray("man");
                return b;
            }));
        }
        programs.Add(await NewProgramAsync(adultsOpen: 4, name: "Has Room"));
        var agency = await NewAgencyAsync();

        for (var round = 0; round < 8; round++)
        {
            var safety = new JsonObject();
            if (random.Next(2) == 0)
                safety["unsafePlaces"] = new JsonArray(new JsonObject
                {
                    ["latitude"] = 34.0 + random.NextDouble() * 0.3,
                    ["longitude"] = -118.45 + random.NextDouble() * 0.3,
                    ["radiusKm"] = 2 + random.Next(10),
                });
            if (random.Next(2) == 0) safety["unsafeOrganizationIds"] = new JsonArray(programs[random.Next(programs.Count)].Shelter.OrganizationId.ToString());
            if (random.Next(2) == 0) safety["unsafeProgramIds"] = new JsonArray(programs[random.Next(programs.Count)].Id.ToString());
            if (random.Next(3) == 0) safety["unsafeRegions"] = new JsonArray(regions[random.Next(regions.Length)]);

            var search = new JsonObject { ["household"] = SingleWoman(), ["safety"] = safety.DeepClone() };
            var explained = await (await agency.CaseManager.PostJsonAsync("/v1/matches?explain=true", search)).ExpectAsync(HttpStatusCode.OK);
            var expected = explained["excludedPrograms"]!.AsArray()
                .Where(p => p!["reasons"]!.AsArray().All(r => Capacity.Contains((string?)r!["code"])))
                .Select(p => p!.Id("programId")).ToHashSet();

            var response = await PostAskAsync(agency.CaseManager, AskBody(safety: (JsonObject)safety.DeepClone()));
            if (expected.Count == 0)
            {
                await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
                continue;
            }
            var ask = await response.ExpectAsync(HttpStatusCode.Created);
            Assert.That(Lines(ask).Select(l => l.ProgramId), Is.EquivalentTo(expected), safety.ToJsonString());
            await (await agency.CaseManager.PostJsonAsync($"/v1/asks/{ask.Id()}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Housing.Api.Data;
using Housing.Api.Demo;
using Housing.Api.Errors;
using Housing.Api.Programs;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Demo;

public sealed partial class DemoSeedTests(DatabaseEngine engine) : HousingTest(engine)
{
    [Test]
    public async Task SeedingAFreshDatabaseCreatesARealisticCounty()
    {
        var (result, keys) = await SeedAsync();
        var admin = App.Client(keys["ADMIN_KEY"]);

        var organizations = await ListAllAsync(admin, "/v1/organizations");
        var programs = await ListAllAsync(admin, "/v1/programs");
        Assert.That(organizations, Has.Count.InRange(35, 45));
        Assert.That(programs, Has.Count.InRange(140, 160));
        Assert.That(result.Seeded?.Programs, Is.EqualTo(programs.Count));

        var share = programs.GroupBy(p => (string)p["kind"]!).ToDictionary(g => g.Key, g => (double)g.Count() / programs.Count);
        Assert.That(share.GetValueOrDefault("emergency"), Is.InRange(0.5, 0.7));
        Assert.That(share.GetValueOrDefault("transitional"), Is.InRange(0.15, 0.35));
        Assert.That(share.GetValueOrDefault("rapid_rehousing"), Is.InRange(0.08, 0.25));
        Assert.That(programs.Select(p => (string)p["region"]!).Distinct(), Is.EquivalentTo(Enumerable.Range(1, 8).Select(n => $"spa-{n}")));

        Assert.That(programs.Where(p => (bool)p["confidential"]!), Is.Not.Empty.And.All.Matches<JsonNode>(p => p["address"] is null),
            "confidential programs exist, and no listing shows their address");
        Assert.That(programs, Has.Some.Matches<JsonNode>(p => Genders(p).SequenceEqual(["woman"])), "women-only");
        Assert.That(programs, Has.Some.Matches<JsonNode>(p => Genders(p).SequenceEqual(["man"])), "men-only");
        Assert.That(programs, Has.Some.Matches<JsonNode>(p => HouseholdTypes(p).Contains("adults_with_children")), "families");
        Assert.That(programs, Has.Some.Matches<JsonNode>(p => HouseholdTypes(p).Contains("children_only")), "unaccompanied minors");
        Assert.That(programs, Has.Some.Matches<JsonNode>(p => (int?)p["eligibility"]!["minAdultAge"] == 18 && (int?)p["eligibility"]!["maxAdultAge"] == 24), "youth 18-24");
        Assert.That(programs, Has.Some.Matches<JsonNode>(p => (int?)p["eligibility"]!["maxBoyAge"] == 12), "refuses boys over 12");
        Assert.That(programs, Has.Some.Matches<JsonNode>(p => p["warnings"]!.AsArray().Any(w => (string?)w!["code"] == "hud_child_age_limit")),
            "a HUD-funded program with a child age limit shows the warning");
        Assert.That(programs, Has.Some.Matches<JsonNode>(p =>
            Genders(p).SequenceEqual(["man"]) && p["eligibility"]!["traffickingTypesServed"]!.AsArray().Any(t => (string?)t == "labor")),
            "a program for men who escaped labour trafficking");
        Assert.That(programs.Where(p => (string)p["kind"]! == "rapid_rehousing"),
            Has.All.Matches<JsonNode>(p => (int)p["hudProjectType"]! == 13 && p["inventory"]!.AsArray().All(i => (int)i!["slots"]! > 0)));
    }

    [Test]
    public async Task SeededAvailabilityHasASpreadOfAgesAndMostProgramsFull()
    {
        var (_, keys) = await SeedAsync();
        var caseManager = App.Client(keys["CASE_MANAGER_KEY"]);

        var items = await ListAllAsync(caseManager, "/v1/availability");
        var freshness = items.GroupBy(i => (string)i["freshness"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(freshness.Keys, Is.EquivalentTo(new[] { "fresh", "aging", "stale", "unknown" }));
        Assert.That(freshness["fresh"], Is.GreaterThan(items.Count / 2), "most programs posted within two hours");

        var open = items.Count(i => i["counts"]!.AsArray().Any(c => (int)c!["open"]! > 0));
        Assert.That(open, Is.GreaterThan(0).And.LessThan(items.Count / 2), "a minority has open capacity");
    }

    [Test]
    public async Task PrintedKeysWorkForEachRole()
    {
        var (_, keys) = await SeedAsync();
        Assert.That(keys.Keys, Is.EquivalentTo(new[] { "ADMIN_KEY", "CASE_MANAGER_KEY", "SHELTER_KEY", "REPORTER_KEY", "SHELTER_PROGRAM_ID" }));

        await (await App.Client(keys["ADMIN_KEY"]).GetAsync("/v1/api-keys")).ExpectAsync(HttpStatusCode.OK);
        await (await App.Client(keys["CASE_MANAGER_KEY"]).GetAsync("/v1/availability?minOpen=1")).ExpectAsync(HttpStatusCode.OK);
        await (await App.Client(keys["REPORTER_KEY"]).GetAsync("/v1/availability")).ExpectAsync(HttpStatusCode.OK);

        var shelter = App.Client(keys["SHELTER_KEY"]);
        var own = await ListAllAsync(shelter, "/v1/programs");
        Assert.That(own, Has.Count.GreaterThanOrEqualTo(3));
        var confidential = own.First(p => (bool)p["confidential"]!);
        var detail = await shelter.GetJsonAsync($"/v1/programs/{(string)confidential["id"]!}");
        Assert.That((string?)detail["address"], Is.Not.Null.And.Not.Empty, "a shelter sees its own confidential program's address");

        // The README's walk-through: the shelter posts one open family unit, a case manager finds it.
        var programId = keys["SHELTER_PROGRAM_ID"];
        Assert.That(own.Select(p => (string)p["id"]!), Does.Contain(programId));
        var posted = await (await shelter.PostAvailabilityAsync(Guid.Parse(programId), new JsonObject
        {
            ["counts"] = new JsonArray(new JsonObject { ["householdType"] = "adults_with_children", ["beds"] = 4, ["units"] = 1 }),
        })).ExpectAsync(HttpStatusCode.OK);
        Assert.That((string?)posted["freshness"], Is.EqualTo("fresh"));
        var found = await ListAllAsync(App.Client(keys["CASE_MANAGER_KEY"]), "/v1/availability?kind=emergency&householdType=adults_with_children&minOpen=3");
        Assert.That(found.Select(i => (string)i["programId"]!), Does.Contain(programId));
    }

    [Test]
    public async Task SeedingTwiceKeepsTheCountyAndRevokesTheFirstKeys()
    {
        var (first, firstKeys) = await SeedAsync();
        var (second, secondKeys) = await SeedAsync();

        Assert.That(first.Seeded, Is.Not.Null);
        Assert.That(second.Seeded, Is.Null, "the second call seeds nothing");
        var programs = await ListAllAsync(App.Client(secondKeys["ADMIN_KEY"]), "/v1/programs");
        Assert.That(programs, Has.Count.EqualTo(first.Seeded!.Programs));
        Assert.That(secondKeys["SHELTER_PROGRAM_ID"], Is.EqualTo(firstKeys["SHELTER_PROGRAM_ID"]));

        foreach (var role in new[] { "ADMIN_KEY", "CASE_MANAGER_KEY", "SHELTER_KEY", "REPORTER_KEY" })
        {
            var old = await App.Client(firstKeys[role]).GetAsync("/v1/availability");
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"first {role} is revoked");
            var fresh = await App.Client(secondKeys[role]).GetAsync("/v1/availability");
            Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"second {role} works");
        }
    }

    [Test]
    public async Task SeedingAtScaleRepeatsTheCountyWithTheNextSeeds()
    {
        var (result, keys) = await SeedAsync(atLeast: 151);

        var today = DateOnly.FromDateTime(HousingApp.Start.UtcDateTime);
        var expected = DemoCounty.Generate(today).Programs.Count() + DemoCounty.Generate(today, DemoCounty.DefaultSeed + 1).Programs.Count();
        Assert.That(result.Seeded!.Programs, Is.EqualTo(expected), "two counties: the first alone has fewer than 151");
        var programs = await ListAllAsync(App.Client(keys["ADMIN_KEY"]), "/v1/programs");
        Assert.That(programs, Has.Count.EqualTo(expected));
        var own = await ListAllAsync(App.Client(keys["SHELTER_KEY"]), "/v1/programs");
        Assert.That(own.Select(p => (string)p["id"]!), Does.Contain(keys["SHELTER_PROGRAM_ID"]),
            "the demo keys belong to the first county, as without --programs");
        Assert.That(own, Has.Count.EqualTo(DemoCounty.Generate(today).Organizations.Single(o => o.Request.Name == DemoCounty.ShelterOrganization).Programs.Count));
    }

    [TestCase(new[] { "seed" }, 0, null)]
    [TestCase(new[] { "seed", "--programs", "10000" }, 10000, null)]
    [TestCase(new[] { "seed", "--programs", "10000", "--urls", "http://127.0.0.1:0" }, 10000, null)]
    [TestCase(new[] { "--demo", "--programs", "10000" }, 10000, null)]
    [TestCase(new[] { "seed", "--programs" }, 0, "--programs (with seed or --demo) takes a whole number")]
    [TestCase(new[] { "seed", "--programs", "0" }, 0, "--programs (with seed or --demo) takes a whole number")]
    [TestCase(new[] { "seed", "--programs", "ten" }, 0, "--programs (with seed or --demo) takes a whole number")]
    [TestCase(new[] { "seed", "--programs", "1000001" }, 0, "--programs (with seed or --demo) takes a whole number")]
    public void SeedProgramsIsAPositiveCount(string[] args, int programs, string? error)
    {
        var command = Housing.Api.Operations.HostCommand.Parse(args);
        Assert.That(command.Seed || command.Demo, Is.True);
        Assert.That(command.SeedPrograms, Is.EqualTo(programs));
        Assert.That(command.Error, error is null ? Is.Null : Does.StartWith(error));
        Assert.That(command.HostArgs, Does.Not.Contain("--programs").And.Not.Contain("10000"), "the host never sees the seed's own option");
    }

    [TestCase("short", "must be at least 16 characters")]
    [TestCase("a-long-enough-bootstrap-key", null)]
    [TestCase("", null)]
    public void ABootstrapKeyTheServiceCannotUseStopsItAtStart(string key, string? error)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [Housing.Api.Auth.BootstrapAdminKey.Variable] = key }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<Housing.Api.Auth.BootstrapAdminKey>().BuildServiceProvider();
        Assert.That(Housing.Api.Operations.HostCommand.SettingsError(services), error is null ? Is.Null : Does.Contain(error));
    }

    [Test]
    public async Task TheSameSeedGivesTheSameCounty()
    {
        var (_, keys) = await SeedAsync();
        var seeded = (await ListAllAsync(App.Client(keys["ADMIN_KEY"]), "/v1/programs")).Select(p => (string)p["name"]!);

        var today = DateOnly.FromDateTime(HousingApp.Start.UtcDateTime);
        var names = DemoCounty.Generate(today).Programs.Select(p => p.Request.Name).ToList();
        Assert.That(seeded, Is.EquivalentTo(names));
        Assert.That(DemoCounty.Generate(today.AddDays(200)).Programs.Select(p => p.Request.Name), Is.EqualTo(names),
            "names do not depend on the date");
        Assert.That(names, Is.Unique);
        Assert.That(names, Does.Contain(DemoCounty.ShelterProgram));
        Assert.That(DemoCounty.Generate(today, seed: 7).Programs.Select(p => p.Request.Name), Is.Not.EqualTo(names));
    }

    [Test]
    public void EveryDemoProgramIsValid([Values(20261125, 1, 2, 3)] int seed)
    {
        foreach (var program in DemoCounty.Generate(new DateOnly(2026, 7, 1), seed).Programs)
        {
            var v = new Validation();
            ProgramRules.Validate(program.Request with { OrganizationId = Guid.NewGuid() }, v);
            Assert.That(v.Errors, Is.Empty, program.Request.Name);
        }
    }

    private async Task<(DemoSeedResult Result, Dictionary<string, string> Exports)> SeedAsync(int atLeast = 0)
    {
        var result = await App.Services.GetRequiredService<DemoSeeder>().SeedAsync(serving: false, CancellationToken.None, atLeast);
        using var output = new StringWriter();
        DemoSeeder.Print(result, output);
        var exports = ExportLine().Matches(output.ToString()).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        return (result, exports);
    }

    private static async Task<List<JsonNode>> ListAllAsync(HttpClient client, string path)
    {
        var items = new List<JsonNode>();
        string? after = null;
        do
        {
            var separator = path.Contains('?') ? '&' : '?';
            var page = await client.GetJsonAsync($"{path}{separator}limit=200{(after is null ? "" : $"&after={after}")}");
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            after = (string?)page["next"];
        } while (after is not null);
        return items;
    }

    private static IEnumerable<string> Genders(JsonNode program) =>
        program["eligibility"]!["gendersServed"]!.AsArray().Select(g => (string)g!);

    private static IEnumerable<string> HouseholdTypes(JsonNode program) =>
        program["inventory"]!.AsArray().Select(i => (string)i!["householdType"]!);

    [GeneratedRegex(@"^export ([A-Z_]+)=(\S+)$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();
}

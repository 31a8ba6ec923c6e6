using System.Text;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Programs;

namespace Housing.Bench;

/// <summary>
/// Writes the engine's full answers (as JSON) for a fixed set of random queries over fixed
/// catalogs, so an optimisation of the engine can be checked to change nothing: run it before
/// and after, and compare the files.
/// <c>dotnet run -c Release --project bench/Housing.Bench -- --golden before.jsonl</c>
/// </summary>
public static class Golden
{
    public static void Write(string path, int queriesPerCatalog = 400)
    {
        using var output = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var lines = 0;
        foreach (var (programs, seed) in new[] { (300, 1), (3_000, 2), (20_000, 3) })
        {
            var entries = BenchCatalog.Build(programs, seed);
            var index = MatchIndex.Build(entries, BenchCatalog.Today);
            var r = new Random(seed * 7919);
            var fixedQueries = new[] { Queries.MotherAndThreeChildren(BenchCatalog.Today), Queries.SingleMan(BenchCatalog.Today) };
            for (var i = 0; i < queriesPerCatalog; i++)
            {
                var query = i < fixedQueries.Length ? fixedQueries[i] : RandomQuery(r, entries);
                var weights = r.NextDouble() < 0.8 ? new ScoringWeights() : RandomWeights(r);
                var limit = r.NextDouble() < 0.5 ? 20 : r.Next(1, 201);
                var explain = r.NextDouble() < (programs <= 3_000 ? 0.25 : 0.02);
                var now = BenchCatalog.Now.AddMinutes(r.Next(-600, 600));
                var outcome = MatchEngine.Run(index, query, now, weights, limit, explain);
                output.WriteLine(HousingJson.Serialize(new { programs, i, limit, explain, outcome }));
                lines++;
            }
        }
        Console.WriteLine($"wrote {lines} outcomes to {path}");
    }

    private static ScoringWeights RandomWeights(Random r) => new()
    {
        SafetyMargin = Weight(r),
        Confidentiality = Weight(r),
        Freshness = Weight(r),
        FewerBarriers = Weight(r),
        StayFit = Weight(r),
        Language = Weight(r),
        Services = Weight(r),
        PreferredKind = Weight(r),
    };

    private static double Weight(Random r) => r.NextDouble() < 0.3 ? 0 : Math.Round(r.NextDouble() * 5, 1);

    private static MatchQuery RandomQuery(Random r, List<CatalogEntry> entries)
    {
        var members = new List<HouseholdMember>();
        var adults = r.Next(0, 4);
        var children = adults == 0 ? r.Next(1, 3) : r.Next(0, 5);
        for (var a = 0; a < adults; a++) members.Add(new HouseholdMember(MemberRole.Adult, r.Next(18, 80), Genders(r)));
        for (var c = 0; c < children; c++) members.Add(new HouseholdMember(MemberRole.Child, r.Next(0, 18), Genders(r)));
        string[] languages = ["en", "es", "ko", "zh", "hy", "tl", "fa", "xx"];
        var household = new Household(
            members,
            Pregnant: r.NextDouble() < 0.15,
            Pets: r.NextDouble() < 0.15,
            Wheelchair: r.NextDouble() < 0.1,
            Languages: languages.Where(_ => r.NextDouble() < 0.2).ToList(),
            Trafficking: (TraffickingExperience)r.Next(0, 4),
            HomelessCategory: r.NextDouble() < 0.3 ? null : r.Next(1, 5),
            HasId: r.NextDouble() < 0.7,
            HasImmigrationDocuments: r.NextDouble() < 0.7,
            CriminalRecord: r.NextDouble() < 0.2,
            SubstanceUse: r.NextDouble() < 0.2);
        var kinds = Enum.GetValues<ProgramKind>().OrderBy(_ => r.Next()).Take(r.Next(0, 4)).ToList();
        var services = Enum.GetValues<ProgramService>().Where(_ => r.NextDouble() < 0.15).ToList();
        var wants = new Wants(
            r.NextDouble() < 0.3 ? null : kinds,
            r.NextDouble() < 0.3 ? null : BenchCatalog.Today.AddDays(r.Next(0, 60)),
            r.NextDouble() < 0.3 ? null : r.Next(1, 1000),
            r.NextDouble() < 0.3 ? null : services);
        var places = Enumerable.Range(0, r.Next(0, 4))
            .Select(_ => new UnsafePlace(33.8 + r.NextDouble() * 0.9, -118.6 + r.NextDouble() * 0.6, 0.5 + r.NextDouble() * 15))
            .ToList();
        var regions = Enumerable.Range(1, 9).Select(n => $"spa-{n}").Where(_ => r.NextDouble() < 0.1).ToList();
        var safety = new Safety(
            r.NextDouble() < 0.2 ? null : places,
            r.NextDouble() < 0.2 ? null : regions,
            Enumerable.Range(0, r.Next(0, 3)).Select(_ => entries[r.Next(entries.Count)].Program.Definition.OrganizationId).ToList(),
            Enumerable.Range(0, r.Next(0, 3)).Select(_ => entries[r.Next(entries.Count)].Program.Id).ToList(),
            r.NextDouble() < 0.2);
        return new MatchQuery(household, wants, safety);
    }

    private static List<Gender> Genders(Random r)
    {
        var genders = Enum.GetValues<Gender>().Where(_ => r.NextDouble() < 0.1).ToList();
        if (genders.Count == 0) genders.Add(r.NextDouble() < 0.5 ? Gender.Woman : Gender.Man);
        return genders;
    }
}

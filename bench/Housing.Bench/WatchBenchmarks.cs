using BenchmarkDotNet.Attributes;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Matching;
using Housing.Api.Programs;
using Housing.Api.Watches;

namespace Housing.Bench;

/// <summary>
/// Re-checking watches after one post, in process, at 10k programs and 1,000 live watches.
/// Target: the median of <see cref="AfterOnePost"/> under 1 ms. The floor beside it is the same
/// work done the way the design forbids (every watch against every program), and the cost of
/// one new watch's first check against every program.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class WatchBenchmarks
{
    private MatchIndex _index = null!;
    private List<StandingSearch> _watches = [];
    private int[] _onePost = [];
    private readonly ScoringWeights _weights = new();

    [Params(10_000)]
    public int Programs { get; set; }

    [Params(1_000)]
    public int Watches { get; set; }

    /// <summary>
    /// A full county (every count 0: nothing fits any watch, as when watches are made), then
    /// one shelter's post opening beds at an emergency program for women and families.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var entries = BenchCatalog.Build(Programs)
            .Select(e => e.Latest is { } s ? e with { Latest = s with { Counts = [.. s.Counts.Select(c => new OpenCount(c.HouseholdType, 0, 0, 0))] } } : e)
            .ToList();
        var posted = entries.FindIndex(e => e.Program.Definition.Kind == ProgramKind.Emergency && e.Latest is not null
            && e.Program.Definition.Inventory.Any(i => i.HouseholdType == HouseholdType.AdultsWithChildren));
        var post = entries[posted];
        entries[posted] = post with
        {
            Latest = post.Latest! with { Id = post.Latest.Id + 1_000_000, PostedAt = BenchCatalog.Now, Counts = [.. post.Latest.Counts.Select(c => new OpenCount(c.HouseholdType, 6, 2, 0))] },
        };
        _index = MatchIndex.Build(entries, BenchCatalog.Today);
        _onePost = [posted];
        _watches = Households(Watches).Select((q, i) => new StandingSearch(Guid.CreateVersion7(BenchCatalog.Now.AddMinutes(-i)), BenchCatalog.Now.AddMinutes(-i), q)).ToList();
        foreach (var s in _watches) s.CompiledFor(_index);
        var fits = WatchEvaluator.Evaluate(_index, _watches, _onePost, BenchCatalog.Now, _weights, 5).Count;
        var fitAll = WatchEvaluator.Evaluate(_index, _watches, null, BenchCatalog.Now, _weights, 5).Count;
        Console.WriteLine($"// {Programs} programs, full but for one post; {Watches} watches: {fits} fit the posted program, {fitAll} fit any program");
    }

    [Benchmark(Description = "After one post: every watch against the changed program")]
    public int AfterOnePost() => WatchEvaluator.Evaluate(_index, _watches, _onePost, BenchCatalog.Now, _weights, 5).Count;

    [Benchmark(Description = "Floor the design avoids: every watch against every program")]
    public int EveryWatchEveryProgram() => WatchEvaluator.Evaluate(_index, _watches, null, BenchCatalog.Now, _weights, 5).Count;

    [Benchmark(Description = "One new watch against every program")]
    public int OneNewWatch() => WatchEvaluator.Evaluate(_index, _watches.Take(1), null, BenchCatalog.Now, _weights, 5).Count;

    /// <summary>
    /// A thousand households that found nothing: single women and men, mothers with one to four
    /// children, some with unsafe places and regions, drawn with a fixed seed.
    /// </summary>
    private static IEnumerable<MatchQuery> Households(int count)
    {
        var random = new Random(15);
        for (var i = 0; i < count; i++)
        {
            var members = new List<HouseholdMember> { new(MemberRole.Adult, random.Next(18, 70), [random.Next(4) == 0 ? Gender.Man : Gender.Woman]) };
            var children = random.Next(3) == 0 ? 0 : random.Next(1, 5);
            for (var c = 0; c < children; c++) members.Add(new HouseholdMember(MemberRole.Child, random.Next(0, 17), [random.Next(2) == 0 ? Gender.Man : Gender.Woman]));
            var places = random.Next(2) == 0 ? [] : new[] { new UnsafePlace(33.9 + random.NextDouble() * 0.4, -118.5 + random.NextDouble() * 0.4, 2 + random.Next(10)) };
            var regions = random.Next(3) == 0 ? new[] { $"spa-{random.Next(1, 9)}" } : [];
            yield return new MatchQuery(
                new Household(members, Languages: random.Next(2) == 0 ? ["es"] : ["en"], Trafficking: (TraffickingExperience)random.Next(4), HomelessCategory: 1),
                new Wants(random.Next(2) == 0 ? [ProgramKind.Emergency] : null, BenchCatalog.Today),
                new Safety(places, regions),
                Guid.CreateVersion7());
        }
    }
}

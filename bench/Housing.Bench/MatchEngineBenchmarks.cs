using BenchmarkDotNet.Attributes;
using Housing.Api.Catalog;
using Housing.Api.Matching;

namespace Housing.Bench;

/// <summary>
/// The pure engine at 1k, 10k and 100k programs. Targets (issue 3): Run's median under
/// 100 µs at 10k programs and under 2 ms at 100k. Build is what the first search after a
/// write (or after midnight) pays.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MatchEngineBenchmarks
{
    private List<CatalogEntry> _entries = [];
    private MatchIndex _index = null!;
    private MatchQuery _mother = null!;
    private MatchQuery _man = null!;
    private readonly ScoringWeights _weights = new();

    [Params(1_000, 10_000, 100_000)]
    public int Programs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _entries = BenchCatalog.Build(Programs);
        _index = MatchIndex.Build(_entries, BenchCatalog.Today);
        _mother = Queries.MotherAndThreeChildren(BenchCatalog.Today);
        _man = Queries.SingleMan(BenchCatalog.Today);
        // What each search sees, once, so a report can be read against it.
        foreach (var (name, query) in new[] { ("scenario 1", _mother), ("scenario 2", _man) })
        {
            var o = MatchEngine.Run(_index, query, BenchCatalog.Now, _weights, 20, explain: false);
            Console.WriteLine($"// {Programs} programs, {name}: {o.Matched} matched, {o.Excluded} excluded; {o.Summary}");
        }
    }

    [Benchmark(Description = "Run scenario 1 (mother + 3 kids, unsafe place + region)")]
    public MatchOutcome RunMotherAndThreeChildren() =>
        MatchEngine.Run(_index, _mother, BenchCatalog.Now, _weights, 20, explain: false);

    [Benchmark(Description = "Run scenario 2 (single man, labour trafficking)")]
    public MatchOutcome RunSingleMan() =>
        MatchEngine.Run(_index, _man, BenchCatalog.Now, _weights, 20, explain: false);

    [Benchmark(Description = "MatchIndex.Build")]
    public MatchIndex Build() => MatchIndex.Build(_entries, BenchCatalog.Today);
}

using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Matching;

namespace Housing.Bench;

/// <summary>
/// The pure engine at 1k, 10k and 100k programs. Targets: Run's median under
/// 100 µs at 10k programs and under 2 ms at 100k. Build is what the first search after a
/// program is added or edited (or after midnight) pays; With, what it pays after a post or a hold.
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
    private CatalogChanges _oneCountChanged = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Programs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _entries = BenchCatalog.Build(Programs);
        _index = MatchIndex.Build(_entries, BenchCatalog.Today);
        // Arriving now, as every search through the API does: the intake rule runs (18:00 in Los Angeles).
        _mother = Queries.MotherAndThreeChildren(BenchCatalog.Today) with { ArriveAt = BenchCatalog.Now, CallFirstMinutes = 60 };
        _man = Queries.SingleMan(BenchCatalog.Today) with { ArriveAt = BenchCatalog.Now, CallFirstMinutes = 60 };
        // One program's new count, as a shelter's post leaves the catalog.
        var changed = _entries[_entries.Count / 2];
        var all = _entries.ToImmutableSortedDictionary(e => e.Program.Id, e => e, GuidOrder.Instance);
        _oneCountChanged = new CatalogChanges(1, new HashSet<Guid> { changed.Program.Id },
            all.SetItem(changed.Program.Id, changed with { Holds = [new ActiveHold(1, changed.Program.Id, changed.Program.Definition.Inventory[0].HouseholdType, 1, null)] }));
        // What each search sees, once, so a report can be read against it.
        Console.WriteLine($"// {Programs} programs, {_entries.Count(e => e.Program.Definition.UnitSizes is not null)} of them house a household type by room");
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

    [Benchmark(Description = "MatchIndex.With (one program's count changed)")]
    public MatchIndex? UpdateOne() => _index.With(_oneCountChanged);
}

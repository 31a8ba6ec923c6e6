using BenchmarkDotNet.Attributes;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Matching;

namespace Housing.Bench;

/// <summary>
/// <see cref="MatchEngine.Run"/>'s parts, for finding where its time goes: compiling the query,
/// the rule scan alone (all rules, and the unsafe-place test alone), and scoring every program
/// that passes (Run scores all of them to rank them, then describes only the best).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EnginePartsBenchmarks
{
    private MatchIndex _index = null!;
    private MatchQuery _mother = null!;
    private CompiledQuery _compiledMother = null!;
    private CompiledQuery _compiledMan = null!;
    private int[] _motherPasses = [];
    private readonly ScoringWeights _weights = new();

    [Params(10_000, 100_000)]
    public int Programs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        List<CatalogEntry> entries = BenchCatalog.Build(Programs);
        _index = MatchIndex.Build(entries, BenchCatalog.Today);
        _mother = Queries.MotherAndThreeChildren(BenchCatalog.Today);
        _compiledMother = CompiledQuery.Compile(_mother, _index.Interning, _index.Day);
        _compiledMan = CompiledQuery.Compile(Queries.SingleMan(BenchCatalog.Today), _index.Interning, _index.Day);
        var passing = new List<int>();
        Span<ExclusionReason> first = stackalloc ExclusionReason[1];
        for (var i = 0; i < _index.Facts.Length; i++)
            if (MatchRules.Check(in _index.Facts[i], _compiledMother, first) == 0) passing.Add(i);
        _motherPasses = passing.ToArray();
    }

    [Benchmark(Description = "Compile scenario 1")]
    public CompiledQuery Compile() => CompiledQuery.Compile(_mother, _index.Interning, _index.Day);

    [Benchmark(Description = "Scan scenario 1 (all rules)")]
    public int ScanMother() => Scan(_compiledMother);

    [Benchmark(Description = "Scan scenario 2 (all rules)")]
    public int ScanMan() => Scan(_compiledMan);

    [Benchmark(Description = "Scan scenario 1 (unsafe place only)")]
    public int ScanUnsafePlace()
    {
        var facts = _index.Facts;
        var outside = 0;
        for (var i = 0; i < facts.Length; i++)
            if (MatchRules.OutsideUnsafePlaces(in facts[i], _compiledMother)) outside++;
        return outside;
    }

    [Benchmark(Description = "Score every scenario-1 match")]
    public double ScoreEveryMatch()
    {
        var sum = 0.0;
        foreach (var i in _motherPasses)
        {
            var entry = _index.Entries[i];
            var location = entry.Program.Definition.Location;
            var freshness = FreshnessGrade.Of(entry.Latest?.PostedAt, BenchCatalog.Now);
            var margin = _compiledMother.UnsafePlaces.Min(p => p.MarginKm(location.Latitude, location.Longitude));
            sum += Scoring.Score(in _index.Scores[i], entry, _compiledMother, freshness, margin, _weights).Total;
        }
        return sum;
    }

    [Benchmark(Description = "Run scenario 1, limit 1 (Run less describing 19 more matches)")]
    public MatchOutcome RunMotherLimitOne() => MatchEngine.Run(_index, _mother, BenchCatalog.Now, _weights, 1, explain: false);

    [Benchmark(Description = "Scan scenario 1 (bitmaps, as Run)")]
    public int ScanMotherBitmaps() => ScanBitmaps(_compiledMother);

    [Benchmark(Description = "Scan scenario 2 (bitmaps, as Run)")]
    public int ScanManBitmaps() => ScanBitmaps(_compiledMan);

    [Benchmark(Description = "Total of every scenario-1 match (precomputed, as Run)")]
    public double TotalEveryMatch()
    {
        var sum = 0.0;
        Span<double> w = stackalloc double[Scoring.WeightCount];
        Scoring.FillWeights(_weights, w);
        foreach (var i in _motherPasses)
        {
            ref readonly var f = ref _index.Scores[i];
            var freshness = FreshnessGrade.Of(f.PostedAt, BenchCatalog.Now);
            var p = _index.Facts[i];
            var margin = _compiledMother.UnsafePlaces.Min(c => c.MarginKm(p.Latitude, p.Longitude));
            sum += Scoring.Total(in f, _index.Entries[i], _compiledMother, freshness, margin, w);
        }
        return sum;
    }

    private int ScanBitmaps(CompiledQuery q)
    {
        var passing = new List<int>(_index.Facts.Length);
        RuleScan.Run(_index.Columns, q, new int[ExclusionReasons.Count], passing);
        return passing.Count;
    }

    private int Scan(CompiledQuery q)
    {
        var facts = _index.Facts;
        var passed = 0;
        Span<ExclusionReason> first = stackalloc ExclusionReason[1];
        for (var i = 0; i < facts.Length; i++)
            if (MatchRules.Check(in facts[i], q, first) == 0) passed++;
        return passed;
    }
}

using Housing.Api.Catalog;

namespace Housing.Api.Matching;

/// <summary>The catalog as the engine scans it: entries and their facts, aligned by position.</summary>
public sealed class MatchIndex
{
    private MatchIndex(long catalogVersion, DateOnly day, CatalogEntry[] entries, ProgramFacts[] facts, Interning interning)
    {
        CatalogVersion = catalogVersion;
        Day = day;
        Entries = entries;
        Facts = facts;
        Interning = interning;
        Hot = new HotFacts[facts.Length];
        Scores = new ScoreFacts[facts.Length];
        Units = new UnitVector[facts.Length];
        var packs = true;
        for (var i = 0; i < facts.Length; i++)
        {
            Hot[i] = new HotFacts(in facts[i], day.DayNumber);
            Scores[i] = new ScoreFacts(entries[i], in facts[i]);
            Units[i] = new UnitVector(facts[i].X, facts[i].Y, facts[i].Z);
            packs &= HotFacts.Packs(in facts[i]);
        }
        AllPacked = packs;
    }

    public long CatalogVersion { get; }
    public DateOnly Day { get; }
    public CatalogEntry[] Entries { get; }
    public ProgramFacts[] Facts { get; }
    public Interning Interning { get; }
    /// <summary><see cref="Facts"/> as the rule scan reads them, small enough to stay in cache.</summary>
    public HotFacts[] Hot { get; }
    /// <summary>Each program's unit vector, by position, for the unsafe-place test.</summary>
    public UnitVector[] Units { get; }
    /// <summary>What ranking needs, by position.</summary>
    public ScoreFacts[] Scores { get; }
    /// <summary>Whether every program's <see cref="Hot"/> form is exact; if not, the scan uses <see cref="Facts"/>.</summary>
    public bool AllPacked { get; }

    public static MatchIndex Build(IReadOnlyCollection<CatalogEntry> entries, DateOnly day, long catalogVersion = 0)
    {
        var interning = new Interning();
        var array = entries.ToArray();
        var facts = new ProgramFacts[array.Length];
        for (var i = 0; i < array.Length; i++) facts[i] = ProgramFacts.From(array[i], day, interning);
        return new MatchIndex(catalogVersion, day, array, facts, interning);
    }
}

/// <summary>
/// Keeps one index per catalog version and day: a search after a write (or after midnight,
/// when seasonal inventory may lapse) rebuilds it, and every other search reuses it.
/// </summary>
public sealed class MatchIndexCache(ProgramCatalog catalog)
{
    private readonly Lock _gate = new();
    private MatchIndex? _current;

    public MatchIndex Get(DateOnly day)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.CatalogVersion == catalog.Version && current.Day == day) return current;
        lock (_gate)
        {
            current = _current;
            var (version, entries) = catalog.Versioned();
            if (current is not null && current.CatalogVersion == version && current.Day == day) return current;
            current = MatchIndex.Build(entries, day, version);
            Volatile.Write(ref _current, current);
            return current;
        }
    }
}

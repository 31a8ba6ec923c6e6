using Housing.Api.Catalog;
using Housing.Api.Reports;
using Microsoft.Extensions.Options;

namespace Housing.Api.Matching;

/// <summary>The catalog as the engine scans it: entries and their facts, aligned by position.</summary>
public sealed class MatchIndex
{
    /// <summary>By language (<see cref="Language.CurrentIndex"/>), then position.</summary>
    private readonly ProgramText?[][] _texts;

    private MatchIndex(long catalogVersion, DateOnly day, CatalogEntry[] entries, ProgramFacts[] facts, ScoreFacts[] scores,
        ScanColumns columns, ProgramText?[][] texts, Interning interning, ServiceArea area)
    {
        Area = area;
        CatalogVersion = catalogVersion;
        Day = day;
        Entries = entries;
        Facts = facts;
        Scores = scores;
        Columns = columns;
        _texts = texts;
        Interning = interning;
    }

    public long CatalogVersion { get; }
    public DateOnly Day { get; }
    public CatalogEntry[] Entries { get; }
    public ProgramFacts[] Facts { get; }
    public Interning Interning { get; }
    /// <summary>The regions, organisations and places the programs cover, for refusing safety input that would protect nothing.</summary>
    public ServiceArea Area { get; }
    /// <summary><see cref="Facts"/> as the rule scan reads them: a column per fact.</summary>
    public ScanColumns Columns { get; }
    /// <summary>What ranking needs, by position.</summary>
    public ScoreFacts[] Scores { get; }

    /// <summary>
    /// The program's text at a position in the language of the request (the current UI culture),
    /// worked out the first time a search in that language shows it (two searches racing work out the same text).
    /// </summary>
    public ProgramText Text(int position) => _texts[Language.CurrentIndex][position] ??= ProgramText.For(Entries[position]);

    private static ProgramText?[][] NoTexts(int count) => [.. Language.Supported.Select(_ => new ProgramText?[count])];

    /// <param name="timeZone">The service's own time zone, for programs that name none (<c>Reports:TimeZone</c>; missing: <see cref="Interning.DefaultTimeZone"/>).</param>
    public static MatchIndex Build(IReadOnlyCollection<CatalogEntry> entries, DateOnly day, long catalogVersion = 0, TimeZoneInfo? timeZone = null)
    {
        var interning = new Interning(timeZone);
        var array = entries.ToArray();
        var facts = new ProgramFacts[array.Length];
        var scores = new ScoreFacts[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            facts[i] = ProgramFacts.From(array[i], day, interning);
            scores[i] = new ScoreFacts(array[i], in facts[i]);
        }
        var area = new ServiceArea([.. array.Select((e, i) => new ProgramPlace(e.Program.Id, facts[i].OrganizationId, e.Program.Definition.Region, facts[i].Latitude, facts[i].Longitude, e.Program.Definition.CocCode))]);
        return new MatchIndex(catalogVersion, day, array, facts, scores, new ScanColumns(facts, day.DayNumber), NoTexts(array.Length), interning, area);
    }

    /// <summary>
    /// This index with some programs' availability or holds changed, without rebuilding the
    /// rest: a copy of the arrays with those positions worked out again. Null when a change is
    /// more than that (a new, removed or edited program, whose position, location, region or
    /// languages may differ), or too many to be worth it: then build a new index.
    /// </summary>
    public MatchIndex? With(CatalogChanges changes)
    {
        if (changes.ProgramIds.Count > Math.Max(64, Entries.Length / 8)) return null;
        var changed = new List<(int Position, CatalogEntry Entry)>(changes.ProgramIds.Count);
        foreach (var id in changes.ProgramIds)
        {
            if (!Columns.TryGetPosition(id, out var position)) return null;
            if (changes.Entries.GetValueOrDefault(id) is not { } entry) return null;
            if (!ReferenceEquals(entry.Program, Entries[position].Program)) return null;
            changed.Add((position, entry));
        }
        if (changes.Entries.Count != Entries.Length) return null;

        var entries = (CatalogEntry[])Entries.Clone();
        var facts = (ProgramFacts[])Facts.Clone();
        var scores = (ScoreFacts[])Scores.Clone();
        var updates = new List<(int, ProgramFacts)>(changed.Count);
        foreach (var (position, entry) in changed)
        {
            entries[position] = entry;
            // The same program, so its region and languages are already interned: nothing is added.
            facts[position] = ProgramFacts.From(entry, Day, Interning);
            scores[position] = new ScoreFacts(entry, in facts[position]);
            updates.Add((position, facts[position]));
        }
        // Program text and the area depend on the programs alone, which are unchanged: they carry over.
        return new MatchIndex(changes.Version, Day, entries, facts, scores, Columns.With(updates), [.. _texts.Select(t => (ProgramText?[])t.Clone())], Interning, Area);
    }
}

/// <summary>
/// Keeps one index per catalog version and day. A search after availability or holds changed
/// updates the positions that changed; after a program is added or edited, or after midnight
/// (when seasonal inventory may lapse), it builds a new index; every other search reuses it.
/// </summary>
public sealed class MatchIndexCache(ProgramCatalog catalog, IOptions<ReportOptions> reports)
{
    private readonly TimeZoneInfo _timeZone = reports.Value.Zone();

    private readonly Lock _gate = new();
    private MatchIndex? _current;

    /// <summary>The index last built or updated, if any: nothing is built until the first search or the warm-up.</summary>
    internal MatchIndex? Current => Volatile.Read(ref _current);

    public MatchIndex Get(DateOnly day)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.CatalogVersion == catalog.Version && current.Day == day) return current;
        lock (_gate)
        {
            current = _current;
            if (current is not null && current.Day == day)
            {
                if (current.CatalogVersion == catalog.Version) return current;
                if (catalog.ChangesSince(current.CatalogVersion) is { } changes && current.With(changes) is { } updated)
                {
                    Volatile.Write(ref _current, updated);
                    return updated;
                }
            }
            var (version, entries) = catalog.Versioned();
            current = MatchIndex.Build(entries, day, version, _timeZone);
            Volatile.Write(ref _current, current);
            return current;
        }
    }
}

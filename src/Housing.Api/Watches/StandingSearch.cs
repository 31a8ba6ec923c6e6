using Housing.Api.Catalog;
using Housing.Api.Matching;

namespace Housing.Api.Watches;

/// <summary>
/// A watch as the engine checks it: its query (household, wants, safety, the agency, and the
/// programs it passed over added to the programs to leave out), compiled once per index's
/// interning and day and reused while those stand.
/// </summary>
public sealed class StandingSearch(Guid id, DateTimeOffset createdAt, MatchQuery query)
{
    private (Interning Interning, DateOnly Day, CompiledQuery Query)? _compiled;

    public Guid Id { get; } = id;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public MatchQuery Query { get; } = query;

    public CompiledQuery CompiledFor(MatchIndex index)
    {
        if (_compiled is { } c && ReferenceEquals(c.Interning, index.Interning) && c.Day == index.Day) return c.Query;
        var compiled = CompiledQuery.Compile(Query, index.Interning, index.Day);
        _compiled = (index.Interning, index.Day, compiled);
        return compiled;
    }

    /// <summary>Oldest first, ties by id as the database orders ids: the order in which watches competing for one bed are served.</summary>
    public static int ServeOrder(StandingSearch x, StandingSearch y)
    {
        var c = x.CreatedAt.CompareTo(y.CreatedAt);
        return c != 0 ? c : GuidOrder.Instance.Compare(x.Id, y.Id);
    }
}

/// <summary>A standing search that fits at least one program: the positions of those that fit, and of the best of them, best first.</summary>
public sealed record WatchFit(StandingSearch Search, IReadOnlyList<int> Fitting, IReadOnlyList<int> Best);

/// <summary>
/// Which standing searches the changed programs now satisfy. Pure, like the engine it uses: a
/// post checks every standing search against the few programs that changed (watches × changed
/// programs, each one <see cref="MatchRules.Check"/>), never every watch against every program;
/// a search met for the first time (new, resumed, or a new day) is run against every program
/// with the column scan.
/// </summary>
public static class WatchEvaluator
{
    /// <param name="changed">Positions in <paramref name="index"/> of the programs that changed; null to check every program.</param>
    /// <returns>The searches that fit something, oldest first (ties by id).</returns>
    public static List<WatchFit> Evaluate(MatchIndex index, IEnumerable<StandingSearch> searches, IReadOnlyCollection<int>? changed,
        DateTimeOffset now, ScoringWeights weights, int limit)
    {
        var found = new List<WatchFit>();
        if (changed is { Count: 0 }) return found;
        foreach (var search in searches)
        {
            var (fitting, best) = MatchEngine.FitAmong(index, search.CompiledFor(index), changed, now, weights, limit);
            if (fitting.Count > 0) found.Add(new WatchFit(search, fitting, best));
        }
        found.Sort((x, y) => StandingSearch.ServeOrder(x.Search, y.Search));
        return found;
    }

    /// <summary>Whether the program at <paramref name="position"/> still fits the search: checked again after a hold this pass made.</summary>
    public static bool StillFits(MatchIndex index, StandingSearch search, int position)
    {
        Span<ExclusionReason> first = stackalloc ExclusionReason[1];
        return MatchRules.Check(in index.Facts[position], search.CompiledFor(index), first) == 0;
    }
}

using Housing.Api.Matching;

namespace Housing.Api.Watches;

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

namespace Housing.Api.Matching;

public static partial class MatchEngine
{
    /// <summary>
    /// The programs that would take the household if they had room: every rule passes but
    /// capacity (<see cref="NextSteps.CapacityOnly"/>: full, or never posted). Ranked as a search
    /// ranks its matches, best first, at most <paramref name="limit"/>: the programs worth asking.
    /// </summary>
    public static IReadOnlyList<RankedMatch> WouldFitWithRoom(MatchIndex index, MatchQuery query, DateTimeOffset now, ScoringWeights weights, int limit)
    {
        var q = CompiledQuery.Compile(query, index.Interning, index.Day);
        var positions = new List<int>();
        Span<ExclusionReason> all = stackalloc ExclusionReason[ExclusionReasons.Count];
        for (var i = 0; i < index.Facts.Length; i++)
        {
            if (OnlyCapacity(all[..MatchRules.Check(in index.Facts[i], q, all)])) positions.Add(i);
        }
        return Rank(index, q, positions, now, weights, limit);
    }

    /// <summary>Every reason the program is not offered to this query (none: it has room and fits), or null when it is not in the index.</summary>
    public static IReadOnlyList<ExclusionReason>? ReasonsFor(MatchIndex index, MatchQuery query, Guid programId)
    {
        if (!index.Columns.TryGetPosition(programId, out var i)) return null;
        var q = CompiledQuery.Compile(query, index.Interning, index.Day);
        Span<ExclusionReason> all = stackalloc ExclusionReason[ExclusionReasons.Count];
        return all[..MatchRules.Check(in index.Facts[i], q, all)].ToArray();
    }

    /// <summary>Failing on capacity alone: at least one reason, and each of them a capacity one.</summary>
    public static bool OnlyCapacity(ReadOnlySpan<ExclusionReason> reasons)
    {
        if (reasons.IsEmpty) return false;
        foreach (var reason in reasons)
        {
            if (Array.IndexOf(NextSteps.CapacityOnly, reason) < 0) return false;
        }
        return true;
    }
}

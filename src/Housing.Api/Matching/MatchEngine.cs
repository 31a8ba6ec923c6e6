using Housing.Api.Availability;
using Housing.Api.Catalog;

namespace Housing.Api.Matching;

/// <summary>
/// The search that replaces thirty phone calls. Pure: an index, a query and a moment in,
/// ranked matches and the reasons for everything else out. Every program passes every
/// hard rule or is excluded; survivors are scored and ranked by score, then by the
/// freshest count, then by id, so the same input always gives the same order.
/// </summary>
public static partial class MatchEngine
{
    public static MatchOutcome Run(MatchIndex index, MatchQuery query, DateTimeOffset now, ScoringWeights weights, int limit, bool explain)
    {
        var q = CompiledQuery.Compile(query, index.Interning, index.Day);
        var facts = index.Facts;
        var excludedBy = new int[ExclusionReasons.Count];
        var passing = Passing(index, q, excludedBy);

        var ranked = Rank(index, q, passing, now, weights, limit);

        var byReason = Enum.GetValues<ExclusionReason>()
            .Where(r => excludedBy[(int)r] > 0)
            .Select(r => new ReasonCount(r, excludedBy[(int)r], ExclusionReasons.Summary(r, excludedBy[(int)r])))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Code)
            .ToList();
        var excluded = facts.Length - passing.Count;
        return new MatchOutcome(ranked, facts.Length, passing.Count, excluded, Summarise(passing.Count, byReason),
            byReason, explain ? Explain(index, q, passing) : null);
    }

    /// <summary>The positions of the programs that pass every rule, counting the others under their first reason.</summary>
    private static List<int> Passing(MatchIndex index, CompiledQuery q, int[] excludedBy)
    {
        var passing = new List<int>();
        if (RuleScan.Fits(index.Columns, q)) RuleScan.Run(index.Columns, q, excludedBy, passing);
        else
        {
            var facts = index.Facts;
            Span<ExclusionReason> first = stackalloc ExclusionReason[1];
            for (var i = 0; i < facts.Length; i++)
            {
                if (MatchRules.Check(in facts[i], q, first) == 0) passing.Add(i);
                else excludedBy[(int)first[0]]++;
            }
        }
        return passing;
    }

    /// <summary>
    /// A standing search checked again: of the programs at <paramref name="positions"/> (every
    /// program when null), those that fit now, room included, and the positions of the best
    /// <paramref name="limit"/> of them, ranked exactly as a search ranks them (undescribed: a
    /// watch needs only which program to try first). A few changed programs are checked one by
    /// one; every program, with the column scan.
    /// </summary>
    public static (List<int> Fitting, int[] Best) FitAmong(MatchIndex index, CompiledQuery q, IReadOnlyCollection<int>? positions,
        DateTimeOffset now, ScoringWeights weights, int limit)
    {
        List<int> fitting;
        if (positions is null) fitting = Passing(index, q, new int[ExclusionReasons.Count]);
        else
        {
            fitting = [];
            Span<ExclusionReason> first = stackalloc ExclusionReason[1];
            foreach (var i in positions)
            {
                if (MatchRules.Check(in index.Facts[i], q, first) == 0) fitting.Add(i);
            }
        }
        if (fitting.Count == 0) return (fitting, []);
        var (best, count) = Best(index, q, fitting, now, weights, limit);
        var order = new int[count];
        for (var r = 0; r < count; r++) order[r] = best[r].Index;
        return (fitting, order);
    }

    private static string Summarise(int matched, IReadOnlyList<ReasonCount> byReason)
    {
        var can = matched switch
        {
            0 => ReasonText.Summary_Programs_None,
            1 => ReasonText.Summary_Programs_One,
            _ => Say.Format(ReasonText.Summary_Programs_Many, matched),
        };
        return byReason.Count == 0 ? can : Say.Format(ReasonText.Summary_Excluded, can, string.Join(", ", byReason.Select(r => r.Summary)));
    }

    private static List<ExcludedProgram> Explain(MatchIndex index, CompiledQuery q, List<int> passing)
    {
        var matched = passing.ToHashSet();
        var result = new List<ExcludedProgram>();
        Span<ExclusionReason> all = stackalloc ExclusionReason[ExclusionReasons.Count];
        for (var i = 0; i < index.Facts.Length; i++)
        {
            if (matched.Contains(i)) continue;
            var n = MatchRules.Check(in index.Facts[i], q, all);
            var reasons = new List<ExclusionDetail>(n);
            foreach (var reason in all[..n])
                reasons.Add(new ExclusionDetail(reason, ExclusionReasons.SentenceFor(reason, in index.Facts[i], q, index.Entries[i].Program.Definition)));
            result.Add(new ExcludedProgram(index.Facts[i].Id, index.Entries[i].Program.Definition.Name, reasons));
        }
        return result;
    }

    /// <summary>A program that passed, with what ranking needs; described in full only if it makes the cut.</summary>
    private readonly record struct Candidate(int Index, double Total, DateTimeOffset? PostedAt, Guid Id, Freshness Freshness, double? MarginKm);

    /// <summary>
    /// Scores every program that passed, keeps the best <paramref name="limit"/> by score, then
    /// freshest count, then id, and describes only those: reasons and summaries for programs
    /// that are not shown would be thrown away.
    /// </summary>
    private static List<RankedMatch> Rank(MatchIndex index, CompiledQuery q, List<int> passing, DateTimeOffset now, ScoringWeights weights, int limit)
    {
        var (best, count) = Best(index, q, passing, now, weights, limit);
        var ranked = new List<RankedMatch>(count);
        for (var r = 0; r < count; r++) ranked.Add(Describe(index, best[r].Index, q, now, weights, best[r], r + 1));
        return ranked;
    }

    /// <summary>The best <paramref name="limit"/> of the programs that passed, best first, and how many there are.</summary>
    private static (Candidate[] Best, int Count) Best(MatchIndex index, CompiledQuery q, List<int> passing, DateTimeOffset now, ScoringWeights weights, int limit)
    {
        var keep = Math.Min(Math.Max(limit, 0), passing.Count);
        // The best so far, best first; a newcomer enters only if it beats the last one kept.
        var best = new Candidate[keep];
        var count = 0;
        Span<double> w = stackalloc double[Scoring.WeightCount];
        Scoring.FillWeights(weights, w);
        var bounded = q.UnsafePlaces.Length != 0 && !w.ContainsAnyExceptInRange(0, double.PositiveInfinity);
        var scores = index.Scores;
        var facts = index.Facts;
        foreach (var i in passing)
        {
            if (keep == 0) break;
            ref readonly var f = ref scores[i];
            var postedAt = f.PostedAt;
            var freshness = FreshnessGrade.Of(postedAt, now);
            // With no negative weight, the total with the safety margin at its best bounds the
            // real one: a program that cannot make the cut even so needs no distances measured.
            if (count == keep && bounded && Total(index, i, q, freshness, null, w) < best[count - 1].Total) continue;
            var margin = NearestMargin(q.UnsafePlacesFor(facts[i].Confidential).Places, facts[i].Latitude, facts[i].Longitude);
            var total = Total(index, i, q, freshness, margin, w);
            var candidate = new Candidate(i, total, postedAt, f.Id, freshness, margin);
            if (count == keep && Compare(candidate, best[count - 1]) >= 0) continue;
            var at = count == keep ? count - 1 : count++;
            while (at > 0 && Compare(candidate, best[at - 1]) < 0)
            {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = candidate;
        }
        return (best, count);
    }

    private static double Total(MatchIndex index, int i, CompiledQuery q, Freshness freshness, double? margin, ReadOnlySpan<double> w) =>
        Scoring.Total(in index.Scores[i], index.Entries[i], q, freshness, margin, w);

    /// <summary>Ranking order: higher score first, then the fresher count, then id as the database orders it.</summary>
    private static int Compare(in Candidate x, in Candidate y)
    {
        var c = Comparer<double>.Default.Compare(y.Total, x.Total);
        if (c != 0) return c;
        c = Comparer<DateTimeOffset?>.Default.Compare(y.PostedAt, x.PostedAt);
        return c != 0 ? c : GuidOrder.Instance.Compare(x.Id, y.Id);
    }

    /// <summary>
    /// Kilometres beyond the nearest unsafe place (as Enumerable.Min would give it), or null when
    /// none was given; for a confidential program, from its area's centre to the widened places,
    /// so no more than its true margin and the same wherever in the area it is.
    /// </summary>
    private static double? NearestMargin(GeoCircle[] places, double latitude, double longitude)
    {
        if (places.Length == 0) return null;
        var min = places[0].MarginKm(latitude, longitude);
        if (double.IsNaN(min)) return min;
        for (var p = 1; p < places.Length; p++)
        {
            var margin = places[p].MarginKm(latitude, longitude);
            if (margin < min) min = margin;
            else if (double.IsNaN(margin)) return margin;
        }
        return min;
    }

    private static RankedMatch Describe(MatchIndex index, int i, CompiledQuery q, DateTimeOffset now, ScoringWeights weights, in Candidate c, int rank)
    {
        var entry = index.Entries[i];
        var text = index.Text(i);
        var kind = entry.Program.Definition.Kind;
        var measure = kind == Programs.ProgramKind.RapidRehousing ? "slots" : "beds";
        // Worked out with the index, as the room rule's columns were.
        var openUnits = index.Facts[i].OpenUnitsOf(q.HouseholdType);
        // By unit, a hold takes the whole units chosen: those beds are what the household needs.
        var needed = openUnits is not null && UnitFit.FewestBeds(openUnits, entry.Program.Definition.UnitsPerHousehold, q.Size, q.Infants) is { } beds
            ? beds
            : MatchRules.Needed(kind, q.Size);
        var capacity = new MatchCapacity(q.HouseholdType, index.Facts[i].Open(q.HouseholdType), measure, needed,
            c.PostedAt, FreshnessGrade.AgeSeconds(c.PostedAt, now), c.Freshness, openUnits);
        var warnings = HardRules.IntakeOpenOnArrival.CallFirst(in index.Facts[i], q) is { } callFirst ? [.. text.Warnings, callFirst] : text.Warnings;
        return new RankedMatch(rank, text.Summary, capacity, Scoring.Score(in index.Scores[i], entry, q, c.Freshness, c.MarginKm, weights),
            MatchReasons.For(entry, text, q, capacity, c.MarginKm), warnings);
    }
}

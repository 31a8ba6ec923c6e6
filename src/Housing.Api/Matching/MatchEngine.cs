using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Errors;

namespace Housing.Api.Matching;

/// <summary>
/// The search that replaces thirty phone calls. Pure: an index, a query and a moment in,
/// ranked matches and the reasons for everything else out. Every program passes every
/// hard rule or is excluded; survivors are scored and ranked by score, then by the
/// freshest count, then by id, so the same input always gives the same order.
/// </summary>
public static class MatchEngine
{
    public static MatchOutcome Run(MatchIndex index, MatchQuery query, DateTimeOffset now, ScoringWeights weights, int limit, bool explain)
    {
        var q = CompiledQuery.Compile(query, index.Interning, index.Day);
        var facts = index.Facts;
        var excludedBy = new int[ExclusionReasons.Count];
        var passing = new List<int>();
        if (index.AllPacked)
        {
            // The same rules in the same order over the packed facts: the same first reason.
            var hot = index.Hot;
            var scan = new ScanQuery(q, index.Day.DayNumber);
            var units = index.Units;
            for (var i = 0; i < hot.Length; i++)
            {
                var reason = MatchRules.FirstFailure(in hot[i], in facts[i], in units[i], in scan);
                if (reason < 0) passing.Add(i);
                else excludedBy[reason]++;
            }
        }
        else
        {
            Span<ExclusionReason> first = stackalloc ExclusionReason[1];
            for (var i = 0; i < facts.Length; i++)
            {
                if (MatchRules.Check(in facts[i], q, first) == 0) passing.Add(i);
                else excludedBy[(int)first[0]]++;
            }
        }

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

    private static string Summarise(int matched, IReadOnlyList<ReasonCount> byReason) =>
        byReason.Count == 0
            ? $"{CountPrograms(matched)} can take the whole household now."
            : $"{CountPrograms(matched)} can take the whole household now. Excluded: {string.Join(", ", byReason.Select(r => r.Summary))}.";

    private static string CountPrograms(int count) => count == 1 ? "1 program" : $"{count} programs";

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
            foreach (var reason in all[..n]) reasons.Add(new ExclusionDetail(reason, ExclusionReasons.Sentence(reason)));
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
        var keep = Math.Min(Math.Max(limit, 0), passing.Count);
        // The best so far, best first; a newcomer enters only if it beats the last one kept.
        var best = new Candidate[keep];
        var count = 0;
        Span<double> w = stackalloc double[Scoring.WeightCount];
        Scoring.FillWeights(weights, w);
        var scores = index.Scores;
        var hot = index.Hot;
        foreach (var i in passing)
        {
            if (keep == 0) break;
            ref readonly var f = ref scores[i];
            var postedAt = f.PostedAt;
            var freshness = FreshnessGrade.Of(postedAt, now);
            var margin = NearestMargin(q.UnsafePlaces, hot[i].Latitude, hot[i].Longitude);
            var total = f.Exact
                ? Scoring.Total(in f, index.Entries[i], q, freshness, margin, w)
                : Scoring.Total(index.Entries[i], q, freshness, margin, weights);
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

        var ranked = new List<RankedMatch>(count);
        for (var r = 0; r < count; r++) ranked.Add(Describe(index.Entries[best[r].Index], index.Facts[best[r].Index], q, now, weights, best[r], r + 1));
        return ranked;
    }

    /// <summary>Ranking order: higher score first, then the fresher count, then id as the database orders it.</summary>
    private static int Compare(in Candidate x, in Candidate y)
    {
        var c = Comparer<double>.Default.Compare(y.Total, x.Total);
        if (c != 0) return c;
        c = Comparer<DateTimeOffset?>.Default.Compare(y.PostedAt, x.PostedAt);
        return c != 0 ? c : GuidOrder.Instance.Compare(x.Id, y.Id);
    }

    /// <summary>Kilometres beyond the nearest unsafe place (as Enumerable.Min would give it), or null when none was given.</summary>
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

    private static RankedMatch Describe(CatalogEntry entry, in ProgramFacts facts, CompiledQuery q, DateTimeOffset now, ScoringWeights weights, in Candidate c, int rank)
    {
        var d = entry.Program.Definition;
        var open = facts.Open(q.HouseholdType);
        var needed = MatchRules.Needed(d.Kind, q.Size);
        var measure = d.Kind == Programs.ProgramKind.RapidRehousing ? "slots" : "beds";
        var capacity = new MatchCapacity(q.HouseholdType, open, measure, needed, c.PostedAt, FreshnessGrade.AgeSeconds(c.PostedAt, now), c.Freshness);
        var program = new MatchedProgram(entry.Program.Id, d.OrganizationId, d.Name, d.Kind, d.Region, d.Confidential,
            d.Confidential ? null : d.Location, d.IntakeContact, d.MaxStayDays, d.Services, d.Eligibility.Languages);
        return new RankedMatch(rank, program, capacity, Scoring.Score(entry, q, c.Freshness, c.MarginKm, weights), MatchReasons.For(entry, q, capacity, c.MarginKm), Programs.EligibilityRules.Warnings(d));
    }
}

/// <summary>Plain sentences saying why a program is offered, for a case manager on a crisis call.</summary>
public static class MatchReasons
{
    public static IReadOnlyList<string> For(CatalogEntry entry, CompiledQuery q, MatchCapacity capacity, double? marginKm)
    {
        var d = entry.Program.Definition;
        var e = d.Eligibility;
        var h = q.Household;
        var reasons = new List<string>
        {
            $"{capacity.Open} open {capacity.Measure} for {Phrase(capacity.HouseholdType)}; this household needs {capacity.Needed}.",
            capacity.Freshness switch
            {
                Freshness.Fresh => $"Count posted {Ago(capacity.AgeSeconds)} (fresh).",
                Freshness.Aging => $"Count posted {Ago(capacity.AgeSeconds)} (aging): worth a call to confirm.",
                _ => $"Count posted {Ago(capacity.AgeSeconds)} (stale): call to confirm before sending anyone.",
            },
        };
        if (marginKm is { } margin)
        {
            reasons.Add(d.Confidential
                ? "Outside every unsafe place you gave."
                : $"{margin:0.0} km beyond the nearest unsafe place you gave.");
        }
        if (d.Confidential) reasons.Add("Confidential location: the address is released to you after the shelter accepts.");
        if (e.GendersServed.Count > 0) reasons.Add($"Serves {string.Join(", ", e.GendersServed.Select(g => HousingJson.Text(g)))} (self-identified).");
        if (e.TraffickingTypesServed.Count > 0) reasons.Add($"Serves survivors of {string.Join(" and ", e.TraffickingTypesServed.Select(t => HousingJson.Text(t)))} trafficking.");
        if (q.OldestBoy >= 0 && e.MaxBoyAge is { } boy) reasons.Add($"Takes boys up to age {boy}.");
        var languages = Scoring.SharedLanguages(d, h);
        if (languages.Count > 0) reasons.Add($"Staff speak {string.Join(", ", languages)}.");
        else if (h.Languages is { Count: > 0 }) reasons.Add("Staff do not list any of the household's languages.");
        var services = (q.Query.Wants.Services ?? []).Where(d.Services.Contains).ToList();
        if (services.Count > 0) reasons.Add($"Offers {string.Join(", ", services.Select(s => HousingJson.Text(s)))}.");
        if (!e.IdRequired) reasons.Add("No ID required.");
        var barriers = Scoring.Barriers(d, h);
        if (barriers.Count > 0) reasons.Add($"Note: {string.Join("; ", barriers)}.");
        reasons.Add($"Stays up to {d.MaxStayDays} days.");
        return reasons;
    }

    private static string Phrase(Programs.HouseholdType type) => type switch
    {
        Programs.HouseholdType.AdultsOnly => "adults without children",
        Programs.HouseholdType.AdultsWithChildren => "families with children",
        _ => "unaccompanied minors",
    };

    private static string Ago(long? seconds) => seconds switch
    {
        null => "never",
        < 120 => "just now",
        < 7200 => $"{seconds / 60} minutes ago",
        < 172800 => $"{seconds / 3600} hours ago",
        _ => $"{seconds / 86400} days ago",
    };
}

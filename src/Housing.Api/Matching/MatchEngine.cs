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
        Span<ExclusionReason> first = stackalloc ExclusionReason[1];
        for (var i = 0; i < facts.Length; i++)
        {
            if (MatchRules.Check(in facts[i], q, first) == 0) passing.Add(i);
            else excludedBy[(int)first[0]]++;
        }

        var ranked = passing
            .Select(i => Describe(index.Entries[i], facts[i], q, now, weights))
            .OrderByDescending(m => m.Score.Total)
            .ThenByDescending(m => m.Capacity.PostedAt)
            .ThenBy(m => m.Program.Id, GuidOrder.Instance)
            .Take(limit)
            .Select((m, i) => m with { Rank = i + 1 })
            .ToList();

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
            ? $"{matched} programs can take the whole household now."
            : $"{matched} programs can take the whole household now. Excluded: {string.Join(", ", byReason.Select(r => r.Summary))}.";

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

    private static RankedMatch Describe(CatalogEntry entry, in ProgramFacts facts, CompiledQuery q, DateTimeOffset now, ScoringWeights weights)
    {
        var d = entry.Program.Definition;
        var postedAt = entry.Latest?.PostedAt;
        var freshness = FreshnessGrade.Of(postedAt, now);
        var open = facts.Open(q.HouseholdType);
        var needed = MatchRules.Needed(d.Kind, q.Size);
        double? margin = q.UnsafePlaces.Length == 0 ? null : q.UnsafePlaces.Min(p => p.MarginKm(d.Location.Latitude, d.Location.Longitude));
        var measure = d.Kind == Programs.ProgramKind.RapidRehousing ? "slots" : "beds";
        var capacity = new MatchCapacity(q.HouseholdType, open, measure, needed, postedAt, FreshnessGrade.AgeSeconds(postedAt, now), freshness);
        var program = new MatchedProgram(entry.Program.Id, d.OrganizationId, d.Name, d.Kind, d.Region, d.Confidential,
            d.Confidential ? null : d.Location, d.IntakeContact, d.MaxStayDays, d.Services, d.Eligibility.Languages);
        return new RankedMatch(0, program, capacity, Scoring.Score(entry, q, freshness, margin, weights),
            MatchReasons.For(entry, q, capacity, margin), Programs.EligibilityRules.Warnings(d));
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

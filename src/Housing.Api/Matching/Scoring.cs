using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>Scores a program that passed every rule; pure, like the rules.</summary>
public static class Scoring
{
    /// <summary>Margins beyond this many kilometres all count as fully safe.</summary>
    public const double SafeMarginKm = 25;

    public static MatchScore Score(CatalogEntry entry, CompiledQuery q, Freshness freshness, double? marginKm, ScoringWeights w)
    {
        var d = entry.Program.Definition;
        var h = q.Household;
        var wants = q.Query.Wants;
        List<ScoreComponent> components =
        [
            new("safety_margin", marginKm is { } m ? Math.Clamp(m / SafeMarginKm, 0, 1) : 1, w.SafetyMargin),
            new("confidentiality", d.Confidential ? 1 : 0, w.Confidentiality),
            new("freshness", freshness switch { Freshness.Fresh => 1, Freshness.Aging => 0.5, _ => 0.1 }, w.Freshness),
            new("fewer_barriers", Math.Max(0, 1 - 0.25 * Barriers(d, h).Count), w.FewerBarriers),
            new("stay_fit", wants.ExpectedStayDays is { } days ? Math.Min(1, (double)d.MaxStayDays / days) : 1, w.StayFit),
            new("language", h.Languages is { Count: > 0 } ? (SharedLanguages(d, h).Count > 0 ? 1 : 0) : 1, w.Language),
            new("services", wants.Services is { Count: > 0 } s ? (double)s.Count(d.Services.Contains) / s.Count : 1, w.Services),
            new("preferred_kind", wants.Kinds is { Count: > 0 } k ? Math.Max(0.1, 1 - 0.3 * IndexOf(k, d.Kind)) : 1, w.PreferredKind),
        ];
        var weight = components.Sum(c => c.Weight);
        var total = weight == 0 ? 0 : 100 * components.Sum(c => c.Value * c.Weight) / weight;
        return new MatchScore(Math.Round(total, 2), components.Select(c => c with { Value = Math.Round(c.Value, 3) }).ToList());
    }

    /// <summary>Rules the household would live by that are not reasons to exclude it.</summary>
    public static IReadOnlyList<string> Barriers(ProgramDefinition d, Household h)
    {
        var e = d.Eligibility;
        var barriers = new List<string>();
        if (e.SobrietyRequired) barriers.Add("requires sobriety");
        if (e.Curfew is { } curfew) barriers.Add($"curfew at {curfew}");
        if (e.ReferralOnly) barriers.Add("takes referrals from partner agencies only");
        if (e.CriminalRecord == CriminalRecordPolicy.CaseByCase && h.CriminalRecord) barriers.Add("reviews criminal records case by case");
        return barriers;
    }

    public static IReadOnlyList<string> SharedLanguages(ProgramDefinition d, Household h) =>
        (h.Languages ?? []).Where(l => d.Eligibility.Languages.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList();

    private static int IndexOf(IReadOnlyList<ProgramKind> kinds, ProgramKind kind)
    {
        for (var i = 0; i < kinds.Count; i++) if (kinds[i] == kind) return i;
        return kinds.Count;
    }
}

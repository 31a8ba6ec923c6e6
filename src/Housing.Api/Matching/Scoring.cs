using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>Scores a program that passed every rule; pure, like the rules.</summary>
public static class Scoring
{
    /// <summary>Margins beyond this many kilometres all count as fully safe.</summary>
    public const double SafeMarginKm = 25;

    /// <summary>
    /// A confidential program's margin counts only in whole steps of this many kilometres: the
    /// unsafe places are points the caller chooses, so an exact margin in the score would let
    /// three searches locate the program (VAWA, FVPSA). The margin itself is measured from the
    /// program's area, not its location (<see cref="ConfidentialArea"/>), so moving a place until
    /// a step changes finds no more than the area either.
    /// </summary>
    public const double ConfidentialMarginStepKm = 5;

    private static readonly string[] Names =
        ["safety_margin", "confidentiality", "freshness", "fewer_barriers", "stay_fit", "language", "services", "preferred_kind"];

    public static MatchScore Score(CatalogEntry entry, CompiledQuery q, Freshness freshness, double? marginKm, ScoringWeights w)
    {
        Span<double> values = stackalloc double[Names.Length];
        Span<double> weights = stackalloc double[Names.Length];
        Values(entry, q, freshness, marginKm, values);
        Weights(w, weights);
        var components = new List<ScoreComponent>(Names.Length);
        for (var i = 0; i < Names.Length; i++) components.Add(new ScoreComponent(Names[i], Math.Round(values[i], 3), weights[i]));
        return new MatchScore(Total(values, weights), components);
    }

    /// <summary>The same number as <see cref="Score"/>'s total, without its components: for ranking every program that passed.</summary>
    public static double Total(CatalogEntry entry, CompiledQuery q, Freshness freshness, double? marginKm, ScoringWeights w)
    {
        Span<double> values = stackalloc double[Names.Length];
        Span<double> weights = stackalloc double[Names.Length];
        Values(entry, q, freshness, marginKm, values);
        Weights(w, weights);
        return Total(values, weights);
    }

    /// <summary>
    /// The same number as <see cref="Total(CatalogEntry, CompiledQuery, Freshness, double?, ScoringWeights)"/>, from the
    /// facts precomputed in the index (the same values in the same order, so the same rounding).
    /// <paramref name="weights"/> as <see cref="FillWeights"/> gives them.
    /// </summary>
    public static double Total(in ScoreFacts f, CatalogEntry entry, CompiledQuery q, Freshness freshness, double? marginKm, ReadOnlySpan<double> weights)
    {
        var h = q.Household;
        var wants = q.Query.Wants;
        Span<double> values = stackalloc double[Names.Length];
        values[0] = marginKm is { } m ? Math.Clamp(Margin(m, f.Confidential) / SafeMarginKm, 0, 1) : 1;
        values[1] = f.Confidential ? 1 : 0;
        values[2] = freshness switch { Freshness.Fresh => 1, Freshness.Aging => 0.5, _ => 0.1 };
        values[3] = Math.Max(0, 1 - 0.25 * (f.FixedBarriers + (f.CaseByCase && h.CriminalRecord ? 1 : 0)));
        values[4] = wants.ExpectedStayDays is { } days ? Math.Min(1, (double)f.MaxStayDays / days) : 1;
        values[5] = h.Languages is { Count: > 0 } ? (SharesLanguage(f, entry, q) ? 1 : 0) : 1;
        values[6] = wants.Services is { Count: > 0 } s ? (double)Offered(s, f.ServiceMask) / s.Count : 1;
        values[7] = wants.Kinds is { Count: > 0 } k ? Math.Max(0.1, 1 - 0.3 * IndexOf(k, f.Kind)) : 1;
        return Total(values, weights);
    }

    public static int WeightCount => Names.Length;

    public static void FillWeights(ScoringWeights w, Span<double> weights) => Weights(w, weights);

    /// <summary>A bit per service, or -1 when one does not fit an int's bits.</summary>
    public static int ServiceMask(IReadOnlyList<ProgramService> services)
    {
        var mask = 0;
        foreach (var s in services)
        {
            if ((uint)s >= 31) return -1;
            mask |= 1 << (int)s;
        }
        return mask;
    }

    /// <summary>
    /// Interned languages: a bit below the 63rd stands for exactly one language (ignoring case),
    /// so a shared one is certain; the 63rd is shared by rare languages and needs the strings.
    /// </summary>
    private static bool SharesLanguage(in ScoreFacts f, CatalogEntry entry, CompiledQuery q)
    {
        var common = f.LanguageMask & q.LanguageMask;
        if (common == 0) return false;
        if ((common & ~(1UL << 63)) != 0) return true;
        return SharesLanguage(entry.Program.Definition, q.Household);
    }

    private static int Offered(IReadOnlyList<ProgramService> wanted, int offered)
    {
        var n = 0;
        foreach (var service in wanted)
        {
            if ((uint)service < 31 && (offered & (1 << (int)service)) != 0) n++;
        }
        return n;
    }

    private static double Total(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double weight = 0, sum = 0;
        for (var i = 0; i < weights.Length; i++) weight += weights[i];
        for (var i = 0; i < values.Length; i++) sum += values[i] * weights[i];
        return Math.Round(weight == 0 ? 0 : 100 * sum / weight, 2);
    }

    private static void Weights(ScoringWeights w, Span<double> weights)
    {
        weights[0] = w.SafetyMargin;
        weights[1] = w.Confidentiality;
        weights[2] = w.Freshness;
        weights[3] = w.FewerBarriers;
        weights[4] = w.StayFit;
        weights[5] = w.Language;
        weights[6] = w.Services;
        weights[7] = w.PreferredKind;
    }

    private static void Values(CatalogEntry entry, CompiledQuery q, Freshness freshness, double? marginKm, Span<double> values)
    {
        var d = entry.Program.Definition;
        var h = q.Household;
        var wants = q.Query.Wants;
        values[0] = marginKm is { } m ? Math.Clamp(Margin(m, d.Confidential) / SafeMarginKm, 0, 1) : 1;
        values[1] = d.Confidential ? 1 : 0;
        values[2] = freshness switch { Freshness.Fresh => 1, Freshness.Aging => 0.5, _ => 0.1 };
        values[3] = Math.Max(0, 1 - 0.25 * Barriers.Count(d.Eligibility, h));
        values[4] = wants.ExpectedStayDays is { } days ? Math.Min(1, (double)d.MaxStayDays / days) : 1;
        values[5] = h.Languages is { Count: > 0 } ? (SharesLanguage(d, h) ? 1 : 0) : 1;
        values[6] = wants.Services is { Count: > 0 } s ? (double)Offered(s, d.Services) / s.Count : 1;
        values[7] = wants.Kinds is { Count: > 0 } k ? Math.Max(0.1, 1 - 0.3 * IndexOf(k, d.Kind)) : 1;
    }

    private static bool SharesLanguage(ProgramDefinition d, Household h)
    {
        foreach (var language in h.Languages ?? [])
        {
            foreach (var spoken in d.Eligibility.Languages)
            {
                if (string.Equals(language, spoken, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }

    private static int Offered(IReadOnlyList<ProgramService> wanted, IReadOnlyList<ProgramService> offered)
    {
        var n = 0;
        foreach (var service in wanted)
        {
            for (var i = 0; i < offered.Count; i++)
            {
                if (offered[i] == service) { n++; break; }
            }
        }
        return n;
    }

    private static double Margin(double km, bool confidential) =>
        confidential ? Math.Floor(km / ConfidentialMarginStepKm) * ConfidentialMarginStepKm : km;

    public static IReadOnlyList<string> SharedLanguages(ProgramDefinition d, Household h) =>
        (h.Languages ?? []).Where(l => d.Eligibility.Languages.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList();

    private static int IndexOf(IReadOnlyList<ProgramKind> kinds, ProgramKind kind)
    {
        for (var i = 0; i < kinds.Count; i++) if (kinds[i] == kind) return i;
        return kinds.Count;
    }
}

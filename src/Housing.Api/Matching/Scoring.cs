using System.Runtime.CompilerServices;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// Scores a program that passed every rule; pure, like the rules. The components
/// (<see cref="ScoreComponents"/>) are one list: the total that ranks every program that passed
/// and the score shown, with its components, for the few that make the cut are both sums over it.
/// </summary>
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

    private static readonly string[] Names = ScoreComponents.Names();

    public static int WeightCount => Names.Length;

    /// <summary>The score with its components, as a match shows it.</summary>
    public static MatchScore Score(in ScoreFacts f, CatalogEntry entry, CompiledQuery q, Freshness freshness, double? marginKm, ScoringWeights w)
    {
        Span<double> values = stackalloc double[Names.Length];
        Span<double> weights = stackalloc double[Names.Length];
        Values(in f, entry, q, freshness, marginKm, values);
        FillWeights(w, weights);
        var components = new List<ScoreComponent>(Names.Length);
        for (var i = 0; i < Names.Length; i++) components.Add(new ScoreComponent(Names[i], Math.Round(values[i], 3), weights[i]));
        return new MatchScore(Total(values, weights), components);
    }

    /// <summary>
    /// The same number as <see cref="Score"/>'s total, without its components: for ranking every
    /// program that passed. <paramref name="weights"/> as <see cref="FillWeights"/> gives them.
    /// </summary>
    public static double Total(in ScoreFacts f, CatalogEntry entry, CompiledQuery q, Freshness freshness, double? marginKm, ReadOnlySpan<double> weights)
    {
        Span<double> values = stackalloc double[Names.Length];
        Values(in f, entry, q, freshness, marginKm, values);
        return Total(values, weights);
    }

    public static void FillWeights(ScoringWeights w, Span<double> weights)
    {
        var fill = new WeightsOf(w, weights);
        ScoreComponents.Visit(ref fill);
    }

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

    private static void Values(in ScoreFacts f, CatalogEntry entry, CompiledQuery q, Freshness freshness, double? marginKm, Span<double> values)
    {
        var fill = new ValuesOf(new ScoreInput(in f, entry, q, freshness, marginKm), values);
        ScoreComponents.Visit(ref fill);
    }

    private static double Total(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double weight = 0, sum = 0;
        for (var i = 0; i < weights.Length; i++) weight += weights[i];
        for (var i = 0; i < values.Length; i++) sum += values[i] * weights[i];
        return Math.Round(weight == 0 ? 0 : 100 * sum / weight, 2);
    }

    private ref struct ValuesOf(ScoreInput input, Span<double> values) : IScoreVisitor
    {
        private readonly ScoreInput _input = input;
        private readonly Span<double> _values = values;
        private int _next;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit<TComponent>() where TComponent : struct, IScoreComponent => _values[_next++] = TComponent.Value(in _input);
    }

    private ref struct WeightsOf(ScoringWeights w, Span<double> weights) : IScoreVisitor
    {
        private readonly Span<double> _weights = weights;
        private int _next;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit<TComponent>() where TComponent : struct, IScoreComponent => _weights[_next++] = TComponent.Weight(w);
    }

    /// <summary>Margin in kilometres as it counts: for a confidential program, in whole steps.</summary>
    public static double Margin(double km, bool confidential) =>
        confidential ? Math.Floor(km / ConfidentialMarginStepKm) * ConfidentialMarginStepKm : km;

    public static IReadOnlyList<string> SharedLanguages(ProgramDefinition d, Household h)
    {
        if (h.Languages is not { Count: > 0 } spoken) return [];
        var offered = d.Eligibility.Languages;
        List<string>? shared = null;
        foreach (var language in spoken)
        {
            for (var i = 0; i < offered.Count; i++)
            {
                if (!string.Equals(offered[i], language, StringComparison.OrdinalIgnoreCase)) continue;
                (shared ??= new List<string>(spoken.Count)).Add(language);
                break;
            }
        }
        return shared ?? (IReadOnlyList<string>)[];
    }
}

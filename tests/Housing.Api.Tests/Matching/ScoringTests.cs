using CsCheck;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Matching;
using Housing.Api.Programs;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// The score is computed from the index's precomputed facts, for speed; here it is computed
/// again from each program's definition, plainly, and both must agree exactly: every
/// component as a match shows it, the total shown, and the total that ranks.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class ScoringTests
{
    private static readonly Gen<ScoringWeights> Weights = Gen.Select(Gen.Int[0, 3].Array[8], Gen.Double[0, 5].Array[8], (zero, w) =>
    {
        double At(int i) => zero[i] == 0 ? 0 : Math.Round(w[i], 1);
        return new ScoringWeights
        {
            SafetyMargin = At(0),
            Confidentiality = At(1),
            Freshness = At(2),
            FewerBarriers = At(3),
            StayFit = At(4),
            Language = At(5),
            Services = At(6),
            PreferredKind = At(7),
        };
    });

    [Test]
    public void TheScoreFromTheIndexAgreesWithTheScoreFromEachProgramsDefinition() =>
        Gen.Select(Searches, Weights, Gen.Int[-600, 600]).Sample((search, weights, minutes) =>
        {
            var now = Now.AddMinutes(minutes);
            var index = MatchIndex.Build(search.Entries, Today);
            var q = CompiledQuery.Compile(search.Query, index.Interning, index.Day);
            Span<double> w = stackalloc double[Scoring.WeightCount];
            Scoring.FillWeights(weights, w);
            Span<ExclusionReason> first = stackalloc ExclusionReason[1];
            for (var i = 0; i < index.Facts.Length; i++)
            {
                if (MatchRules.Check(in index.Facts[i], q, first) != 0) continue;
                var entry = index.Entries[i];
                var freshness = FreshnessGrade.Of(entry.Latest?.PostedAt, now);
                var places = q.UnsafePlacesFor(index.Facts[i].Confidential).Places;
                double? margin = places.Length == 0 ? null : places.Min(p => p.MarginKm(index.Facts[i].Latitude, index.Facts[i].Longitude));

                var expected = Reference(entry, q, freshness, margin, weights);
                var score = Scoring.Score(in index.Scores[i], entry, q, freshness, margin, weights);
                var total = Scoring.Total(in index.Scores[i], entry, q, freshness, margin, w);
                var shown = string.Join(", ", score.Components.Select(c => $"{c.Name} {c.Value}×{c.Weight}"));
                var wanted = string.Join(", ", expected.Components.Select(c => $"{c.Name} {c.Value}×{c.Weight}"));
                if (shown != wanted) throw new PropertyFailure($"{entry.Program.Definition.Name}: components {shown}, from the definition {wanted}");
                if (score.Total != expected.Total || total != expected.Total)
                    throw new PropertyFailure($"{entry.Program.Definition.Name}: shown {score.Total}, ranked by {total}, from the definition {expected.Total}");
            }
        }, iter: 300, print: t => t.Item1.ToString());

    /// <summary>The score as the product defines it, from the program's definition alone.</summary>
    private static MatchScore Reference(CatalogEntry entry, CompiledQuery q, Freshness freshness, double? marginKm, ScoringWeights w)
    {
        var d = entry.Program.Definition;
        var h = q.Household;
        var wants = q.Query.Wants;
        double Margin(double km) => d.Confidential ? Math.Floor(km / Scoring.ConfidentialMarginStepKm) * Scoring.ConfidentialMarginStepKm : km;
        (string, double, double)[] parts =
        [
            ("safety_margin", marginKm is { } m ? Math.Clamp(Margin(m) / Scoring.SafeMarginKm, 0, 1) : 1, w.SafetyMargin),
            ("confidentiality", d.Confidential ? 1 : 0, w.Confidentiality),
            ("freshness", freshness switch { Freshness.Fresh => 1, Freshness.Aging => 0.5, _ => 0.1 }, w.Freshness),
            ("fewer_barriers", Math.Max(0, 1 - 0.25 * Barriers.Count(d.Eligibility, h)), w.FewerBarriers),
            ("stay_fit", wants.ExpectedStayDays is { } days ? Math.Min(1, (double)d.MaxStayDays / days) : 1, w.StayFit),
            ("language", h.Languages is { Count: > 0 } ? (h.Languages.Any(l => d.Eligibility.Languages.Contains(l, StringComparer.OrdinalIgnoreCase)) ? 1 : 0) : 1, w.Language),
            ("services", wants.Services is { Count: > 0 } s ? (double)s.Count(d.Services.Contains) / s.Count : 1, w.Services),
            ("preferred_kind", wants.Kinds is { Count: > 0 } k ? Math.Max(0.1, 1 - 0.3 * (k.Contains(d.Kind) ? k.ToList().IndexOf(d.Kind) : k.Count)) : 1, w.PreferredKind),
        ];
        double weight = 0, sum = 0;
        foreach (var (_, _, partWeight) in parts) weight += partWeight;
        foreach (var (_, value, partWeight) in parts) sum += value * partWeight;
        return new MatchScore(Math.Round(weight == 0 ? 0 : 100 * sum / weight, 2),
            [.. parts.Select(p => new ScoreComponent(p.Item1, Math.Round(p.Item2, 3), p.Item3))]);
    }
}

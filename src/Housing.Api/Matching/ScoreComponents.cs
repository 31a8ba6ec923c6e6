using System.Runtime.CompilerServices;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>What a component is computed from: the program's precomputed facts (its definition only where they fall short), the query and the moment.</summary>
public readonly ref struct ScoreInput(ref readonly ScoreFacts facts, CatalogEntry entry, CompiledQuery q, Freshness freshness, double? marginKm)
{
    public readonly ref readonly ScoreFacts Facts = ref facts;
    public readonly CatalogEntry Entry = entry;
    public readonly CompiledQuery Query = q;
    public readonly Freshness Freshness = freshness;
    /// <summary>Kilometres beyond the nearest unsafe place; null when none was given.</summary>
    public readonly double? MarginKm = marginKm;
}

/// <summary>One part of the score, whole: its name as a match shows it, its weight, and its value from 0 to 1.</summary>
public interface IScoreComponent
{
    static abstract string Name { get; }
    static abstract double Weight(ScoringWeights w);
    static abstract double Value(in ScoreInput x);
}

public interface IScoreVisitor
{
    void Visit<TComponent>() where TComponent : struct, IScoreComponent;
}

/// <summary>The score's components and their one list, in the order a match shows them.</summary>
public static class ScoreComponents
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Visit<TVisitor>(ref TVisitor v) where TVisitor : struct, IScoreVisitor, allows ref struct
    {
        v.Visit<SafetyMargin>();
        v.Visit<Confidentiality>();
        v.Visit<FreshCount>();
        v.Visit<FewerBarriers>();
        v.Visit<StayFit>();
        v.Visit<Language>();
        v.Visit<Services>();
        v.Visit<PreferredKind>();
    }

    public static string[] Names()
    {
        var names = new NameCollector([]);
        Visit(ref names);
        return [.. names.Names];
    }

    private readonly struct NameCollector(List<string> names) : IScoreVisitor
    {
        public List<string> Names { get; } = names;

        public void Visit<TComponent>() where TComponent : struct, IScoreComponent => Names.Add(TComponent.Name);
    }

    public readonly struct SafetyMargin : IScoreComponent
    {
        public static string Name => "safety_margin";
        public static double Weight(ScoringWeights w) => w.SafetyMargin;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Value(in ScoreInput x) =>
            x.MarginKm is { } m ? Math.Clamp(Scoring.Margin(m, x.Facts.Confidential) / Scoring.SafeMarginKm, 0, 1) : 1;
    }

    public readonly struct Confidentiality : IScoreComponent
    {
        public static string Name => "confidentiality";
        public static double Weight(ScoringWeights w) => w.Confidentiality;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Value(in ScoreInput x) => x.Facts.Confidential ? 1 : 0;
    }

    public readonly struct FreshCount : IScoreComponent
    {
        public static string Name => "freshness";
        public static double Weight(ScoringWeights w) => w.Freshness;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Value(in ScoreInput x) => x.Freshness switch { Freshness.Fresh => 1, Freshness.Aging => 0.5, _ => 0.1 };
    }

    /// <summary>The barriers <see cref="Barriers"/> names, a quarter each.</summary>
    public readonly struct FewerBarriers : IScoreComponent
    {
        public static string Name => "fewer_barriers";
        public static double Weight(ScoringWeights w) => w.FewerBarriers;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Value(in ScoreInput x) =>
            Math.Max(0, 1 - 0.25 * (x.Facts.FixedBarriers + (x.Facts.CaseByCase && x.Query.Household.CriminalRecord ? 1 : 0)));
    }

    public readonly struct StayFit : IScoreComponent
    {
        public static string Name => "stay_fit";
        public static double Weight(ScoringWeights w) => w.StayFit;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Value(in ScoreInput x) =>
            x.Query.Query.Wants.ExpectedStayDays is { } days ? Math.Min(1, (double)x.Facts.MaxStayDays / days) : 1;
    }

    public readonly struct Language : IScoreComponent
    {
        public static string Name => "language";
        public static double Weight(ScoringWeights w) => w.Language;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Value(in ScoreInput x) => x.Query.Household.Languages is { Count: > 0 } ? (Shared(in x) ? 1 : 0) : 1;

        /// <summary>
        /// Interned languages: a bit below the 63rd stands for exactly one language (ignoring case),
        /// so a shared one is certain; the 63rd is shared by rare languages and needs the strings.
        /// </summary>
        private static bool Shared(in ScoreInput x)
        {
            var common = x.Facts.LanguageMask & x.Query.LanguageMask;
            if (common == 0) return false;
            if ((common & ~(1UL << 63)) != 0) return true;
            return Scoring.SharedLanguages(x.Entry.Program.Definition, x.Query.Household).Count > 0;
        }
    }

    /// <summary>The share of the wanted services offered; from the definition when a service does not fit the mask.</summary>
    public readonly struct Services : IScoreComponent
    {
        public static string Name => "services";
        public static double Weight(ScoringWeights w) => w.Services;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Value(in ScoreInput x) =>
            x.Query.Query.Wants.Services is { Count: > 0 } s ? (double)Offered(s, in x) / s.Count : 1;

        private static int Offered(IReadOnlyList<ProgramService> wanted, in ScoreInput x)
        {
            var n = 0;
            if (x.Facts.Exact)
            {
                var offered = x.Facts.ServiceMask;
                foreach (var service in wanted)
                {
                    if ((uint)service < 31 && (offered & (1 << (int)service)) != 0) n++;
                }
                return n;
            }
            var listed = x.Entry.Program.Definition.Services;
            foreach (var service in wanted)
            {
                for (var i = 0; i < listed.Count; i++)
                {
                    if (listed[i] == service) { n++; break; }
                }
            }
            return n;
        }
    }

    /// <summary>The kind listed first counts most, each later one 0.3 less, down to 0.1.</summary>
    public readonly struct PreferredKind : IScoreComponent
    {
        public static string Name => "preferred_kind";
        public static double Weight(ScoringWeights w) => w.PreferredKind;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Value(in ScoreInput x) =>
            x.Query.Query.Wants.Kinds is { Count: > 0 } k ? Math.Max(0.1, 1 - 0.3 * IndexOf(k, x.Facts.Kind)) : 1;

        private static int IndexOf(IReadOnlyList<ProgramKind> kinds, ProgramKind kind)
        {
            for (var i = 0; i < kinds.Count; i++) if (kinds[i] == kind) return i;
            return kinds.Count;
        }
    }
}

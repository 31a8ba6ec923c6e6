using System.Collections.Concurrent;
using System.Numerics;
using CsCheck;
using Housing.Api.Matching;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// The rules' one list, and what each rule says of itself: that it runs in the order of its
/// reason, that a rule the scan skips could not have excluded anyone, and that the random
/// searches the scan is tested with reach every rule.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class HardRulesTests
{
    [Test]
    public void EveryReasonHasOneRuleAndTheRulesRunInTheOrderOfTheirReasons() =>
        Assert.That(HardRules.Texts.Select(t => t.Reason), Is.EqualTo(Enum.GetValues<ExclusionReason>()));

    [Test]
    public void EveryReasonHasASentenceAndASummary() => Assert.Multiple(() =>
    {
        foreach (var reason in Enum.GetValues<ExclusionReason>())
        {
            Assert.That(ExclusionReasons.Sentence(reason), Does.EndWith("."), reason.ToString());
            Assert.That(ExclusionReasons.Summary(reason, 3), Does.StartWith("3 "), reason.ToString());
        }
    });

    /// <summary>A rule reading another's bit would read the other's fact; a bit past the byte would be lost.</summary>
    [Test]
    public void EveryYesNoFactARuleDeclaresHasABitOfItsOwn()
    {
        var flags = new FlagCollector([]);
        HardRules.Visit(ref flags);
        Assert.That(flags.Flags.Values, Is.Unique.And.All.Matches<byte>(b => BitOperations.IsPow2(b)), string.Join(", ", flags.Flags));
    }

    private readonly struct FlagCollector(Dictionary<string, byte> flags) : IRuleVisitor
    {
        public Dictionary<string, byte> Flags { get; } = flags;

        public bool Visit<TRule>() where TRule : struct, IHardRule
        {
            if (TRule.Flag != 0) Flags[typeof(TRule).Name] = TRule.Flag;
            return true;
        }
    }

    [Test]
    public void ARuleThatDoesNotApplyToASearchPassesEveryProgram() =>
        Searches.Sample(search =>
        {
            var index = MatchIndex.Build(search.Entries, Today);
            var check = new SkippedRulesPass(index, CompiledQuery.Compile(search.Query, index.Interning, index.Day));
            HardRules.Visit(ref check);
        }, iter: 300, print: s => s.ToString());

    private readonly struct SkippedRulesPass(MatchIndex index, CompiledQuery q) : IRuleVisitor
    {
        public bool Visit<TRule>() where TRule : struct, IHardRule
        {
            if (TRule.Applies(q)) return true;
            foreach (ref readonly var p in index.Facts.AsSpan())
            {
                if (!TRule.Passes(in p, q)) throw new PropertyFailure($"{typeof(TRule).Name} does not apply, yet excludes {p.Id}");
            }
            return true;
        }
    }

    /// <summary>
    /// The scan is tested against the reference check over these searches, so a reason they
    /// never give first is a rule whose column check is never tested.
    /// </summary>
    [Test]
    public void TheRandomSearchesReachEveryReasonAsAProgramsFirst()
    {
        var seen = new ConcurrentDictionary<ExclusionReason, int>();
        Searches.Sample(search =>
        {
            var index = MatchIndex.Build(search.Entries, Today);
            var q = CompiledQuery.Compile(search.Query, index.Interning, index.Day);
            Span<ExclusionReason> first = stackalloc ExclusionReason[1];
            foreach (ref readonly var p in index.Facts.AsSpan())
            {
                if (MatchRules.Check(in p, q, first) == 1) seen.AddOrUpdate(first[0], 1, (_, n) => n + 1);
            }
        }, iter: 500);
        Assert.That(Enum.GetValues<ExclusionReason>().Where(r => !seen.ContainsKey(r)), Is.Empty,
            string.Join(", ", seen.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));
    }
}

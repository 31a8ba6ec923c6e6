using CsCheck;
using Housing.Api.Matching;
using Housing.Api.Programs;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// The bitmap scan the engine runs is an optimisation of checking programs one by one: over
/// random catalogs and searches, both give every program the same first reason.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class RuleScanTests
{
    [Test]
    public void TheScanCountsEveryProgramUnderTheFirstReasonACheckOneByOneGives() =>
        Searches.Sample(search =>
        {
            var index = MatchIndex.Build(search.Entries, Today);
            var q = CompiledQuery.Compile(search.Query, index.Interning, index.Day);
            if (!RuleScan.Fits(index.Columns, q)) throw new PropertyFailure("a validated search always fits the columns");

            var scanned = new int[ExclusionReasons.Count];
            var passing = new List<int>();
            RuleScan.Run(index.Columns, q, scanned, passing);

            var one = new int[ExclusionReasons.Count];
            var passed = new List<int>();
            Span<ExclusionReason> first = stackalloc ExclusionReason[1];
            for (var i = 0; i < index.Facts.Length; i++)
            {
                if (MatchRules.Check(in index.Facts[i], q, first) == 0) passed.Add(i);
                else one[(int)first[0]]++;
            }
            if (!scanned.SequenceEqual(one)) throw new PropertyFailure($"counts by reason: scan [{string.Join(",", scanned)}], one by one [{string.Join(",", one)}]");
            if (!passing.SequenceEqual(passed)) throw new PropertyFailure($"passing: scan [{string.Join(",", passing)}], one by one [{string.Join(",", passed)}]");
        }, iter: 500, print: s => s.ToString());

    [Test]
    public void ASearchBeyondWhatTheColumnsKeepExactlyIsCheckedOneByOne()
    {
        var index = MatchIndex.Build([], Today);
        MatchQuery Adult(int age, DateOnly? start = null) =>
            new(new Household([new HouseholdMember(MemberRole.Adult, age, [Gender.Woman])]), new Wants(EarliestStart: start), new Safety());
        bool Fits(MatchQuery query) => RuleScan.Fits(index.Columns, CompiledQuery.Compile(query, index.Interning, index.Day));

        Assert.Multiple(() =>
        {
            Assert.That(Fits(Adult(120, Today.AddDays(365))), Is.True, "the oldest age and latest start a request may give");
            Assert.That(Fits(Adult(127)), Is.False);
            Assert.That(Fits(Adult(30, Today.AddDays(40_000))), Is.False);
        });
    }
}

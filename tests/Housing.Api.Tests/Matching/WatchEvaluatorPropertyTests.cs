using CsCheck;
using Housing.Api.Matching;
using Housing.Api.Programs;
using Housing.Api.Watches;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// A watch reaches exactly the programs a search with the same query returns, in the same
/// order, whether it checks every program or only those that changed: so every property of
/// the engine (MatchEnginePropertyTests: never inside an unsafe place or region, never an unsafe
/// organisation or program, never ineligible, always room for the whole household) holds for
/// what a watch holds too. Random catalogs and searches (CsCheck), random sets of changed programs.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class WatchEvaluatorPropertyTests
{
    private const int Iterations = 300;

    private static readonly Gen<(RandomSearch Search, int Seed)> SearchesAndChanges = Searches.Select(Gen.Int[0, 1_000_000]);

    [Test]
    public void AWatchFitsExactlyTheProgramsASearchReturnsRankedTheSameWay() =>
        SearchesAndChanges.Sample(((RandomSearch Search, int Seed) t) =>
        {
            var (search, seed) = t;
            var index = MatchIndex.Build(search.Entries, Today);
            var outcome = MatchEngine.Run(index, search.Query, Now, new ScoringWeights(), 1000, explain: false);
            var returned = outcome.Matches.Select(m => m.Program.Id).ToList();
            var watch = new StandingSearch(Guid.CreateVersion7(), Now, search.Query);

            var all = WatchEvaluator.Evaluate(index, [watch], null, Now, new ScoringWeights(), 1000).SingleOrDefault();
            var reached = all?.Best.Select(p => index.Facts[p].Id).ToList() ?? [];
            if (!reached.SequenceEqual(returned))
                throw new PropertyFailure($"a watch over every program reached [{string.Join(", ", reached)}], a search returned [{string.Join(", ", returned)}]");

            var random = new Random(seed);
            var changed = Enumerable.Range(0, index.Facts.Length).Where(_ => random.Next(3) == 0).ToList();
            var some = WatchEvaluator.Evaluate(index, [watch], changed, Now, new ScoringWeights(), 1000).SingleOrDefault();
            var reachedAmongChanged = some?.Best.Select(p => index.Facts[p].Id).ToList() ?? [];
            var changedIds = changed.Select(p => index.Facts[p].Id).ToHashSet();
            var expected = returned.Where(changedIds.Contains).ToList();
            if (!reachedAmongChanged.SequenceEqual(expected))
                throw new PropertyFailure($"among {changed.Count} changed programs a watch reached [{string.Join(", ", reachedAmongChanged)}], the search's order gives [{string.Join(", ", expected)}]");
        }, iter: Iterations, print: t => t.Search + $" seed {t.Seed}");

    [Test]
    public void WatchesCompetingForABedAreServedOldestFirstThenById()
    {
        // One shelter with room and a woman it takes: built, not drawn, so a change to the generators leaves it matching.
        var index = MatchIndex.Build([ProgramAt(34.05, -118.25)], Today);
        var query = new MatchQuery(new Household([new HouseholdMember(MemberRole.Adult, 30, [Gender.Woman])]), new Wants(), new Safety());
        Assert.That(MatchEngine.Run(index, query, Now, new ScoringWeights(), 5, false).Matched, Is.Positive);
        var at = Now.AddHours(-1);
        var later = new StandingSearch(new Guid("00000000-0000-7000-8000-000000000001"), at.AddMinutes(1), query);
        var tieHigh = new StandingSearch(new Guid("ffffffff-0000-7000-8000-000000000000"), at, query);
        var tieLow = new StandingSearch(new Guid("0fffffff-0000-7000-8000-000000000000"), at, query);

        var order = WatchEvaluator.Evaluate(index, [later, tieHigh, tieLow], null, Now, new ScoringWeights(), 5).Select(f => f.Search).ToList();

        Assert.That(order, Is.EqualTo(new[] { tieLow, tieHigh, later }));
    }
}

using CsCheck;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Programs;
using static Housing.Api.Tests.Matching.RandomSearches;

namespace Housing.Api.Tests.Matching;

/// <summary>
/// After availability posts and hold changes, the index is updated in place of being rebuilt;
/// the updated index must answer every search exactly as a rebuilt one would, and the index
/// it was copied from (still in use by searches under way) must not change.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class IncrementalIndexTests
{
    private static string Answer(MatchIndex index, MatchQuery query) =>
        HousingJson.Serialize(MatchEngine.Run(index, query, Now, new ScoringWeights(), 1000, explain: true));

    [Test]
    public void AnIndexUpdatedForNewCountsAndHoldsAnswersAsARebuiltOneWould() =>
        Gen.Select(Searches, Gen.Int).Sample((search, seed) =>
        {
            var catalog = new ProgramCatalog();
            catalog.Load(search.Entries.Select(e => e.Program), search.Entries.Where(e => e.Latest is not null).Select(e => e.Latest!));
            var (version, entries) = catalog.Versioned();
            var before = MatchIndex.Build(entries, Today, version);
            var answerBefore = Answer(before, search.Query);

            var random = new Random(seed);
            foreach (var entry in search.Entries.Where(_ => random.Next(3) == 0))
            {
                var types = entry.Program.Definition.Inventory.Select(i => i.HouseholdType).Distinct().ToList();
                var rapid = entry.Program.Definition.Kind == ProgramKind.RapidRehousing;
                if (random.Next(2) == 0)
                {
                    var counts = types.Select(t => rapid ? new OpenCount(t, 0, 0, random.Next(0, 4)) : new OpenCount(t, random.Next(0, 8), 0, 0)).ToList();
                    catalog.Posted(new Snapshot((entry.Latest?.Id ?? 0) + 1 + random.Next(100), entry.Program.Id, Now.AddMinutes(-random.Next(600)), counts));
                }
                else
                {
                    catalog.HoldsChanged(entry.Program.Id, types.Select((t, n) => new ActiveHold(n + 1, entry.Program.Id, t, random.Next(1, 4), null)).ToList(), entry.HoldsVersion + 1);
                }
            }

            var changes = catalog.ChangesSince(version) ?? throw new PropertyFailure("the journal reaches back one search");
            var updated = before.With(changes) ?? throw new PropertyFailure("counts and holds alone need no rebuild");
            var rebuilt = MatchIndex.Build(catalog.Versioned().Entries, Today, changes.Version);
            if (Answer(updated, search.Query) != Answer(rebuilt, search.Query)) throw new PropertyFailure("the updated index answers differently from a rebuilt one");
            if (Answer(before, search.Query) != answerBefore) throw new PropertyFailure("updating changed the index it was copied from");
        }, iter: 200);

    [Test]
    public void AnEditedProgramMakesTheIndexRebuild()
    {
        var catalog = new ProgramCatalog();
        var entry = Catalogs.Where(c => c.Count > 0).Single()[0];
        catalog.Load([entry.Program], []);
        var (version, entries) = catalog.Versioned();
        var index = MatchIndex.Build(entries, Today, version);

        catalog.Upsert(entry.Program with { Version = entry.Program.Version + 1 });

        Assert.That(index.With(catalog.ChangesSince(version)!), Is.Null);
    }

    [Test]
    public void AViewTooFarBehindTheJournalStartsAgainFromTheWholeCatalog()
    {
        var catalog = new ProgramCatalog();
        var entry = Catalogs.Where(c => c.Count > 0).Single()[0];
        catalog.Load([entry.Program], []);
        var version = catalog.Version;

        for (var i = 0; i <= ProgramCatalog.JournalLength; i++) catalog.HoldsChanged(entry.Program.Id, [], i + 1);

        Assert.Multiple(() =>
        {
            Assert.That(catalog.ChangesSince(version), Is.Null);
            Assert.That(catalog.ChangesSince(version + 1)!.ProgramIds, Is.EquivalentTo(new[] { entry.Program.Id }));
        });
    }

    [Test]
    public void AFullLoadStartsTheJournalAgain()
    {
        var catalog = new ProgramCatalog();
        var entry = Catalogs.Where(c => c.Count > 0).Single()[0];
        catalog.Load([entry.Program], []);
        var version = catalog.Version;
        catalog.HoldsChanged(entry.Program.Id, [], 1);

        catalog.Load([entry.Program], []);

        Assert.That(catalog.ChangesSince(version), Is.Null);
    }
}

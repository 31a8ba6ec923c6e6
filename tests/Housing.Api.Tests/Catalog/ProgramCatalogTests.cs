using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;

namespace Housing.Api.Tests.Catalog;

public class ProgramCatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);

    [Test]
    public void AnOlderProgramVersionArrivingLateDoesNotReplaceANewerOne()
    {
        var catalog = new ProgramCatalog();
        var v1 = Program(Guid.CreateVersion7(), "First", 1);
        catalog.Upsert(v1);
        catalog.Upsert(v1 with { Definition = v1.Definition with { Name = "Third" }, Version = 3 });
        catalog.Upsert(v1 with { Definition = v1.Definition with { Name = "Second" }, Version = 2 });

        Assert.That(catalog.Get(v1.Id)!.Program.Definition.Name, Is.EqualTo("Third"));
    }

    [Test]
    public void AnOlderSnapshotArrivingLateDoesNotReplaceANewerOne()
    {
        var catalog = new ProgramCatalog();
        var program = Program(Guid.CreateVersion7(), "Shelter", 1);
        catalog.Upsert(program);
        catalog.Posted(Snapshot(program.Id, 7, beds: 4));
        catalog.Posted(Snapshot(program.Id, 6, beds: 9));

        Assert.That(catalog.Get(program.Id)!.Latest!.Counts.Single().Beds, Is.EqualTo(4));
    }

    [Test]
    public void UpdatingAProgramKeepsItsLatestSnapshot()
    {
        var catalog = new ProgramCatalog();
        var program = Program(Guid.CreateVersion7(), "Shelter", 1);
        catalog.Upsert(program);
        catalog.Posted(Snapshot(program.Id, 1, beds: 2));
        catalog.Upsert(program with { Version = 2 });

        Assert.That(catalog.Get(program.Id)!.Latest!.Id, Is.EqualTo(1));
    }

    [Test]
    public void ASnapshotForAProgramNotInTheCatalogIsIgnored()
    {
        var catalog = new ProgramCatalog();
        catalog.Posted(Snapshot(Guid.CreateVersion7(), 1, beds: 2));

        Assert.That(catalog.Entries, Is.Empty);
    }

    [Test]
    public void IdsAreOrderedAsTheDatabaseOrdersTheirText()
    {
        var random = new Random(42);
        var ids = Enumerable.Range(0, 2000).Select(_ =>
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }).ToList();

        var byComparer = ids.OrderBy(i => i, GuidOrder.Instance).ToList();
        var byText = ids.OrderBy(i => i.ToString("D"), StringComparer.Ordinal).ToList();

        Assert.That(byComparer, Is.EqualTo(byText));
    }

    [Test]
    public void FromListsOnlyEntriesAfterTheCursorInOrder()
    {
        var catalog = new ProgramCatalog();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).OrderBy(i => i.ToString("D"), StringComparer.Ordinal).ToList();
        catalog.Load(ids.Select(i => Program(i, "P", 1)).Reverse(), []);

        Assert.That(catalog.From(ids[1]).Select(e => e.Program.Id), Is.EqualTo(ids.Skip(2)));
        Assert.That(catalog.From(null).Select(e => e.Program.Id), Is.EqualTo(ids));
    }

    private static HousingProgram Program(Guid id, string name, int version) => new(id,
        new ProgramDefinition(Guid.NewGuid(), name, ProgramKind.Emergency, 0, 90, "spa-4", new GeoPoint(34.06, -118.28),
            false, null, new IntakeContact("(213) 555-0100"), false, [],
            [new InventoryItem(HouseholdType.AdultsOnly, 10, 10, 0, InventoryAvailability.YearRound, BedType.FacilityBased, new DateOnly(2024, 1, 1), null)],
            new EligibilityProfile()),
        version, Now, Now);

    private static Snapshot Snapshot(Guid programId, long id, int beds) =>
        new(id, programId, Now, [new OpenCount(HouseholdType.AdultsOnly, beds, 0, 0)]);
}

using CsCheck;
using Housing.Api.Availability;
using Housing.Api.Programs;

namespace Housing.Api.Tests.Availability;

/// <summary>
/// Whole households in one room: <see cref="UnitFit"/> against a plain unit-by-unit search over
/// every set of open units, on random rooms and households. A household is never given units too
/// small for it, and a crib never takes anyone but an infant under 2.
/// </summary>
public sealed class UnitFitTests
{
    private const int Iterations = 2000;

    private static readonly Gen<List<UnitCount>> OpenUnits =
        Gen.Select(Gen.Int[1, 8], Gen.Int[0, 2], Gen.Int[0, 3], (beds, cribs, count) => new UnitCount(beds, cribs, count)).List[0, 4];

    /// <summary>Size and infants under 2 (never more infants than people).</summary>
    private static readonly Gen<(int Size, int Infants)> Households =
        Gen.Int[1, 12].SelectMany(size => Gen.Int[0, Math.Min(size, 3)].Select(infants => (size, infants)));

    private static readonly Gen<(List<UnitCount> Open, int Adjoining, (int Size, int Infants) Household)> Cases =
        Gen.Select(OpenUnits, Gen.Int[1, 3], Households);

    /// <summary>Every set of at most <paramref name="adjoining"/> units, one unit at a time: a bed for each non-infant, a bed or crib for each infant.</summary>
    private static IEnumerable<List<(int Beds, int Cribs)>> Sets(IReadOnlyList<UnitCount> open, int adjoining)
    {
        var units = open.SelectMany(u => Enumerable.Repeat((u.Beds, u.Cribs), u.Count)).Take(12).ToList();
        for (var set = 1; set < 1 << units.Count; set++)
        {
            var chosen = units.Where((_, j) => (set & (1 << j)) != 0).ToList();
            if (chosen.Count <= adjoining) yield return chosen;
        }
    }

    /// <summary>Puts infants in cribs first, then everyone else in beds: true when no one is left over.</summary>
    private static bool Sleeps(IEnumerable<(int Beds, int Cribs)> units, int size, int infants)
    {
        var list = units.ToList();
        var inCribs = Math.Min(infants, list.Sum(u => u.Cribs));
        return size - inCribs <= list.Sum(u => u.Beds);
    }

    [Test]
    public void AHouseholdIsGivenUnitsThatHoldEveryoneOrNoneWhenNoSetDoes() => Cases.Sample(c =>
    {
        var (open, adjoining, (size, infants)) = c;
        var chosen = UnitFit.Choose(open, adjoining, size, infants);
        var anySet = Sets(open, adjoining).Any(set => Sleeps(set, size, infants));
        if (chosen is null) return !anySet;
        var units = chosen.SelectMany(u => Enumerable.Repeat((u.Beds, u.Cribs), u.Count)).ToList();
        var available = UnitFit.Distinct(open);
        return anySet && units.Count <= adjoining && Sleeps(units, size, infants)
            && chosen.All(u => available.Any(a => a.SameSize(u) && a.Count >= u.Count));
    }, iter: Iterations, print: c => $"{string.Join(", ", c.Open)}; adjoining {c.Adjoining}; household {c.Household}");

    [Test]
    public void TheChosenUnitsWasteNoMoreBedsThanAnyOtherSetThatFits() => Cases.Sample(c =>
    {
        var (open, adjoining, (size, infants)) = c;
        if (UnitFit.Choose(open, adjoining, size, infants) is not { } chosen) return true;
        var fewest = Sets(open, adjoining).Where(set => Sleeps(set, size, infants)).Min(set => set.Sum(u => u.Beds));
        return UnitFit.Beds(chosen) == fewest;
    }, iter: Iterations);

    [Test]
    public void MostHeldSaysExactlyWhoFits() => Cases.Sample(c =>
    {
        var (open, adjoining, (size, infants)) = c;
        var fits = UnitFit.Choose(open, adjoining, size, infants) is not null;
        var byInfants = UnitFit.MostHeldByInfants(open, adjoining, 4);
        return fits == (UnitFit.MostHeld(open, adjoining, infants) >= size) && byInfants[Math.Min(infants, 3)] == UnitFit.MostHeld(open, adjoining, Math.Min(infants, 3));
    }, iter: Iterations);

    [Test]
    public void ACribIsOnlyForAnInfant()
    {
        // A room with 3 beds and 2 cribs: a family of five fits with two babies, not with one, nor with none.
        UnitCount[] room = [new(3, 2, 1)];
        Assert.Multiple(() =>
        {
            Assert.That(UnitFit.Choose(room, 1, 5, 2), Is.Not.Null);
            Assert.That(UnitFit.Choose(room, 1, 5, 1), Is.Null);
            Assert.That(UnitFit.Choose(room, 1, 5, 0), Is.Null);
            Assert.That(UnitFit.MostHeld(room, 1, 0), Is.EqualTo(3));
        });
    }

    [Test]
    public void AFamilyOfFiveIsNotPutInTwoRoomsUnlessTheyAdjoin()
    {
        UnitCount[] rooms = [new(4, 0, 1), new(2, 0, 1)];
        Assert.Multiple(() =>
        {
            Assert.That(UnitFit.Choose(rooms, 1, 5, 0), Is.Null);
            Assert.That(UnitFit.MostHeld(rooms, 1, 0), Is.EqualTo(4));
            Assert.That(UnitFit.Choose(rooms, 2, 5, 0), Is.EquivalentTo(new[] { new UnitCount(4, 0, 1), new UnitCount(2, 0, 1) }));
            // A family of two takes the small room, leaving the large one.
            Assert.That(UnitFit.Choose(rooms, 2, 2, 0), Is.EquivalentTo(new[] { new UnitCount(2, 0, 1) }));
        });
    }

    [Test]
    public void UnitsHeldComeOffTheOpenOnesSizeBySize()
    {
        UnitCount[] open = [new(4, 1, 2), new(2, 0, 1)];
        var left = UnitFit.Remaining(open, [[new UnitCount(4, 1, 1)], [new UnitCount(2, 0, 3)]]);
        Assert.That(left, Is.EqualTo(new[] { new UnitCount(4, 1, 1) }));
    }
}

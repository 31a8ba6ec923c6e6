using Housing.Api.Programs;

namespace Housing.Api.Availability;

/// <summary>
/// Whether a household fits in open units, and which units to hold for it; pure. A set of units
/// holds a household when its beds take everyone but the infants under 2 and its beds and cribs
/// together take everyone: size ≤ beds + min(cribs, infants). Cribs are for infants only, so a
/// crib never counts for an older child or an adult. A set is one unit, or up to the program's
/// adjoining units (<see cref="ProgramDefinition.UnitsPerHousehold"/>). The search, the hold and
/// the explanation all ask here, so they cannot disagree.
/// </summary>
public static class UnitFit
{
    /// <summary>Distinct unit sizes a program may give one household type.</summary>
    public const int MaxSizes = 8;

    /// <summary>The most adjoining units one household may take.</summary>
    public const int MaxAdjoining = 4;

    public const int MaxBedsPerUnit = 20;

    public const int MaxCribsPerUnit = 4;

    /// <summary>Whether units with these beds and cribs in all hold a household of <paramref name="size"/> with <paramref name="infants"/> infants under 2.</summary>
    public static bool Holds(int beds, int cribs, int size, int infants) => size <= beds + Math.Min(cribs, infants);

    /// <summary>The most people a set of at most <paramref name="adjoining"/> of the open units holds, when <paramref name="infants"/> of them are infants; 0 with none open.</summary>
    public static int MostHeld(IReadOnlyList<UnitCount> open, int adjoining, int infants) =>
        MostHeldByInfants(open, adjoining, infants + 1)[infants];

    /// <summary><see cref="MostHeld(IReadOnlyList{UnitCount}, int, int)"/> for 0, 1, … <paramref name="levels"/> − 1 infants, in one pass over the sets.</summary>
    public static int[] MostHeldByInfants(IReadOnlyList<UnitCount> open, int adjoining, int levels)
    {
        var visitor = new MostHeldVisitor(new int[levels]);
        Sets(Distinct(open), adjoining, ref visitor);
        return visitor.Most;
    }

    /// <summary>
    /// The beds of the units <see cref="Choose"/> would hold for the household (the fewest of any set
    /// that holds it), without making the list; null when no set holds it. What a search says a
    /// household needs, for every match, so it allocates nothing.
    /// </summary>
    public static int? FewestBeds(IReadOnlyList<UnitCount> open, int adjoining, int size, int infants)
    {
        var visitor = new ChooseVisitor(size, infants, null);
        Sets(Distinct(open), adjoining, ref visitor);
        return visitor.Found ? visitor.Best.Beds : null;
    }

    /// <summary>
    /// The units to hold for the household: of the sets that hold it, the one with the fewest beds
    /// (then the fewest units, then the fewest cribs), so that a small family leaves the large
    /// rooms for larger ones; null when no set holds it.
    /// </summary>
    public static IReadOnlyList<UnitCount>? Choose(IReadOnlyList<UnitCount> open, int adjoining, int size, int infants)
    {
        var sizes = Distinct(open);
        var visitor = new ChooseVisitor(size, infants, new int[sizes.Count]);
        Sets(sizes, adjoining, ref visitor);
        if (!visitor.Found) return null;
        var result = new List<UnitCount>();
        for (var j = 0; j < sizes.Count; j++)
        {
            if (visitor.Chosen![j] > 0) result.Add(sizes[j] with { Count = visitor.Chosen[j] });
        }
        return result;
    }

    /// <summary>The open units less those taken, size by size, never below none.</summary>
    public static IReadOnlyList<UnitCount> Remaining(IReadOnlyList<UnitCount> open, IEnumerable<IReadOnlyList<UnitCount>> taken)
    {
        var left = Distinct(open).ToList();
        foreach (var set in taken)
        {
            foreach (var unit in set)
            {
                var at = left.FindIndex(u => u.SameSize(unit));
                if (at >= 0) left[at] = left[at] with { Count = Math.Max(0, left[at].Count - unit.Count) };
            }
        }
        return [.. left.Where(u => u.Count > 0)];
    }

    /// <summary>Units as stored (a JSON list of {beds, cribs, count}); null stays null: by bed.</summary>
    public static string? ToJson(IReadOnlyList<UnitCount>? units) => units is null ? null : Http.HousingJson.Serialize(units);

    public static IReadOnlyList<UnitCount>? FromJson(string? json) => json is null ? null : Http.HousingJson.Deserialize<List<UnitCount>>(json);

    /// <summary>Beds in all the units.</summary>
    public static int Beds(IEnumerable<UnitCount> units) => units.Sum(u => u.Beds * u.Count);

    /// <summary>Units in all.</summary>
    public static int Count(IEnumerable<UnitCount> units) => units.Sum(u => u.Count);

    /// <summary>The units with one entry per size (counts of the same size added), largest first, none empty.</summary>
    public static IReadOnlyList<UnitCount> Distinct(IEnumerable<UnitCount> units)
    {
        // Most lists already are (posts are stored so): give them back as they are.
        if (units is IReadOnlyList<UnitCount> list && IsDistinct(list)) return list;
        return [.. units.Where(u => u.Count > 0)
            .GroupBy(u => (u.Beds, u.Cribs))
            .Select(g => new UnitCount(g.Key.Beds, g.Key.Cribs, g.Sum(u => u.Count)))
            .OrderByDescending(u => u.Beds).ThenByDescending(u => u.Cribs)];
    }

    /// <summary>Every count above 0 and the sizes strictly largest first (beds, then cribs): what <see cref="Distinct"/> makes.</summary>
    private static bool IsDistinct(IReadOnlyList<UnitCount> units)
    {
        for (var j = 0; j < units.Count; j++)
        {
            if (units[j].Count <= 0) return false;
            if (j > 0 && (units[j].Beds, units[j].Cribs).CompareTo((units[j - 1].Beds, units[j - 1].Cribs)) >= 0) return false;
        }
        return true;
    }

    private interface ISetVisitor
    {
        void Visit(int beds, int cribs, int units, ReadOnlySpan<int> picks);
    }

    private struct MostHeldVisitor(int[] most) : ISetVisitor
    {
        public readonly int[] Most = most;

        public readonly void Visit(int beds, int cribs, int units, ReadOnlySpan<int> picks)
        {
            for (var i = 0; i < Most.Length; i++) Most[i] = Math.Max(Most[i], beds + Math.Min(cribs, i));
        }
    }

    /// <summary>The set with the fewest beds, then units, then cribs, that holds the household; the first such in the order visited.</summary>
    private struct ChooseVisitor(int size, int infants, int[]? chosen) : ISetVisitor
    {
        public bool Found;
        public (int Beds, int Units, int Cribs) Best;
        public readonly int[]? Chosen = chosen;

        public void Visit(int beds, int cribs, int units, ReadOnlySpan<int> picks)
        {
            if (!Holds(beds, cribs, size, infants)) return;
            var key = (beds, units, cribs);
            if (Found && key.CompareTo(Best) >= 0) return;
            Found = true;
            Best = key;
            if (Chosen is not null) picks.CopyTo(Chosen);
        }
    }

    /// <summary>
    /// Every non-empty set of at most <paramref name="adjoining"/> of the units (distinct sizes,
    /// as <see cref="Distinct"/> gives them), as the beds, cribs and units it has and how many of
    /// each size it takes. Sizes are few (at most <see cref="MaxSizes"/>) and sets small (at most
    /// <see cref="MaxAdjoining"/>), so this is at most a few hundred sets; nothing is allocated.
    /// </summary>
    private static void Sets<T>(IReadOnlyList<UnitCount> sizes, int adjoining, ref T visitor) where T : struct, ISetVisitor
    {
        var picks = sizes.Count <= 2 * MaxSizes ? stackalloc int[sizes.Count] : new int[sizes.Count];
        Take(sizes, picks, 0, Math.Clamp(adjoining, 1, MaxAdjoining), 0, 0, 0, ref visitor);
    }

    private static void Take<T>(IReadOnlyList<UnitCount> sizes, Span<int> picks, int j, int slots, int beds, int cribs, int units, ref T visitor)
        where T : struct, ISetVisitor
    {
        if (j == sizes.Count)
        {
            if (units > 0) visitor.Visit(beds, cribs, units, picks);
            return;
        }
        var size = sizes[j];
        for (var t = 0; t <= Math.Min(size.Count, slots); t++)
        {
            picks[j] = t;
            Take(sizes, picks, j + 1, slots - t, beds + t * size.Beds, cribs + t * size.Cribs, units + t, ref visitor);
        }
        picks[j] = 0;
    }
}

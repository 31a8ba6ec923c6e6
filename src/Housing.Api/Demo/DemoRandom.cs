using Bogus;

namespace Housing.Api.Demo;

/// <summary>
/// Bogus's seeded randomizer with the few draws the demo county needs. A local seed, not
/// Bogus's global <c>Randomizer.Seed</c>, so tests generating counties in parallel stay independent.
/// </summary>
internal sealed class DemoRandom(int seed)
{
    private readonly Randomizer _random = new(seed);

    /// <summary>Inclusive at both ends.</summary>
    public int Int(int min, int max) => _random.Int(min, max);

    public double Double() => _random.Double();

    public bool Chance(double probability) => _random.Double() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Int(0, items.Count - 1)];

    public T Pick<T>(params T[] items) => items[_random.Int(0, items.Length - 1)];

    public T Weighted<T>(params (T Item, double Weight)[] choices)
    {
        var roll = _random.Double() * choices.Sum(c => c.Weight);
        foreach (var (item, weight) in choices)
        {
            if (roll < weight) return item;
            roll -= weight;
        }
        return choices[^1].Item;
    }

    public List<T> Shuffle<T>(IEnumerable<T> items) => _random.Shuffle(items).ToList();

    /// <summary>Each candidate kept with its own probability, in the given order.</summary>
    public List<T> Some<T>(params (T Item, double Probability)[] candidates) =>
        candidates.Where(c => Chance(c.Probability)).Select(c => c.Item).ToList();
}

using Housing.Api.Availability;
using Housing.Api.Programs;

namespace Housing.Api.Demo;

/// <summary>A program's latest post: how long ago, and its open capacity per household type.</summary>
public sealed record DemoPosting(TimeSpan Age, IReadOnlyList<OpenCountRequest> Counts);

/// <summary>
/// Availability as a county really looks: most programs posted within two hours, some
/// hours ago, some days ago, a few never; most full, a minority with a bed or two.
/// </summary>
internal static class DemoPostings
{
    public static DemoPosting? For(DemoRandom r, ProgramKind kind, IReadOnlyList<InventoryRequest> inventory)
    {
        var age = r.Weighted<TimeSpan?>(
            (TimeSpan.FromMinutes(r.Int(3, 115)), 0.65),
            (TimeSpan.FromMinutes(r.Int(130, 465)), 0.17),
            (TimeSpan.FromHours(r.Chance(0.75) ? r.Int(9, 72) : r.Int(73, 400)), 0.11),
            (null, 0.07));
        if (age is null) return null;

        var fullShare = kind switch
        {
            ProgramKind.Emergency => 0.75,
            ProgramKind.Transitional => 0.78,
            _ => 0.6,
        };
        var counts = inventory
            .GroupBy(i => i.HouseholdType!.Value)
            .OrderBy(g => g.Key)
            .Select(g => Open(r, g.Key, kind, g.Sum(i => i.Beds ?? 0), g.Sum(i => i.Units ?? 0), g.Sum(i => i.Slots ?? 0), fullShare))
            .ToList();
        return new DemoPosting(age.Value, counts);
    }

    private static OpenCountRequest Open(DemoRandom r, HouseholdType type, ProgramKind kind, int beds, int units, int slots, double fullShare)
    {
        var full = r.Chance(fullShare);
        if (kind == ProgramKind.RapidRehousing)
            return new OpenCountRequest(type, null, null, full ? 0 : r.Int(1, Math.Max(1, slots / 6)));
        if (full) return new OpenCountRequest(type, 0, 0, null);

        if (type == HouseholdType.AdultsWithChildren)
        {
            // Families take a unit each; a family unit has about beds/units beds.
            var openUnits = r.Int(1, Math.Clamp(units / 4, 1, 3));
            return new OpenCountRequest(type, Math.Min(beds, openUnits * (beds / units)), openUnits, null);
        }
        var openBeds = r.Int(1, Math.Max(1, beds / 8));
        return new OpenCountRequest(type, openBeds, Math.Min(openBeds, units), null);
    }
}

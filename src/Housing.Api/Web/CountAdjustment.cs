using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Offline;
using Housing.Api.Programs;

namespace Housing.Api.Web;

/// <summary>
/// A change of one figure from the shelter's page: the program's whole open picture (every
/// household type it has inventory for, as the API requires) with that figure moved by one
/// (+ or −, kept within the inventory) or set to the number typed (checked by the API's rules,
/// never clamped: a typed 12 of 8 is an error the person sees). The other figures are kept,
/// but never above the beds in service: beds taken offline since the last post leave it too
/// high, and a confirm must not be refused for it. Pure.
/// </summary>
public static class CountAdjustment
{
    public static PostAvailabilityRequest Apply(
        HousingProgram program, Snapshot? latest, DateOnly today, InForce inForce, HouseholdType type, string field, int delta) =>
        Change(program, latest, today, inForce, type, field, (now, max) => Math.Clamp(now + delta, 0, max));

    public static PostAvailabilityRequest Set(
        HousingProgram program, Snapshot? latest, DateOnly today, InForce inForce, HouseholdType type, string field, int value) =>
        Change(program, latest, today, inForce, type, field, (_, _) => value);

    /// <summary>The same counts again: a shelter confirming nothing changed makes its data fresh.</summary>
    public static PostAvailabilityRequest Confirm(HousingProgram program, Snapshot? latest, DateOnly today, InForce inForce) =>
        Apply(program, latest, today, inForce, default, "", 0);

    /// <summary>The most the inventory allows today for this figure (beds in service, units or slots of one household type, or the program's rooms of one size).</summary>
    public static int Maximum(HousingProgram program, DateOnly today, InForce inForce, HouseholdType type, string field)
    {
        if (RoomSize(field) is { } size)
            return program.Definition.UnitsOf(type).FirstOrDefault(u => u.SameSize(size))?.Count ?? 0;
        return AvailabilityRules.Capacity(program, today, inForce.Overflow, inForce.Offline).TryGetValue(type, out var c)
            ? Of(c, field)
            : 0;
    }

    /// <summary>The field of the open rooms of one size, for a household type housed by unit: "room-4-1" is rooms with 4 beds and 1 crib.</summary>
    public static string RoomField(UnitCount size) => $"room-{size.Beds}-{size.Cribs}";

    /// <summary>The size a room field names (count 0), or null for any other field.</summary>
    public static UnitCount? RoomSize(string? field)
    {
        var parts = field?.Split('-');
        return parts is ["room", var b, var c]
               && int.TryParse(b, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var beds)
               && int.TryParse(c, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cribs)
            ? new UnitCount(beds, cribs, 0)
            : null;
    }

    private static int Of(InventoryInForce c, string field) => field switch { "beds" => c.InService, "units" => c.Units, "slots" => c.Slots, _ => 0 };

    private static PostAvailabilityRequest Change(
        HousingProgram program, Snapshot? latest, DateOnly today, InForce inForce, HouseholdType type, string field, Func<int, int, int> change)
    {
        var slots = program.Definition.Kind == ProgramKind.RapidRehousing;
        var capacity = AvailabilityRules.Capacity(program, today, inForce.Overflow, inForce.Offline);
        var counts = capacity.OrderBy(c => c.Key).Select(c =>
        {
            var posted = latest?.Counts.FirstOrDefault(x => x.HouseholdType == c.Key);
            if (program.Definition.HousesByUnit(c.Key))
            {
                // Open rooms by size: each of the program's sizes, the one named moved, the others as posted.
                var rooms = program.Definition.UnitsOf(c.Key).Select(size =>
                {
                    var now = posted?.OpenUnits?.FirstOrDefault(u => u.SameSize(size))?.Count ?? 0;
                    var count = c.Key == type && RoomSize(field) is { } named && named.SameSize(size) ? change(now, size.Count) : now;
                    return new OpenUnitRequest(size.Beds, size.Cribs, count);
                }).ToList();
                return new OpenCountRequest(c.Key, OpenUnits: rooms);
            }
            int beds = Math.Min(posted?.Beds ?? 0, c.Value.InService), units = Math.Min(posted?.Units ?? 0, beds), open = posted?.Slots ?? 0;
            if (c.Key == type)
            {
                switch (field)
                {
                    case "beds":
                        beds = change(beds, c.Value.InService);
                        units = Math.Min(units, beds); // fewer free beds cannot leave more free units
                        break;
                    case "units":
                        units = change(units, c.Value.Units);
                        beds = Math.Min(Math.Max(beds, units), c.Value.InService); // a free unit has at least one free bed
                        break;
                    case "slots":
                        open = change(open, c.Value.Slots);
                        break;
                }
            }
            return slots
                ? new OpenCountRequest(c.Key, Slots: open)
                : new OpenCountRequest(c.Key, Beds: beds, Units: units);
        }).ToList();
        return new PostAvailabilityRequest(counts);
    }
}

/// <summary>What counts in a program's inventory today besides its dates: overflow beds (an activation in force) and beds out of service.</summary>
public readonly record struct InForce(bool Overflow, IReadOnlyList<OfflineBeds> Offline)
{
    public static InForce Of(CatalogEntry? entry, DateOnly today) => new(entry?.OverflowOn(today) ?? false, entry?.Offline ?? []);
}

using Housing.Api.Availability;
using Housing.Api.Programs;

namespace Housing.Api.Web;

/// <summary>
/// A change of one figure from the shelter's page: the program's whole open picture (every
/// household type it has inventory for, as the API requires) with that figure moved by one
/// (+ or −, kept within the inventory) or set to the number typed (checked by the API's rules,
/// never clamped: a typed 12 of 8 is an error the person sees). Pure.
/// </summary>
public static class CountAdjustment
{
    public static PostAvailabilityRequest Apply(
        HousingProgram program, Snapshot? latest, DateOnly today, bool overflow, HouseholdType type, string field, int delta) =>
        Change(program, latest, today, overflow, type, field, (now, max) => Math.Clamp(now + delta, 0, max));

    public static PostAvailabilityRequest Set(
        HousingProgram program, Snapshot? latest, DateOnly today, bool overflow, HouseholdType type, string field, int value) =>
        Change(program, latest, today, overflow, type, field, (_, _) => value);

    /// <summary>The same counts again: a shelter confirming nothing changed makes its data fresh.</summary>
    public static PostAvailabilityRequest Confirm(HousingProgram program, Snapshot? latest, DateOnly today, bool overflow) =>
        Apply(program, latest, today, overflow, default, "", 0);

    /// <summary>The most the inventory allows today for this figure (beds, units or slots of one household type, or the program's rooms of one size).</summary>
    public static int Maximum(HousingProgram program, DateOnly today, bool overflow, HouseholdType type, string field)
    {
        if (RoomSize(field) is { } size)
            return program.Definition.UnitsOf(type).FirstOrDefault(u => u.SameSize(size))?.Count ?? 0;
        return AvailabilityRules.Capacity(program, today, overflow).TryGetValue(type, out var c)
            ? field switch { "beds" => c.Beds, "units" => c.Units, "slots" => c.Slots, _ => 0 }
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

    private static PostAvailabilityRequest Change(
        HousingProgram program, Snapshot? latest, DateOnly today, bool overflow, HouseholdType type, string field, Func<int, int, int> change)
    {
        var slots = program.Definition.Kind == ProgramKind.RapidRehousing;
        var capacity = AvailabilityRules.Capacity(program, today, overflow);
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
            int beds = posted?.Beds ?? 0, units = posted?.Units ?? 0, open = posted?.Slots ?? 0;
            if (c.Key == type)
            {
                switch (field)
                {
                    case "beds":
                        beds = change(beds, c.Value.Beds);
                        units = Math.Min(units, beds); // fewer free beds cannot leave more free units
                        break;
                    case "units":
                        units = change(units, c.Value.Units);
                        beds = Math.Min(Math.Max(beds, units), c.Value.Beds); // a free unit has at least one free bed
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

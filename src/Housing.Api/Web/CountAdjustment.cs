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

    /// <summary>The most the inventory allows today for this figure (beds, units or slots of one household type).</summary>
    public static int Maximum(HousingProgram program, DateOnly today, bool overflow, HouseholdType type, string field) =>
        AvailabilityRules.Capacity(program, today, overflow).TryGetValue(type, out var c)
            ? field switch { "beds" => c.Beds, "units" => c.Units, "slots" => c.Slots, _ => 0 }
            : 0;

    private static PostAvailabilityRequest Change(
        HousingProgram program, Snapshot? latest, DateOnly today, bool overflow, HouseholdType type, string field, Func<int, int, int> change)
    {
        var slots = program.Definition.Kind == ProgramKind.RapidRehousing;
        var capacity = AvailabilityRules.Capacity(program, today, overflow);
        var counts = capacity.OrderBy(c => c.Key).Select(c =>
        {
            var posted = latest?.Counts.FirstOrDefault(x => x.HouseholdType == c.Key);
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

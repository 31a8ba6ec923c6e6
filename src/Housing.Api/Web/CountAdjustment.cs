using Housing.Api.Availability;
using Housing.Api.Programs;

namespace Housing.Api.Web;

/// <summary>
/// One click on + or −: the program's whole open picture (every household type it has inventory
/// for, as the API requires) with one figure moved by one, kept within the inventory. Pure.
/// </summary>
public static class CountAdjustment
{
    public static PostAvailabilityRequest Apply(
        HousingProgram program, Snapshot? latest, DateOnly today, HouseholdType type, string field, int delta)
    {
        var slots = program.Definition.Kind == ProgramKind.RapidRehousing;
        var capacity = AvailabilityRules.Capacity(program, today);
        var counts = capacity.OrderBy(c => c.Key).Select(c =>
        {
            var posted = latest?.Counts.FirstOrDefault(x => x.HouseholdType == c.Key);
            int beds = posted?.Beds ?? 0, units = posted?.Units ?? 0, open = posted?.Slots ?? 0;
            if (c.Key == type)
            {
                switch (field)
                {
                    case "beds":
                        beds = Math.Clamp(beds + delta, 0, c.Value.Beds);
                        units = Math.Min(units, beds); // fewer free beds cannot leave more free units
                        break;
                    case "units":
                        units = Math.Clamp(units + delta, 0, c.Value.Units);
                        beds = Math.Min(Math.Max(beds, units), c.Value.Beds); // a free unit has at least one free bed
                        break;
                    case "slots":
                        open = Math.Clamp(open + delta, 0, c.Value.Slots);
                        break;
                }
            }
            return slots
                ? new OpenCountRequest(c.Key, Slots: open)
                : new OpenCountRequest(c.Key, Beds: beds, Units: units);
        }).ToList();
        return new PostAvailabilityRequest(counts);
    }

    /// <summary>The same counts again: a shelter confirming nothing changed makes its data fresh.</summary>
    public static PostAvailabilityRequest Confirm(HousingProgram program, Snapshot? latest, DateOnly today) =>
        Apply(program, latest, today, default, "", 0);
}

using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Offline;
using Housing.Api.Programs;

namespace Housing.Api.Availability;

/// <summary>Pure rules for availability: what a post may say, and how it reads against inventory.</summary>
public static class AvailabilityRules
{

    /// <summary>
    /// Total capacity per household type in today's inventory (overflow only when in force), in
    /// the program's measure, with the beds of that type out of service (<paramref name="offline"/>, not returned).
    /// </summary>
    public static Dictionary<HouseholdType, InventoryInForce> Capacity(HousingProgram program, DateOnly today, bool overflow,
        IReadOnlyList<OfflineBeds> offline) =>
        program.ActiveInventory(today, overflow)
            .GroupBy(i => i.HouseholdType)
            .ToDictionary(g => g.Key, g => new InventoryInForce(g.Sum(i => i.Beds), g.Sum(i => i.Units), g.Sum(i => i.Slots),
                program.Definition.Kind == ProgramKind.RapidRehousing ? 0 : OfflineBeds.Count(offline, g.Key)));

    /// <summary>
    /// A post must give every household type the program has inventory for today, within that
    /// inventory; its shape (<see cref="RequestShape"/>) is checked here first.
    /// </summary>
    public static IReadOnlyList<OpenCount>? Validate(PostAvailabilityRequest request, HousingProgram program, DateOnly today, bool overflow,
        IReadOnlyList<OfflineBeds> offline, Validation v)
    {
        var capacity = Capacity(program, today, overflow, offline);
        var isSlots = program.Definition.Kind == ProgramKind.RapidRehousing;
        RequestShape.Check(request, v);
        if (request.Counts is not { Count: > 0 }) return null;

        var result = new List<OpenCount>();
        for (var i = 0; i < request.Counts.Count && i < 3; i++)
        {
            var at = $"counts[{i}].";
            if (request.Counts[i] is not { HouseholdType: { } type } c) continue;
            if (result.Any(r => r.HouseholdType == type)) { v.Add(at + "householdType", ProblemText.Problem_Availability_Twice); continue; }
            if (!capacity.TryGetValue(type, out var total))
            {
                v.Add(at + "householdType", Say.Format(ProblemText.Problem_Availability_NoInventory, HousingJson.Text(type)));
                continue;
            }
            int beds = c.Beds ?? 0, units = c.Units ?? 0, slots = c.Slots ?? 0;
            IReadOnlyList<UnitCount>? openUnits = null;
            if (program.Definition.HousesByUnit(type))
            {
                openUnits = OpenUnits(v, at, c, program.Definition.UnitsOf(type), type);
                if (openUnits is not null)
                {
                    if (c.Beds is { } b && b != UnitFit.Beds(openUnits)) v.Add(at + "beds", Say.Format(ProblemText.Problem_Availability_BedsNotUnits, UnitFit.Beds(openUnits)));
                    if (c.Units is { } u && u != UnitFit.Count(openUnits)) v.Add(at + "units", Say.Format(ProblemText.Problem_Availability_UnitsNotUnits, UnitFit.Count(openUnits)));
                    (beds, units) = (UnitFit.Beds(openUnits), UnitFit.Count(openUnits));
                    WithinInventory(v, at + "openUnits", beds, total.InService, "beds", type, total.Offline);
                }
                result.Add(new OpenCount(type, beds, units, 0, openUnits));
                continue;
            }
            if (c.OpenUnits is not null) v.Add(at + "openUnits", Say.Format(ProblemText.Problem_Availability_ByBed, Terms.Of(type)));
            if (isSlots)
            {
                if (c.Slots is null) v.Add(at + "slots", ProblemText.Problem_Availability_SlotsRequired);
                if (c.Beds is not null || c.Units is not null) v.Add(at + "beds", ProblemText.Problem_Availability_SlotsNotBeds);
                WithinInventory(v, at + "slots", slots, total.Slots, "slots", type, 0);
            }
            else
            {
                if (c.Beds is null) v.Add(at + "beds", ProblemText.Problem_Availability_BedsRequired);
                if (c.Slots is not null) v.Add(at + "slots", ProblemText.Problem_Availability_BedsNotSlots);
                WithinInventory(v, at + "beds", beds, total.InService, "beds", type, total.Offline);
                WithinInventory(v, at + "units", units, total.Units, "units", type, 0);
                if (units > beds) v.Add(at + "units", ProblemText.Problem_Availability_UnitsAboveBeds);
            }
            result.Add(new OpenCount(type, beds, units, slots));
        }
        foreach (var missing in capacity.Keys.Where(k => result.All(r => r.HouseholdType != k) && request.Counts.All(c => c?.HouseholdType != k)))
            v.Add("counts", Say.Format(ProblemText.Problem_Availability_Missing, HousingJson.Text(missing)));
        return v.IsValid ? result : null;
    }

    /// <summary>
    /// No more open than today's inventory of the household type holds, less its beds out of
    /// service: a count beyond it cannot be true (a typing slip, or a feed that sends the wrong
    /// figure), so it is refused, naming the inventory (the beds in service when some are
    /// offline), rather than capped and offered.
    /// </summary>
    private static void WithinInventory(Validation v, string field, int value, int inventory, string measure, HouseholdType type, int offline)
    {
        if (value < 0) v.Add(field, Say.Format(ProblemText.Problem_Between, 0, inventory));
        else if (value > inventory)
            v.Add(field, offline > 0
                ? Say.Format(ProblemText.Problem_Availability_AboveInService, inventory, Web.Display.Count(inventory, measure), Terms.Of(type), offline)
                : Say.Format(ProblemText.Problem_Availability_AboveInventory, inventory, Web.Display.Count(inventory, measure), Terms.Of(type)));
    }

    /// <summary>
    /// The open units a post gives for a household type housed by unit: each one of the program's
    /// sizes at most once and at most as many as the program has; a size left out is none open.
    /// </summary>
    private static List<UnitCount>? OpenUnits(Validation v, string at, OpenCountRequest c, IReadOnlyList<UnitCount> sizes, HouseholdType type)
    {
        if (c.OpenUnits is null)
        {
            v.Add(at + "openUnits", Say.Format(ProblemText.Problem_Availability_OpenUnitsRequired, Terms.Of(type)));
            return null;
        }
        var result = new List<UnitCount>();
        var valid = true;
        for (var j = 0; j < c.OpenUnits.Count && j < UnitFit.MaxSizes; j++)
        {
            var field = $"{at}openUnits[{j}]";
            if (c.OpenUnits[j] is not { Beds: { } beds, Count: { } count } open) { valid = false; continue; }
            var unit = new UnitCount(beds, open.Cribs ?? 0, count);
            var size = sizes.FirstOrDefault(s => s.SameSize(unit));
            if (size is null)
            {
                v.Add(field, Say.Format(ProblemText.Problem_Availability_NoSuchUnit, unit.Beds, unit.Cribs, Terms.Of(type),
                    string.Join(", ", sizes.Select(s => Say.Format(ProblemText.Problem_Availability_UnitSize, s.Beds, s.Cribs)))));
                valid = false;
            }
            else if (result.Any(r => r.SameSize(unit))) { v.Add(field, ProblemText.Problem_Availability_Twice); valid = false; }
            else if (count > size.Count) { v.Add(field + ".count", Say.Format(ProblemText.Problem_Availability_MoreUnitsThanSize, size.Count)); valid = false; }
            else if (count > 0) result.Add(unit);
        }
        return valid ? result : null;
    }

    /// <summary>
    /// The posted open units less those the holds keep (<see cref="ActiveHold.CountsAgainst"/>). A
    /// hold that names no units (an ask's yes, which the shelter gave without a size) takes the
    /// units a household of its beds would be given, or, if none would hold it, every open unit:
    /// never offering a unit twice.
    /// </summary>
    /// <remarks>
    /// No more beds than <paramref name="openBeds"/> (the post's beds capped at today's inventory,
    /// less the holds): when the inventory was cut after the post, the largest units go first.
    /// </remarks>
    public static IReadOnlyList<UnitCount> UnitsAfterHolds(IReadOnlyList<UnitCount> posted, IEnumerable<ActiveHold> holds, int openBeds)
    {
        var left = UnitFit.Distinct(posted);
        foreach (var hold in holds)
        {
            var taken = hold.Units ?? UnitFit.Choose(left, UnitFit.MaxAdjoining, hold.Count, 0) ?? left;
            left = UnitFit.Remaining(left, [taken]);
        }
        while (left.Count > 0 && UnitFit.Beds(left) > openBeds) left = UnitFit.Remaining(left, [[left[0] with { Count = 1 }]]);
        return left;
    }

    /// <summary>
    /// Open = the post's count, capped at the beds in service (inventory less offline beds:
    /// an inventory cut or beds taken offline after the post must not show more open than
    /// exist), less the holds that count against it; never below 0.
    /// </summary>
    public static IReadOnlyList<OpenCountView> View(HousingProgram program, Snapshot? snapshot, DateOnly today, bool overflow,
        IReadOnlyList<OfflineBeds> offline, IReadOnlyList<ActiveHold>? holds = null)
    {
        var capacity = Capacity(program, today, overflow, offline);
        holds ??= [];
        var isSlots = program.Definition.Kind == ProgramKind.RapidRehousing;
        return capacity.OrderBy(c => c.Key).Select(c =>
        {
            var posted = snapshot?.Counts.FirstOrDefault(x => x.HouseholdType == c.Key);
            int beds = posted?.Beds ?? 0, units = posted?.Units ?? 0, slots = posted?.Slots ?? 0;
            var counting = holds.Where(h => h.HouseholdType == c.Key && h.CountsAgainst(snapshot)).ToList();
            var held = counting.Sum(h => h.Count);
            var open = Math.Max(0, Math.Min(isSlots ? slots : beds, isSlots ? c.Value.Slots : c.Value.InService) - held);
            IReadOnlyList<UnitCount>? openUnits = null;
            if (program.Definition.HousesByUnit(c.Key))
            {
                // Whole rooms only, and no more of their beds than are open in service.
                openUnits = UnitsAfterHolds(posted?.OpenUnits ?? [], counting, open);
                open = UnitFit.Beds(openUnits);
            }
            return new OpenCountView(c.Key, open, isSlots ? "slots" : "beds", isSlots ? c.Value.Slots : c.Value.Beds, held, c.Value.Offline,
                beds, units, slots, openUnits);
        }).ToList();
    }
}

/// <summary>
/// One household type's inventory in force today: beds, units and slots as funded, and the beds
/// out of service. <see cref="InService"/> is what may be open, posted or held.
/// </summary>
public readonly record struct InventoryInForce(int Beds, int Units, int Slots, int Offline)
{
    public int InService => Math.Max(0, Beds - Offline);
}

using Housing.Api.Availability;
using Housing.Api.Programs;
using A = Housing.Api.Demo.DemoArchetype;

namespace Housing.Api.Demo;

/// <summary>
/// Family rooms for the shelters that house families by room: the inventory's family units as
/// 3-bed rooms and 4-bed rooms with a crib (the inventory has 3 to 4 beds a unit, so the rooms add
/// up to it exactly), and the open rooms by size in the post. Drawn from a random of their own,
/// seeded by the program's name, so the rest of the county is the same with or without them.
/// </summary>
internal static class DemoRooms
{
    private static readonly A[] ByRoom = [A.FamilyShelter, A.DvShelter, A.FamilySafeHouse, A.FamilyTransitional, A.MaternityHome];

    /// <summary>
    /// The demo shelter's family shelter houses by room, with a 3-bed room and a 4-bed room with a
    /// crib open, posted half an hour ago: a family of four is offered it, a family of five is told
    /// its largest open room holds 4, and five with a baby fit the crib. The README's walk-through
    /// program (<see cref="DemoCounty.ShelterProgram"/>) houses by bed, as its example post does.
    /// </summary>
    public const string FamilyRooms = "Casa Esperanza Family Shelter";

    public static DemoProgram Apply(DemoProgram program, DemoArchetype archetype)
    {
        var request = program.Request;
        if (!ByRoom.Contains(archetype) || request.Inventory!.FirstOrDefault(i => i.HouseholdType == HouseholdType.AdultsWithChildren) is not { } families)
            return program;
        var r = new DemoRandom(StableSeed(request.Name!));
        var shown = request.Name == FamilyRooms;
        if (request.Name == DemoCounty.ShelterProgram || !(shown || r.Chance(0.7))) return program;
        int units = families.Units ?? 0, extra = (families.Beds ?? 0) - 3 * units;
        if (units == 0 || extra < 0 || extra > units) return program;
        var sizes = new List<UnitSizeRequest>();
        if (units - extra > 0) sizes.Add(new UnitSizeRequest(HouseholdType.AdultsWithChildren, 3, 0, units - extra));
        if (extra > 0) sizes.Add(new UnitSizeRequest(HouseholdType.AdultsWithChildren, 4, 1, extra));
        var withRooms = program with { Request = request with { UnitSizes = sizes } };
        if (shown && sizes.Count == 2)
        {
            var rooms = new OpenCountRequest(HouseholdType.AdultsWithChildren,
                OpenUnits: [.. sizes.Select(s => new OpenUnitRequest(s.Beds, s.Cribs, 1))]);
            return withRooms with
            {
                Posting = new DemoPosting(TimeSpan.FromMinutes(30), [.. request.Inventory!.Select(i => i.HouseholdType!.Value).Distinct().Order()
                    .Select(type => type == HouseholdType.AdultsWithChildren ? rooms
                        : program.Posting?.Counts.FirstOrDefault(c => c.HouseholdType == type) ?? new OpenCountRequest(type, 0, 0))]),
            };
        }
        if (program.Posting is not { } posting) return withRooms;

        // The same number of open family units as the county drew, spread over the sizes.
        var counts = posting.Counts.Select(c =>
        {
            if (c.HouseholdType != HouseholdType.AdultsWithChildren) return c;
            var left = c.Units ?? 0;
            var open = sizes.Select(s => new OpenUnitRequest(s.Beds, s.Cribs, 0)).ToList();
            for (var tries = 0; left > 0 && tries < 20; tries++)
            {
                var j = r.Int(0, sizes.Count - 1);
                if (open[j].Count < sizes[j].Count) { open[j] = open[j] with { Count = open[j].Count + 1 }; left--; }
            }
            return new OpenCountRequest(c.HouseholdType, OpenUnits: open);
        }).ToList();
        return withRooms with { Posting = posting with { Counts = counts } };
    }

    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked(hash * 31 + c);
        return hash;
    }
}

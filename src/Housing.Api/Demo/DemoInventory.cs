using Housing.Api.Programs;
using A = Housing.Api.Demo.DemoArchetype;

namespace Housing.Api.Demo;

/// <summary>
/// Inventory per HUD household type for each archetype. Every record is in force on
/// <c>today</c>, so the county can post availability for all of it; seasonal beds end a
/// few months ahead and lapse by themselves.
/// </summary>
internal sealed class DemoInventory(DemoRandom r, DateOnly today)
{
    private const HouseholdType Singles = HouseholdType.AdultsOnly;
    private const HouseholdType Families = HouseholdType.AdultsWithChildren;
    private const HouseholdType Minors = HouseholdType.ChildrenOnly;

    public List<InventoryRequest> For(A a)
    {
        var items = new List<InventoryRequest>();
        var kind = DemoArchetypes.Kind(a);
        void Beds(HouseholdType type, int min, int max, InventoryAvailability availability = InventoryAvailability.YearRound,
            BedType bedType = BedType.FacilityBased) => items.Add(BedRecord(kind, type, r.Int(min, max), availability, bedType));
        void Slots(HouseholdType type, int min, int max) =>
            items.Add(new InventoryRequest(type, null, null, r.Int(min, max), null, null, Started(), null));

        switch (a)
        {
            case A.GeneralShelter:
                Beds(Singles, 40, 180);
                if (r.Chance(0.25)) Beds(Singles, 10, 30, InventoryAvailability.Overflow, BedType.Other);
                break;
            case A.MensShelter:
                Beds(Singles, 30, 200);
                if (r.Chance(0.15)) Beds(Singles, 10, 25, InventoryAvailability.Overflow, BedType.Other);
                break;
            case A.WomensShelter:
                Beds(Singles, 20, 90);
                if (r.Chance(0.3)) Beds(Families, 4, 12);
                break;
            case A.FamilyShelter:
                Beds(Families, 8, 40);
                if (r.Chance(0.2)) Beds(Singles, 6, 20);
                break;
            case A.YouthShelter: Beds(Singles, 12, 40); break;
            case A.MinorsShelter: Beds(Minors, 6, 18); break;
            case A.TraffickingSafeHouse:
                Beds(Singles, 6, 18);
                if (r.Chance(0.5)) Beds(Families, 2, 6);
                break;
            case A.FamilySafeHouse: Beds(Families, 3, 10); break;
            case A.LaborTraffickingSafeHouse: Beds(Singles, 6, 14); break;
            case A.DvShelter:
                Beds(Families, 6, 20);
                if (r.Chance(0.7)) Beds(Singles, 4, 12);
                break;
            case A.MotelVouchers:
                Beds(Singles, 10, 40, bedType: BedType.Voucher);
                if (r.Chance(0.5)) Beds(Families, 5, 15, bedType: BedType.Voucher);
                break;
            case A.SeasonalShelter:
                Beds(Singles, 40, 120, InventoryAvailability.Seasonal);
                if (r.Chance(0.3)) Beds(Families, 5, 10, InventoryAvailability.Seasonal);
                break;
            case A.BridgeHousing: Beds(Singles, 50, 150); break;
            case A.WomensTransitional:
                Beds(Singles, 12, 40);
                if (r.Chance(0.4)) Beds(Families, 4, 12);
                break;
            case A.FamilyTransitional: Beds(Families, 10, 40); break;
            case A.YouthTransitional:
                Beds(Singles, 10, 36);
                if (r.Chance(0.25)) Beds(Families, 3, 8); // parenting youth
                break;
            case A.RecoveryTransitional: Beds(Singles, 20, 80); break;
            case A.SurvivorTransitional:
                Beds(Singles, 6, 20);
                if (r.Chance(0.5)) Beds(Families, 3, 10);
                break;
            case A.MaternityHome:
                Beds(Singles, 6, 14);
                Beds(Families, 4, 10);
                break;
            case A.SinglesRapidRehousing: Slots(Singles, 15, 80); break;
            case A.FamilyRapidRehousing: Slots(Families, 10, 60); break;
            case A.YouthRapidRehousing:
                Slots(Singles, 10, 40);
                if (r.Chance(0.3)) Slots(Families, 5, 15);
                break;
            default:
                Slots(Singles, 10, 30);
                Slots(Families, 10, 40);
                break;
        }
        return items;
    }

    /// <summary>
    /// Singles and minors: a bed is a unit. Families: <paramref name="size"/> is the number
    /// of family units, with three or four beds each.
    /// </summary>
    private InventoryRequest BedRecord(ProgramKind kind, HouseholdType type, int size, InventoryAvailability availability, BedType bedType)
    {
        var (units, beds) = type == Families ? (size, size * 3 + r.Int(0, size)) : (size, size);
        var emergency = kind == ProgramKind.Emergency;
        var seasonal = availability == InventoryAvailability.Seasonal;
        var start = seasonal ? today.AddDays(-r.Int(10, 60)) : Started();
        DateOnly? end = seasonal ? today.AddDays(r.Int(45, 120)) : null;
        return new InventoryRequest(type, units, beds, null,
            emergency ? availability : null, emergency ? bedType : null, start, end);
    }

    private DateOnly Started() => today.AddDays(-r.Int(180, 3650));
}

namespace Housing.Api.Demo;

/// <summary>What kind of program a demo program is; decides its kind, name, inventory and eligibility.</summary>
internal enum DemoArchetype
{
    // Emergency shelter
    GeneralShelter, MensShelter, WomensShelter, FamilyShelter, YouthShelter, MinorsShelter,
    TraffickingSafeHouse, FamilySafeHouse, LaborTraffickingSafeHouse, DvShelter, MotelVouchers, SeasonalShelter, BridgeHousing,
    // Transitional housing
    WomensTransitional, FamilyTransitional, YouthTransitional, RecoveryTransitional, SurvivorTransitional, MaternityHome,
    // Rapid rehousing
    SinglesRapidRehousing, FamilyRapidRehousing, YouthRapidRehousing, SurvivorRapidRehousing,
}

/// <summary>
/// A kind of provider organisation: how many there are, how many programs each runs, and
/// which. The first organisations of a profile open with its <paramref name="Flagships"/>, one
/// each, so programs the scenarios depend on (a men's labour-trafficking safe house, a shelter
/// for unaccompanied minors) exist whatever the weights draw.
/// </summary>
internal sealed record DemoProfile(
    string Name,
    int Organizations,
    int MinPrograms,
    int MaxPrograms,
    double Growth,
    string[] Suffixes,
    DemoArchetype[] Flagships,
    (DemoArchetype Archetype, double Weight)[] Archetypes);

/// <summary>A brand the county's organisations are named after; some belong to one area or community.</summary>
internal sealed record DemoBrand(string Name, string? Region = null, string? Language = null);

internal static class DemoProfiles
{
    public const string SurvivorsProfile = "survivors";

    public static readonly IReadOnlyList<DemoProfile> All =
    [
        new("rescue_mission", 5, 3, 8, 1.6, ["Rescue Mission", "Mission", "Ministries"],
            [DemoArchetype.MensShelter, DemoArchetype.SeasonalShelter],
            [(DemoArchetype.MensShelter, 0.32), (DemoArchetype.WomensShelter, 0.18), (DemoArchetype.GeneralShelter, 0.14),
             (DemoArchetype.FamilyShelter, 0.12), (DemoArchetype.RecoveryTransitional, 0.16), (DemoArchetype.SeasonalShelter, 0.08)]),
        new("family_services", 6, 2, 6, 1.0, ["Family Services", "Family Housing", "Family Center"],
            [DemoArchetype.FamilyShelter],
            [(DemoArchetype.FamilyShelter, 0.38), (DemoArchetype.FamilyTransitional, 0.34), (DemoArchetype.FamilyRapidRehousing, 0.18),
             (DemoArchetype.MotelVouchers, 0.10)]),
        new("youth_services", 5, 2, 5, 1.0, ["Youth Services", "Youth Center", "Youth Network"],
            [DemoArchetype.MinorsShelter, DemoArchetype.YouthShelter, DemoArchetype.MinorsShelter],
            [(DemoArchetype.YouthShelter, 0.38), (DemoArchetype.MinorsShelter, 0.12), (DemoArchetype.YouthTransitional, 0.36),
             (DemoArchetype.YouthRapidRehousing, 0.14)]),
        new("womens_center", 4, 2, 5, 1.0, ["Women's Center", "Women's Services"],
            [DemoArchetype.WomensShelter],
            [(DemoArchetype.WomensShelter, 0.45), (DemoArchetype.WomensTransitional, 0.25), (DemoArchetype.MaternityHome, 0.10),
             (DemoArchetype.FamilyShelter, 0.20)]),
        new(SurvivorsProfile, 6, 2, 5, 1.0, ["Safe Housing", "Survivor Services", "Crisis Center"],
            [DemoArchetype.LaborTraffickingSafeHouse, DemoArchetype.TraffickingSafeHouse, DemoArchetype.DvShelter],
            [(DemoArchetype.TraffickingSafeHouse, 0.22), (DemoArchetype.FamilySafeHouse, 0.08), (DemoArchetype.DvShelter, 0.30), (DemoArchetype.LaborTraffickingSafeHouse, 0.07),
             (DemoArchetype.SurvivorTransitional, 0.18), (DemoArchetype.SurvivorRapidRehousing, 0.15)]),
        new("community", 5, 3, 7, 1.3, ["Community Services", "Housing Alliance", "Shelter Network"],
            [DemoArchetype.GeneralShelter, DemoArchetype.MotelVouchers],
            [(DemoArchetype.GeneralShelter, 0.30), (DemoArchetype.BridgeHousing, 0.20), (DemoArchetype.MotelVouchers, 0.12),
             (DemoArchetype.SeasonalShelter, 0.08), (DemoArchetype.SinglesRapidRehousing, 0.12), (DemoArchetype.MensShelter, 0.09),
             (DemoArchetype.WomensShelter, 0.09), (DemoArchetype.WomensTransitional, 0.05), (DemoArchetype.RecoveryTransitional, 0.05)]),
        new("recovery", 2, 1, 4, 1.0, ["Recovery Services", "Recovery Center"],
            [DemoArchetype.RecoveryTransitional],
            [(DemoArchetype.RecoveryTransitional, 0.8), (DemoArchetype.MensShelter, 0.2)]),
        new("housing_agency", 2, 1, 4, 1.0, ["Housing Solutions", "Housing Partners"],
            [DemoArchetype.SinglesRapidRehousing],
            [(DemoArchetype.SinglesRapidRehousing, 0.5), (DemoArchetype.FamilyRapidRehousing, 0.3), (DemoArchetype.YouthRapidRehousing, 0.2)]),
    ];

    public static readonly IReadOnlyList<DemoBrand> Brands =
    [
        new("Harbor Light"), new("Sunrise"), new("New Horizons"), new("Lighthouse"), new("Safe Passage"), new("Open Door"),
        new("Hope Street"), new("Cornerstone"), new("Mariposa"), new("Casa Milagro"), new("Beacon"), new("Shepherd's Door"),
        new("Grace Harbor"), new("St. Brigid's"), new("Good Samaritan"), new("Olive Branch"), new("Cedar Grove"), new("Dayspring"),
        new("Haven House"), new("Las Palmas"), new("Tierra Nueva"), new("Crossroads"), new("Pathways"), new("Bright Star"),
        new("Second Chance"), new("Rising Tide"), new("Jacaranda"), new("Sycamore"), new("Magnolia"), new("Evergreen"),
        new("Agape"), new("Nuevo Amanecer"), new("La Posada"), new("El Refugio"), new("Puente"), new("Bethany"), new("Emmaus"),
        new("Arroyo Seco"), new("Golden Poppy"), new("Westgate"),
        new("Desert Rose", "spa-1"), new("Poppy Fields", "spa-1"), new("Canyon Creek", "spa-2"), new("Valley Harvest", "spa-2"),
        new("Ararat", "spa-2", "hy"), new("Jade Lotus", "spa-3", "zh"), new("Hanmaum", "spa-4", "ko"), new("Baan Thai", "spa-4", "th"),
        new("Pacific Shores", "spa-5"), new("Seaside", "spa-5"), new("Watts Unity", "spa-6"), new("Nuevo Sol", "spa-7"),
        new("Kababayan", "spa-8", "tl"), new("Bayside", "spa-8"),
    ];
}

using CsCheck;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Programs;

namespace Housing.Api.Tests.Matching;

/// <summary>One random catalog and one random search against it, at a fixed moment.</summary>
public sealed record RandomSearch(IReadOnlyList<CatalogEntry> Entries, MatchQuery Query)
{
    public override string ToString() => HousingJson.Serialize(new { Query, Programs = Entries });
}

/// <summary>
/// Generators for the pure engine: programs as the API would accept them (any kind, region,
/// place around Los Angeles, eligibility rule, inventory in force or not, posted or never),
/// and households and safety constraints that exercise every rule. Values are biased towards
/// the common case, so that a fair share of programs match and the ranking is tested too.
/// </summary>
public static class RandomSearches
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 21, 30, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>Few organisations, so that an unsafe one owns several programs.</summary>
    public static readonly Guid[] Organizations = Enumerable.Range(1, 5).Select(i => new Guid($"0000000{i}-0000-7000-8000-000000000000")).ToArray();

    /// <summary>The agencies that search, and that organisations list as partners.</summary>
    public static readonly Guid[] Agencies = Enumerable.Range(1, 4).Select(i => new Guid($"0000000{i}-0000-7000-8000-00000000a9e0")).ToArray();

    /// <summary>The Continuums of Care programs are in (some in none); a search may also ask for one no program is in.</summary>
    public static readonly string[] Cocs = ["CA-600", "CA-606", "CA-607"];
    public static readonly string[] Regions = ["spa-1", "spa-2", "spa-3", "spa-4", "spa-5", "spa-6", "spa-7", "spa-8"];

    private static readonly string[] Languages = ["en", "es", "ko", "th", "tl", "zh"];

    private static Gen<bool> Chance(int percent) => Gen.Int[0, 99].Select(i => i < percent);

    private static Gen<int?> Sometimes(int percent, Gen<int> value) => Gen.Select(Chance(percent), value, (yes, v) => yes ? (int?)v : null);

    private static Gen<List<T>> SubsetOf<T>(IReadOnlyList<T> items, int percent) =>
        Chance(percent).Array[items.Count].Select(keep => items.Where((_, i) => keep[i]).ToList());

    private static Gen<T> OneOf<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    /// <summary>Each need the rules declare, asked as often as it says (<see cref="HouseholdNeed.TestPercent"/>).</summary>
    private static readonly (int Percent, Func<Household, bool, Household> Set)[] HouseholdSides =
        [.. HouseholdNeeds.All.Select(n => (n.TestPercent, n.Applied))];

    /// <summary>Each yes/no program fact a need is compared with, had as often as it says (<see cref="ProgramSide.TestPercent"/>).</summary>
    private static readonly (int Percent, Func<EligibilityProfile, bool, EligibilityProfile> Set)[] ProgramSides =
        [.. HouseholdNeeds.All.Select(n => n.Program).OfType<ProgramSide>().Select(p => (p.TestPercent, p.Set))];

    /// <summary>Values with each side set or not, one draw per side, so a new need reaches the generators by being declared.</summary>
    private static Gen<T> WithSides<T>(Gen<T> values, (int Percent, Func<T, bool, T> Set)[] sides) =>
        Gen.Select(values, Gen.Int[0, 99].Array[sides.Length], (value, rolls) =>
        {
            for (var i = 0; i < sides.Length; i++) value = sides[i].Set(value, rolls[i] < sides[i].Percent);
            return value;
        });

    private static readonly Gen<List<Gender>> GendersServed = Gen.OneOf(
        Gen.Const(new List<Gender>()), Gen.Const(new List<Gender>()), Gen.Const(new List<Gender>()), Gen.Const(new List<Gender>()),
        Gen.Const(new List<Gender> { Gender.Woman }), Gen.Const(new List<Gender> { Gender.Woman, Gender.NonBinary }),
        Gen.Const(new List<Gender> { Gender.Man }), SubsetOf(Enum.GetValues<Gender>(), 30));

    private static readonly Gen<EligibilityProfile> Eligibility = WithSides(Gen.Select(
        Gen.Select(GendersServed, Sometimes(15, Gen.Int[18, 40]), Sometimes(15, Gen.Int[40, 90]), Sometimes(15, Gen.Int[0, 17]),
            Sometimes(25, Gen.Int[0, 17]), Sometimes(25, Gen.Int[1, 8]),
            OneOf(PregnancyPolicy.Accepted, PregnancyPolicy.Accepted, PregnancyPolicy.Accepted, PregnancyPolicy.Accepted,
                PregnancyPolicy.Accepted, PregnancyPolicy.Accepted, PregnancyPolicy.Accepted, PregnancyPolicy.Required, PregnancyPolicy.NotAccepted),
            SubsetOf([TraffickingType.Sex, TraffickingType.Labor], 20)),
        Gen.Select(Gen.Select(Chance(50), SubsetOf([1, 2, 3, 4], 60), (any, some) => any ? [] : some), SubsetOf(Languages, 40),
            Gen.Enum<CriminalRecordPolicy>()),
        Gen.Select(Chance(30), OneOf<string?>(null, null, "21:00", "22:00")),
        (a, b, c) => new EligibilityProfile
        {
            GendersServed = a.Item1,
            MinAdultAge = a.Item2,
            MaxAdultAge = a.Item3,
            MaxChildAge = a.Item4,
            MaxBoyAge = a.Item5,
            MaxHouseholdSize = a.Item6,
            Pregnancy = a.Item7,
            TraffickingTypesServed = a.Item8,
            HomelessCategories = b.Item1,
            Languages = b.Item2,
            CriminalRecord = b.Item3,
            ReferralOnly = c.Item1,
            Curfew = c.Item2,
        }), ProgramSides);

    /// <summary>
    /// One inventory record: mostly in force today and open-ended, some seasonal beds
    /// ending soon or already lapsed, some starting later.
    /// </summary>
    private static Gen<InventoryItem> Inventory(ProgramKind kind, HouseholdType type) => Gen.Select(
        Gen.Int[1, 24], Gen.Int[-30, 1500], Sometimes(20, Gen.Int[-20, 120]),
        (count, startedDaysAgo, endsInDays) =>
        {
            var start = Today.AddDays(-startedDaysAgo);
            DateOnly? end = endsInDays is { } e ? Today.AddDays(e) : null;
            if (end < start) end = start;
            return kind == ProgramKind.RapidRehousing
                ? new InventoryItem(type, 0, 0, count, null, null, start, end)
                : new InventoryItem(type, count, count, 0,
                    kind == ProgramKind.Emergency ? InventoryAvailability.YearRound : null,
                    kind == ProgramKind.Emergency ? BedType.FacilityBased : null, start, end);
        });

    private static Gen<List<InventoryItem>> InventoryFor(ProgramKind kind) =>
        Gen.Select(Chance(70), Chance(55), Chance(15), Inventory(kind, HouseholdType.AdultsOnly),
            Inventory(kind, HouseholdType.AdultsWithChildren), Inventory(kind, HouseholdType.ChildrenOnly),
            (adults, families, minors, a, f, m) =>
            {
                var items = new List<InventoryItem>();
                if (adults || (!families && !minors)) items.Add(a);
                if (families) items.Add(f);
                if (minors) items.Add(m);
                return items;
            });

    /// <summary>
    /// The latest post: open counts per household type, sometimes above what today's inventory
    /// holds (it was cut after the post) or missing a type (added after the post); or never posted.
    /// Posted on the hour, so that equal scores and equal times happen and the tie-break by id is tested.
    /// </summary>
    private static readonly Gen<Func<Guid, ProgramKind, IReadOnlyList<InventoryItem>, Snapshot?>> Latest = Gen.Select(
        Chance(90), Gen.Int[0, 72].Select(hours => hours * 60), Gen.Int[0, 20].Array[3], Chance(90).Array[3], Gen.Long[1, 1_000_000],
        (posted, minutesAgo, open, listed, snapshotId) => (Func<Guid, ProgramKind, IReadOnlyList<InventoryItem>, Snapshot?>)((programId, kind, inventory) =>
        {
            if (!posted) return null;
            var types = inventory.Select(i => i.HouseholdType).Distinct().Where(t => listed[Index(t)]).ToList();
            var counts = types.Select(t => kind == ProgramKind.RapidRehousing
                ? new OpenCount(t, 0, 0, open[Index(t)])
                : new OpenCount(t, open[Index(t)], Math.Min(open[Index(t)], 3), 0)).ToList();
            return new Snapshot(snapshotId, programId, Now.AddMinutes(-minutesAgo), counts);
        }));

    private static int Index(HouseholdType type) => type switch
    {
        HouseholdType.AdultsOnly => 0,
        HouseholdType.AdultsWithChildren => 1,
        _ => 2,
    };

    /// <summary>
    /// Family rooms, for some programs that serve families: one to three sizes (beds, sometimes
    /// cribs), sometimes two adjoining rooms for one household, and how many of each size the
    /// latest post says are open.
    /// </summary>
    private static readonly Gen<(bool ByUnit, List<UnitCount> Sizes, int Adjoining, int[] Open)> Rooms = Gen.Select(
        Chance(40), Gen.Select(Gen.Int[2, 6], OneOf(0, 0, 1, 2), Gen.Int[1, 3], (beds, cribs, count) => new UnitCount(beds, cribs, count)).List[1, 3],
        OneOf(1, 1, 1, 2), Gen.Int[0, 3].Array[3],
        (byUnit, sizes, adjoining, open) => (byUnit, sizes.DistinctBy(u => (u.Beds, u.Cribs)).ToList(), adjoining, open));

    /// <summary>The program with family rooms, and its latest post giving open rooms by size for families.</summary>
    private static (ProgramDefinition, Snapshot?) WithRooms(ProgramDefinition d, Snapshot? latest, (bool ByUnit, List<UnitCount> Sizes, int Adjoining, int[] Open) rooms)
    {
        if (!rooms.ByUnit || d.Kind == ProgramKind.RapidRehousing || d.Inventory.All(i => i.HouseholdType != HouseholdType.AdultsWithChildren))
            return (d, latest);
        d = d with
        {
            UnitSizes = [.. rooms.Sizes.Select(u => new UnitSize(HouseholdType.AdultsWithChildren, u.Beds, u.Cribs, u.Count))],
            AdjoiningUnits = rooms.Adjoining,
        };
        if (latest is null) return (d, null);
        var open = rooms.Sizes.Select((u, j) => u with { Count = Math.Min(u.Count, rooms.Open[j]) }).Where(u => u.Count > 0).ToList();
        var counts = latest.Counts.Select(c => c.HouseholdType == HouseholdType.AdultsWithChildren
            ? new OpenCount(c.HouseholdType, UnitFit.Beds(open), UnitFit.Count(open), 0, open)
            : c).ToList();
        return (d, latest with { Counts = counts });
    }

    /// <summary>Time zones programs are in: the service's own (none named, or named), and two others, so one instant is a different local time.</summary>
    public static readonly string?[] TimeZones = [null, null, "America/Los_Angeles", "America/New_York", "America/Chicago"];

    /// <summary>A weekly window on the half hour: some across midnight, some 24 hours (closing when it opens).</summary>
    private static readonly Gen<IntakeWindow> Windows = Gen.Select(SubsetOf(Enum.GetValues<Weekday>(), 60), Gen.Int[0, 47], Gen.Int[0, 47],
        (days, opens, closes) => new IntakeWindow(days.Count == 0 ? [Weekday.Mon] : days,
            IntakeHoursRules.Clock(opens * 30), IntakeHoursRules.Clock(closes * 30)));

    private static readonly List<IntakeWindow>? NoHours = null;

    /// <summary>Most programs name no hours (at any hour, or a curfew's); the others a few windows, and the two common ones.</summary>
    private static readonly Gen<List<IntakeWindow>?> IntakeHours = Gen.OneOf(
        Gen.Const(NoHours), Gen.Const(NoHours), Gen.Const(NoHours), Gen.Const(NoHours), Gen.Const(NoHours), Gen.Const(NoHours),
        Gen.Const((List<IntakeWindow>?)[new IntakeWindow([.. Enum.GetValues<Weekday>()], "08:00", "21:00")]),
        Gen.Const((List<IntakeWindow>?)[new IntakeWindow([Weekday.Fri, Weekday.Sat], "20:00", "02:00")]),
        Windows.List[1, 3].Select(w => (List<IntakeWindow>?)w));

    /// <summary>A program still to be numbered: its position in the catalog makes its id unique.</summary>
    private static readonly Gen<Func<int, CatalogEntry>> Programs =
        from kind in Gen.Enum<ProgramKind>()
        from idBits in Gen.UInt
        from inventory in InventoryFor(kind)
        from place in Gen.Select(OneOf(Regions), Gen.Double[33.70, 34.80], Gen.Double[-118.70, -117.80], Chance(30))
        from more in Gen.Select(OneOf(Organizations), Chance(40), Gen.Int[1, 365], SubsetOf(Enum.GetValues<ProgramService>(), 30))
        from eligibility in Gen.Select(Chance(30), Eligibility, (lowBarrier, e) => lowBarrier ? new EligibilityProfile() : e)
        from latest in Latest
        from coc in OneOf<string?>(null, Cocs[0], Cocs[0], Cocs[1], Cocs[2])
        from rooms in Rooms
        from intake in Gen.Select(OneOf(TimeZones), IntakeHours)
        select (Func<int, CatalogEntry>)(index =>
        {
            var id = new Guid($"{idBits:x8}-0000-7000-8000-{index:x12}");
            var definition = new ProgramDefinition(
                more.Item1, $"Program {index}", kind, ProgramRules.HudProjectTypes(kind)[0], more.Item3, place.Item1,
                new GeoPoint(Math.Round(place.Item2, 4), Math.Round(place.Item3, 4)), place.Item4,
                place.Item4 ? $"{index} Secret Lane" : null, new IntakeContact($"(213) 555-01{index % 100:00}"),
                more.Item2, more.Item4, inventory, eligibility, CocCode: coc, TimeZone: intake.Item1, IntakeHours: intake.Item2);
            var (withRooms, posted) = WithRooms(definition, latest(id, kind, inventory), rooms);
            return new CatalogEntry(new HousingProgram(id, withRooms, 1, Now.AddDays(-30), Now.AddDays(-30)), posted);
        });

    /// <summary>
    /// One emergency program at a given spot, ten adults-only beds with three open, posted ten
    /// minutes ago: for tests of where a program is, nothing else.
    /// </summary>
    public static CatalogEntry ProgramAt(double latitude, double longitude, bool confidential = false)
    {
        var id = new Guid("00000001-0000-7000-8000-000000000001");
        var definition = new ProgramDefinition(
            Organizations[0], "Shelter", ProgramKind.Emergency, 0, 90, "spa-1", new GeoPoint(latitude, longitude),
            confidential, "1 Main St", new IntakeContact("(213) 555-0100"), false, [],
            [new InventoryItem(HouseholdType.AdultsOnly, 10, 10, 0, InventoryAvailability.YearRound, BedType.FacilityBased, new DateOnly(2024, 1, 1), null)],
            new EligibilityProfile());
        return new CatalogEntry(new HousingProgram(id, definition, 1, Now, Now),
            new Snapshot(1, id, Now.AddMinutes(-10), [new OpenCount(HouseholdType.AdultsOnly, 3, 3, 0)]));
    }

    /// <summary>Each organisation lists some agencies as partners (the same list for all its programs); some list none.</summary>
    public static readonly Gen<List<CatalogEntry>> Catalogs = Gen.Select(Programs.List[0, 60], SubsetOf(Agencies, 40).Array[Organizations.Length],
        (drafts, partners) => drafts.Select((draft, i) => draft(i)).Select(e => e with
        {
            Partners = [.. partners[Array.IndexOf(Organizations, e.Program.Definition.OrganizationId)].OrderBy(a => a, Housing.Api.Catalog.GuidOrder.Instance)],
        }).ToList());

    private static readonly Gen<List<Gender>> AdultGenders = Gen.OneOf(
        Gen.Const(new List<Gender> { Gender.Woman }), Gen.Const(new List<Gender> { Gender.Man }),
        Gen.Const(new List<Gender> { Gender.Woman, Gender.Transgender }), Gen.Const(new List<Gender> { Gender.NonBinary }),
        SubsetOf(Enum.GetValues<Gender>(), 25));

    private static readonly Gen<List<Gender>> ChildGenders = Gen.OneOf(
        Gen.Const(new List<Gender> { Gender.Woman }), Gen.Const(new List<Gender> { Gender.Man }), Gen.Const(new List<Gender>()));

    private static readonly Gen<Household> Households = WithSides(
        from adultCount in OneOf(0, 1, 1, 1, 1, 1, 1, 2, 2, 3)
        from childCount in OneOf(0, 0, 0, 0, 1, 1, 2, 3, 4)
        where adultCount + childCount > 0
        from adults in Gen.Select(Gen.Int[18, 80], AdultGenders, (age, g) => new HouseholdMember(MemberRole.Adult, age, g)).List[adultCount]
        from children in Gen.Select(Gen.OneOf(Gen.Int[0, 1], Gen.Int[0, 17], Gen.Int[0, 17]), ChildGenders, (age, g) => new HouseholdMember(MemberRole.Child, age, g)).List[childCount]
        from more in Gen.Select(SubsetOf([.. Languages, "fa"], 25), Gen.Enum<TraffickingExperience>(), Sometimes(70, Gen.Int[1, 4]))
        select new Household([.. adults, .. children], Languages: more.Item1, Trafficking: more.Item2, HomelessCategory: more.Item3),
        HouseholdSides);

    private static readonly Gen<Wants> WantsGen = Gen.Select(
        SubsetOf(Enum.GetValues<ProgramKind>(), 65), Sometimes(30, Gen.Int[0, 60]), Sometimes(40, Gen.Int[1, 1095]),
        SubsetOf(Enum.GetValues<ProgramService>(), 15), SubsetOf([.. Cocs, "CA-612"], 10),
        (kinds, startIn, stay, services, cocs) => new Wants(kinds, startIn is { } d ? Today.AddDays(d) : null, stay, services, cocs));

    private static Gen<Safety> SafetyFor(IReadOnlyList<CatalogEntry> entries) => Gen.Select(
        Gen.Select(Gen.Double[33.70, 34.80], Gen.Double[-118.70, -117.80], Gen.Double[0.5, 25], (lat, lon, r) => new UnsafePlace(lat, lon, r)).List[0, 3],
        SubsetOf([.. Regions, "spa-9"], 10), SubsetOf(Organizations, 10), Chance(5).Array[entries.Count], Chance(15),
        (places, regions, organizations, marked, confidential) => new Safety(
            places, regions, organizations, entries.Where((_, i) => marked[i]).Select(e => e.Program.Id).ToList(), confidential));

    public static readonly Gen<RandomSearch> Searches =
        from entries in Catalogs
        from household in Households
        from wants in WantsGen
        from safety in SafetyFor(entries)
        from agency in Gen.Select(Chance(20), OneOf(Agencies), (none, a) => none ? null : (Guid?)a)
        from arrival in Sometimes(70, Gen.Int[0, 7 * 24 * 4])
        select new RandomSearch(entries, new MatchQuery(household, wants, safety, agency)
        {
            // On the quarter hour, up to a week ahead: every hour of every day in every zone; none for a watch's or an ask's query.
            ArriveAt = arrival is { } quarters ? Now.AddMinutes(quarters * 15) : null,
            CallFirstMinutes = 60,
        });
}

using System.Runtime.CompilerServices;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// One program reduced to the numbers and bit masks the rules test, computed once per
/// catalog change rather than once per query, so a search is a tight scan over an array.
/// </summary>
public readonly record struct ProgramFacts
{
    public const int NoLimit = -1;

    /// <summary><see cref="CocId"/> of a program whose Continuum of Care is not known.</summary>
    public const int NoCoc = -1;

    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public required ProgramKind Kind { get; init; }
    public required int RegionId { get; init; }
    /// <summary>The program's Continuum of Care, interned (<see cref="Interning.Coc"/>); <see cref="NoCoc"/> for none.</summary>
    public required int CocId { get; init; }
    /// <summary>Where the rules take the program to be: for a confidential one, its area's centre (<see cref="ConfidentialArea"/>).</summary>
    public required double Latitude
    {
        get;
        init
        {
            field = value;
            (X, Y, Z) = UnitVector(value, Longitude);
        }
    }

    public required double Longitude
    {
        get;
        init
        {
            field = value;
            (X, Y, Z) = UnitVector(Latitude, value);
        }
    }

    /// <summary>The location as a point on the unit sphere, for distance tests without trigonometry.</summary>
    public double X { get; private init; }
    public double Y { get; private init; }
    public double Z { get; private init; }
    /// <summary>The yes/no facts the rules compare, one bit each as the rules declare them (<see cref="IHardRule.Flag"/>), read by the rules themselves.</summary>
    public required byte Flags { get; init; }

    /// <summary>Whether the program has the yes/no fact <typeparamref name="TRule"/> compares (its <see cref="IHardRule.Flag"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has<TRule>() where TRule : struct, IHardRule => (Flags & TRule.Flag) != 0;

    /// <summary>Whether only the program's area is known (<see cref="ConfidentialArea"/>), which is also where the rules take it to be.</summary>
    public bool Confidential => Has<HardRules.ConfidentialIfRequired>();
    /// <summary>Open beds (slots for rapid rehousing) per HUD household type code 1, 3, 4; <see cref="NoLimit"/> when never posted.</summary>
    public required int OpenAdultsOnly { get; init; }
    public required int OpenWithChildren { get; init; }
    public required int OpenChildrenOnly { get; init; }
    /// <summary>Bit per household type with inventory in force (1 adults only, 2 with children, 4 children only).</summary>
    public required int HouseholdTypes { get; init; }
    /// <summary>Last day the inventory for each household type stays in force (DateOnly.DayNumber; int.MaxValue open-ended).</summary>
    public required int LastDayAdultsOnly { get; init; }
    public required int LastDayWithChildren { get; init; }
    public required int LastDayChildrenOnly { get; init; }
    public required long PostedAtTicks { get; init; }
    public required int GenderMask { get; init; }
    public required int MinAdultAge { get; init; }
    public required int MaxAdultAge { get; init; }
    public required int MaxChildAge { get; init; }
    public required int MaxBoyAge { get; init; }
    public required int MaxHouseholdSize { get; init; }
    public required PregnancyPolicy Pregnancy { get; init; }
    public required int TraffickingMask { get; init; }
    public required int HomelessMask { get; init; }
    public required CriminalRecordPolicy CriminalRecord { get; init; }
    /// <summary>The organisation's partner agencies (<see cref="CatalogEntry.Partners"/>): who a referral-only program is offered to.</summary>
    public required Guid[] Partners { get; init; }
    public required ulong LanguageMask { get; init; }
    public required int ServiceMask { get; init; }
    /// <summary>When the program admits new arrivals (<see cref="Interning.Intake"/>); <see cref="AnyHour"/> for at any hour.</summary>
    public int Intake { get; init; }

    /// <summary><see cref="Intake"/> of a program that admits at any hour.</summary>
    public const int AnyHour = 0;

    /// <summary>Infants under 2 the room facts tell apart (0 to 3); a household with more is taken to have 3, which can only leave a room out, never offer one too small.</summary>
    public const int InfantLevels = 4;

    /// <summary>A household type housed by bed, in <see cref="RoomHolds"/>: more than any household.</summary>
    public const sbyte ByBed = sbyte.MaxValue;

    /// <summary>
    /// Per household type (three) and infants (<see cref="InfantLevels"/>): the most people one open
    /// unit, or set of adjoining units, holds (<see cref="Availability.UnitFit.MostHeld"/>), or
    /// <see cref="ByBed"/> for a type housed by bed; null when the program houses every type by bed.
    /// </summary>
    public required sbyte[]? Rooms { get; init; }

    /// <summary>Per household type (<see cref="Slot"/>): its open units after holds, for a type housed by unit; null when the program houses every type by bed.</summary>
    public required IReadOnlyList<UnitCount>?[]? OpenUnits { get; init; }

    /// <summary>The open units after holds of a household type housed by unit; null by bed.</summary>
    public IReadOnlyList<UnitCount>? OpenUnitsOf(HouseholdType type) => OpenUnits?[Slot(type)];

    /// <summary>Whether the program houses this household type by unit.</summary>
    public bool ByUnit(HouseholdType type) => Rooms is not null && Rooms[Slot(type) * InfantLevels] != ByBed;

    /// <summary>The most people an open unit (or set of adjoining units) holds when this many are infants; <see cref="ByBed"/> by bed.</summary>
    public int RoomHolds(HouseholdType type, int infants) =>
        Rooms is null ? ByBed : Rooms[Slot(type) * InfantLevels + Math.Clamp(infants, 0, InfantLevels - 1)];

    /// <summary>The household types in the order of the per-type facts: anything but the first two is children only.</summary>
    public static int Slot(HouseholdType type) => type switch
    {
        HouseholdType.AdultsOnly => 0,
        HouseholdType.AdultsWithChildren => 1,
        _ => 2,
    };

    /// <summary><see cref="OpenUnits"/> from a program's counts after holds.</summary>
    private static IReadOnlyList<UnitCount>?[]? OpenUnitsOf(ProgramDefinition d, IReadOnlyList<OpenCountView> counts)
    {
        if (d.UnitSizes is null) return null;
        var open = new IReadOnlyList<UnitCount>?[3];
        foreach (var c in counts)
            if (c.OpenUnits is { } units) open[Slot(c.HouseholdType)] = units;
        return open;
    }

    /// <summary><see cref="Rooms"/> from a program's counts after holds (<see cref="OpenCountView.OpenUnits"/>).</summary>
    private static sbyte[]? RoomsOf(ProgramDefinition d, IReadOnlyList<OpenCountView> counts)
    {
        if (d.UnitSizes is null) return null;
        var rooms = new sbyte[3 * InfantLevels];
        Array.Fill(rooms, ByBed);
        foreach (var c in counts)
        {
            if (c.OpenUnits is not { } open) continue;
            var most = Availability.UnitFit.MostHeldByInfants(open, d.UnitsPerHousehold, InfantLevels);
            for (var i = 0; i < InfantLevels; i++) rooms[Slot(c.HouseholdType) * InfantLevels + i] = (sbyte)Math.Min(most[i], ByBed - 1);
        }
        return rooms;
    }

    public int Open(HouseholdType type) => type switch
    {
        HouseholdType.AdultsOnly => OpenAdultsOnly,
        HouseholdType.AdultsWithChildren => OpenWithChildren,
        _ => OpenChildrenOnly,
    };

    public int LastDay(HouseholdType type) => type switch
    {
        HouseholdType.AdultsOnly => LastDayAdultsOnly,
        HouseholdType.AdultsWithChildren => LastDayWithChildren,
        _ => LastDayChildrenOnly,
    };

    /// <summary>A latitude and longitude in degrees as a unit vector: x towards 0° E on the equator, z towards the north pole.</summary>
    public static (double X, double Y, double Z) UnitVector(double latitude, double longitude)
    {
        var lat = latitude * Math.PI / 180;
        var lon = longitude * Math.PI / 180;
        var cos = Math.Cos(lat);
        return (cos * Math.Cos(lon), cos * Math.Sin(lon), Math.Sin(lat));
    }

    public static int Bit(HouseholdType type) => type switch
    {
        HouseholdType.AdultsOnly => 1,
        HouseholdType.AdultsWithChildren => 2,
        _ => 4,
    };

    public static int Bit(Gender gender) => 1 << (int)gender;

    public static int Mask(IEnumerable<Gender> genders) => genders.Aggregate(0, (m, g) => m | Bit(g));

    public static int Mask(IEnumerable<ProgramService> services) => services.Aggregate(0, (m, s) => m | (1 << (int)s));

    public static int Mask(IEnumerable<TraffickingType> types) => types.Aggregate(0, (m, t) => m | (1 << (int)t));

    public static ProgramFacts From(CatalogEntry entry, DateOnly today, Interning interning)
    {
        var program = entry.Program;
        var d = program.Definition;
        var e = d.Eligibility;
        var overflow = entry.OverflowOn(today);
        var counts = AvailabilityRules.View(program, entry.Latest, today, overflow, entry.Offline, entry.Holds);
        var posted = entry.Latest is not null;
        // Loops rather than LINQ: the index is rebuilt after every write, for every program.
        int Open(HouseholdType t)
        {
            if (!posted) return NoLimit;
            foreach (var c in counts) if (c.HouseholdType == t) return c.Open;
            return 0;
        }
        var householdTypes = 0;
        foreach (var c in counts) householdTypes |= Bit(c.HouseholdType);
        // A confidential program's exact location never enters the index: only its area's centre.
        var (latitude, longitude) = d.Confidential
            ? ConfidentialArea.Centre(d.Location.Latitude, d.Location.Longitude)
            : (d.Location.Latitude, d.Location.Longitude);
        // The last day each household type's inventory in force today lasts (int.MinValue: none).
        int lastAdultsOnly = int.MinValue, lastWithChildren = int.MinValue, lastChildrenOnly = int.MinValue;
        foreach (var item in program.ActiveInventory(today, overflow))
        {
            var last = item.EndDate?.DayNumber ?? int.MaxValue;
            switch (item.HouseholdType)
            {
                case HouseholdType.AdultsOnly: lastAdultsOnly = Math.Max(lastAdultsOnly, last); break;
                case HouseholdType.AdultsWithChildren: lastWithChildren = Math.Max(lastWithChildren, last); break;
                case HouseholdType.ChildrenOnly: lastChildrenOnly = Math.Max(lastChildrenOnly, last); break;
            }
        }

        return new ProgramFacts
        {
            Id = program.Id,
            OrganizationId = d.OrganizationId,
            Kind = d.Kind,
            RegionId = interning.Region(d.Region),
            CocId = interning.Coc(d.CocCode),
            Latitude = latitude,
            Longitude = longitude,
            Flags = HardRules.Flags(d),
            OpenAdultsOnly = Open(HouseholdType.AdultsOnly),
            OpenWithChildren = Open(HouseholdType.AdultsWithChildren),
            OpenChildrenOnly = Open(HouseholdType.ChildrenOnly),
            HouseholdTypes = householdTypes,
            LastDayAdultsOnly = lastAdultsOnly,
            LastDayWithChildren = lastWithChildren,
            LastDayChildrenOnly = lastChildrenOnly,
            PostedAtTicks = entry.Latest?.PostedAt.UtcTicks ?? 0,
            GenderMask = Mask(e.GendersServed),
            MinAdultAge = e.MinAdultAge ?? 0,
            MaxAdultAge = e.MaxAdultAge ?? int.MaxValue,
            MaxChildAge = e.MaxChildAge ?? NoLimit,
            MaxBoyAge = e.MaxBoyAge ?? NoLimit,
            MaxHouseholdSize = e.MaxHouseholdSize ?? NoLimit,
            Pregnancy = e.Pregnancy,
            TraffickingMask = Mask(e.TraffickingTypesServed),
            HomelessMask = e.HomelessCategories.Aggregate(0, (m, c) => m | (1 << c)),
            CriminalRecord = e.CriminalRecord,
            Partners = entry.Partners,
            LanguageMask = interning.Languages(e.Languages),
            ServiceMask = Mask(d.Services),
            Rooms = RoomsOf(d, counts),
            OpenUnits = OpenUnitsOf(d, counts),
            Intake = interning.Intake(d),
        };
    }
}

/// <summary>
/// Regions and languages as small integers and bits, shared by an index and the queries
/// compiled against it. Languages past the 64th distinct one share the last bit: a rare
/// language may then look spoken where it is not, which only affects ranking, never safety.
/// </summary>
/// <param name="timeZone">The service's own time zone (<c>Reports:TimeZone</c>): a program's when it names none.</param>
public sealed class Interning(TimeZoneInfo? timeZone = null)
{
    /// <summary>The time zone a program that names none is in, when the index is given none: the configuration's default.</summary>
    public const string DefaultTimeZone = "America/Los_Angeles";

    private readonly TimeZoneInfo _timeZone = timeZone ?? TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone);
    private readonly Dictionary<string, int> _intakes = new(StringComparer.Ordinal);
    // Position 0 is AnyHour, which has no schedule.
    private readonly List<IntakeSchedule?> _schedules = [null];
    private readonly List<TimeZoneInfo> _zones = [];
    private readonly List<int> _zoneOf = [-1];

    private readonly Dictionary<string, int> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _languages = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _cocs = new(StringComparer.Ordinal);

    public int Region(string region)
    {
        if (!_regions.TryGetValue(region, out var id)) _regions[region] = id = _regions.Count;
        return id;
    }

    public int? KnownRegion(string region) => _regions.TryGetValue(region, out var id) ? id : null;

    /// <summary>A Continuum of Care's code as a number; <see cref="ProgramFacts.NoCoc"/> for a program in none.</summary>
    public int Coc(string? code)
    {
        if (code is null) return ProgramFacts.NoCoc;
        if (!_cocs.TryGetValue(code, out var id)) _cocs[code] = id = _cocs.Count;
        return id;
    }

    public int? KnownCoc(string code) => _cocs.TryGetValue(code, out var id) ? id : null;

    public ulong Languages(IEnumerable<string> languages)
    {
        ulong mask = 0;
        foreach (var language in languages)
        {
            if (!_languages.TryGetValue(language, out var bit)) _languages[language] = bit = Math.Min(_languages.Count, 63);
            mask |= 1UL << bit;
        }
        return mask;
    }

    /// <summary>
    /// The program's intake schedule as a small number, shared by programs with the same one
    /// (<see cref="ProgramFacts.AnyHour"/> for none), so a search works out each distinct
    /// schedule once, and each distinct time zone's local time once.
    /// </summary>
    public int Intake(ProgramDefinition program)
    {
        if (IntakeSchedule.For(program, _timeZone) is not { } schedule) return ProgramFacts.AnyHour;
        if (_intakes.TryGetValue(schedule.Key, out var id)) return id;
        var zone = _zones.FindIndex(z => z.Id == schedule.Zone.Id);
        if (zone < 0)
        {
            zone = _zones.Count;
            _zones.Add(schedule.Zone);
        }
        _intakes[schedule.Key] = id = _schedules.Count;
        _schedules.Add(schedule);
        _zoneOf.Add(zone);
        return id;
    }

    /// <summary>Every schedule's state at an instant, by <see cref="ProgramFacts.Intake"/>: one time-zone conversion per zone, one look-up per schedule.</summary>
    public IntakeMoment[] IntakeAt(DateTimeOffset at)
    {
        var local = new int[_zones.Count];
        for (var z = 0; z < local.Length; z++) local[z] = IntakeSchedule.MinuteOfWeek(at, _zones[z]);
        var moments = new IntakeMoment[_schedules.Count];
        moments[ProgramFacts.AnyHour] = IntakeMoment.Always;
        for (var i = 1; i < moments.Length; i++) moments[i] = _schedules[i]!.At(local[_zoneOf[i]]);
        return moments;
    }

    public ulong KnownLanguages(IEnumerable<string> languages)
    {
        ulong mask = 0;
        foreach (var language in languages)
        {
            if (_languages.TryGetValue(language, out var bit)) mask |= 1UL << bit;
        }
        return mask;
    }
}

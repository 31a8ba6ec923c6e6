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
        };
    }
}

/// <summary>
/// Regions and languages as small integers and bits, shared by an index and the queries
/// compiled against it. Languages past the 64th distinct one share the last bit: a rare
/// language may then look spoken where it is not, which only affects ranking, never safety.
/// </summary>
public sealed class Interning
{
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

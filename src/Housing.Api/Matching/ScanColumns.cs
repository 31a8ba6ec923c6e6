using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// The facts the rules compare, one column per fact (a program's values at the same position
/// in every column), so that <see cref="RuleScan"/> tests 64 programs against one rule with a
/// few vector instructions instead of one program against every rule with a dozen branches.
/// Columns are as narrow as the values allow, so one instruction compares 32 programs: masks and
/// enums as bytes; ages, sizes and open counts as signed bytes clamped to [-1, 127], which
/// changes no comparison with a query's ages (at most 120) and sizes (at most 20); last days as
/// days after the index's day, clamped to [-1, 32767]. Columns are padded to a whole number of
/// 64-program words; padding is never counted, as the scan starts from a bitmap of real positions.
/// </summary>
public sealed class ScanColumns
{
    /// <summary>Largest value kept as it is in a clamped signed-byte column; a query value above it cannot use the columns.</summary>
    public const int MaxSmall = sbyte.MaxValue - 1;

    /// <summary>Largest relative day kept as it is; a later start cannot use the columns.</summary>
    public const int MaxRelativeDay = short.MaxValue - 1;

    public int Count { get; }
    /// <summary>64-program words: <see cref="Count"/> rounded up, divided by 64.</summary>
    public int Words { get; }
    /// <summary>The day relative last days count from.</summary>
    public int DayNumber { get; }
    /// <summary>Whether every mask and enum fits its byte; if not, searches check programs one by one.</summary>
    public bool Exact { get; private set; }

    public byte[] Kind { get; }
    public int[] RegionId { get; }
    public int[] CocId { get; }
    public byte[] HouseholdTypes { get; }
    public byte[] GenderMask { get; }
    public sbyte[] MinAdultAge { get; }
    public sbyte[] MaxAdultAge { get; }
    public sbyte[] MaxChildAge { get; }
    public sbyte[] MaxBoyAge { get; }
    public sbyte[] MaxHouseholdSize { get; }
    public byte[] Pregnancy { get; }
    public byte[] TraffickingMask { get; }
    public byte[] HomelessMask { get; }
    public byte[] CriminalRecord { get; }
    /// <summary><see cref="ProgramFacts.Flags"/>: the yes/no facts (confidential, allows pets, ...) as the bits their rules declare.</summary>
    public byte[] Flags { get; }
    /// <summary>Each program's partner agencies, read only for the referral-only ones a search still has in the running.</summary>
    public Guid[][] Partners { get; }
    /// <summary><see cref="ProgramFacts.Intake"/>: each program's intake schedule, as interned; 0 for at any hour.</summary>
    public ushort[] Intake { get; }

    private readonly sbyte[][] _open;
    private readonly short[][] _lastDay;
    private readonly sbyte[][] _rooms;

    /// <summary>Every program's location, ordered by latitude: an unsafe place reads only its band, in order.</summary>
    // By latitude, apart: a confidential program is tested against a wider band (its area's).
    private readonly Located[] _byLatitude;
    private readonly Located[] _confidentialByLatitude;
    private readonly Dictionary<Guid, int> _programs;
    private readonly Dictionary<Guid, List<int>> _organizations;

    public ScanColumns(ProgramFacts[] facts, int dayNumber)
    {
        Count = facts.Length;
        Words = (Count + 63) / 64;
        DayNumber = dayNumber;
        var length = Words * 64;
        (Kind, HouseholdTypes, GenderMask, Pregnancy) = (new byte[length], new byte[length], new byte[length], new byte[length]);
        (TraffickingMask, HomelessMask, CriminalRecord, Flags) = (new byte[length], new byte[length], new byte[length], new byte[length]);
        (MinAdultAge, MaxAdultAge, MaxChildAge, MaxBoyAge, MaxHouseholdSize) = (new sbyte[length], new sbyte[length], new sbyte[length], new sbyte[length], new sbyte[length]);
        RegionId = new int[length];
        CocId = new int[length];
        Partners = new Guid[length][];
        Intake = new ushort[length];
        _open = [new sbyte[length], new sbyte[length], new sbyte[length]];
        _lastDay = [new short[length], new short[length], new short[length]];
        _rooms = new sbyte[3 * ProgramFacts.InfantLevels][];
        for (var r = 0; r < _rooms.Length; r++) _rooms[r] = new sbyte[length];
        _programs = new Dictionary<Guid, int>(Count);
        _organizations = [];
        Exact = true;
        List<Located> open = new(Count), confidential = [];
        for (var i = 0; i < facts.Length; i++)
        {
            ref readonly var p = ref facts[i];
            Set(i, in p);
            (p.Confidential ? confidential : open).Add(new Located(i, p.Latitude, p.Longitude, p.X, p.Y, p.Z));
            _programs[p.Id] = i;
            if (!_organizations.TryGetValue(p.OrganizationId, out var positions)) _organizations[p.OrganizationId] = positions = [];
            positions.Add(i);
        }
        (_byLatitude, _confidentialByLatitude) = (ByLatitude(open), ByLatitude(confidential));
    }

    private static Located[] ByLatitude(List<Located> located)
    {
        var sorted = located.ToArray();
        Array.Sort(sorted, static (a, b) => a.Latitude.CompareTo(b.Latitude));
        return sorted;
    }

    /// <summary>A copy whose columns can be changed, sharing what cannot change without moving programs (ids, organisations, locations).</summary>
    private ScanColumns(ScanColumns source)
    {
        (Count, Words, DayNumber, Exact) = (source.Count, source.Words, source.DayNumber, source.Exact);
        (Kind, HouseholdTypes, GenderMask, Pregnancy) = (Copy(source.Kind), Copy(source.HouseholdTypes), Copy(source.GenderMask), Copy(source.Pregnancy));
        (TraffickingMask, HomelessMask, CriminalRecord, Flags) = (Copy(source.TraffickingMask), Copy(source.HomelessMask), Copy(source.CriminalRecord), Copy(source.Flags));
        (MinAdultAge, MaxAdultAge, MaxChildAge, MaxBoyAge, MaxHouseholdSize) =
            (Copy(source.MinAdultAge), Copy(source.MaxAdultAge), Copy(source.MaxChildAge), Copy(source.MaxBoyAge), Copy(source.MaxHouseholdSize));
        RegionId = Copy(source.RegionId);
        CocId = Copy(source.CocId);
        Partners = Copy(source.Partners);
        Intake = Copy(source.Intake);
        _open = [.. source._open.Select(Copy)];
        _lastDay = [.. source._lastDay.Select(Copy)];
        _rooms = [.. source._rooms.Select(Copy)];
        (_byLatitude, _confidentialByLatitude, _programs, _organizations) =
            (source._byLatitude, source._confidentialByLatitude, source._programs, source._organizations);
    }

    private static T[] Copy<T>(T[] column) => (T[])column.Clone();

    /// <summary>
    /// These columns with the programs at some positions changed in what they are not located
    /// by (counts, holds, rules): the same program ids, organisations and locations, at the same
    /// positions. The caller checks that; anything else needs a new index.
    /// </summary>
    public ScanColumns With(IEnumerable<(int Position, ProgramFacts Facts)> changed)
    {
        var copy = new ScanColumns(this);
        foreach (var (position, facts) in changed) copy.Set(position, in facts);
        return copy;
    }

    private void Set(int i, in ProgramFacts p)
    {
        Kind[i] = Byte((int)p.Kind);
        RegionId[i] = p.RegionId;
        CocId[i] = p.CocId;
        HouseholdTypes[i] = Byte(p.HouseholdTypes);
        GenderMask[i] = Byte(p.GenderMask);
        MinAdultAge[i] = Small(p.MinAdultAge);
        MaxAdultAge[i] = Small(p.MaxAdultAge);
        MaxChildAge[i] = Small(p.MaxChildAge);
        MaxBoyAge[i] = Small(p.MaxBoyAge);
        MaxHouseholdSize[i] = Small(p.MaxHouseholdSize);
        Pregnancy[i] = Byte((int)p.Pregnancy);
        TraffickingMask[i] = Byte(p.TraffickingMask);
        HomelessMask[i] = Byte(p.HomelessMask);
        CriminalRecord[i] = Byte((int)p.CriminalRecord);
        Flags[i] = p.Flags;
        Partners[i] = p.Partners;
        if ((uint)p.Intake > ushort.MaxValue) Exact = false;
        Intake[i] = (ushort)p.Intake;
        foreach (var type in (ReadOnlySpan<HouseholdType>)[HouseholdType.AdultsOnly, HouseholdType.AdultsWithChildren, HouseholdType.ChildrenOnly])
        {
            _open[Slot(type)][i] = Small(p.Open(type));
            _lastDay[Slot(type)][i] = (short)Math.Clamp((long)p.LastDay(type) - DayNumber, -1, short.MaxValue);
            for (var infants = 0; infants < ProgramFacts.InfantLevels; infants++)
                _rooms[Slot(type) * ProgramFacts.InfantLevels + infants][i] = (sbyte)p.RoomHolds(type, infants);
        }
    }

    /// <summary>A mask or enum as a byte; one that does not fit makes the columns inexact.</summary>
    private byte Byte(int value)
    {
        if ((uint)value > byte.MaxValue) Exact = false;
        return (byte)value;
    }

    /// <summary>Clamped to [-1, 127]: every limit and count the rules compare is -1 (none) or more.</summary>
    private static sbyte Small(int value) => (sbyte)Math.Clamp(value, -1, sbyte.MaxValue);

    /// <summary>Open beds (slots) for a household type, as <see cref="ProgramFacts.Open"/>, clamped.</summary>
    public sbyte[] Open(HouseholdType type) => _open[Slot(type)];

    /// <summary>The last day inventory for a household type is in force (<see cref="ProgramFacts.LastDay"/>), as days after <see cref="DayNumber"/>, clamped.</summary>
    public short[] LastDay(HouseholdType type) => _lastDay[Slot(type)];

    /// <summary>The most people an open unit holds for a household type with this many infants (<see cref="ProgramFacts.RoomHolds"/>); <see cref="ProgramFacts.ByBed"/> by bed.</summary>
    public sbyte[] Rooms(HouseholdType type, int infants) =>
        _rooms[Slot(type) * ProgramFacts.InfantLevels + Math.Clamp(infants, 0, ProgramFacts.InfantLevels - 1)];

    private static int Slot(HouseholdType type) => ProgramFacts.Slot(type);

    public bool TryGetPosition(Guid programId, out int position) => _programs.TryGetValue(programId, out position);

    public IReadOnlyList<int> PositionsOf(Guid organizationId) =>
        _organizations.TryGetValue(organizationId, out var positions) ? positions : [];

    /// <summary>
    /// The programs, confidential or not, whose latitude (a confidential one's area centre) is
    /// within <paramref name="degrees"/> of <paramref name="latitude"/>.
    /// </summary>
    public ReadOnlySpan<Located> LatitudeBand(double latitude, double degrees, bool confidential)
    {
        var byLatitude = confidential ? _confidentialByLatitude : _byLatitude;
        var from = FirstAtOrAbove(byLatitude, latitude - degrees, strictly: false);
        var to = FirstAtOrAbove(byLatitude, latitude + degrees, strictly: true);
        return byLatitude.AsSpan(from, to - from);
    }

    private static int FirstAtOrAbove(Located[] byLatitude, double latitude, bool strictly)
    {
        int lo = 0, hi = byLatitude.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var at = byLatitude[mid].Latitude;
            if (at < latitude || (strictly && at == latitude)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}

/// <summary>A program's position in the index and its location (a confidential program's area centre), as the unsafe-place test reads it.</summary>
public readonly record struct Located(int Position, double Latitude, double Longitude, double X, double Y, double Z);

/// <summary>One comparison over the 64 programs of one word of a column, as 64 bits (bit k: position word × 64 + k).</summary>
public static class Word
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Load<T>(T[] column, int word, int k) where T : unmanaged =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)(word * 64 + k));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Equal<T>(T[] column, int word, T value) where T : unmanaged
    {
        var v = Vector256.Create(value);
        ulong bits = 0;
        for (var k = 0; k < 64; k += Vector256<T>.Count) bits |= (ulong)Vector256.Equals(Load(column, word, k), v).ExtractMostSignificantBits() << k;
        return bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AtLeast<T>(T[] column, int word, T value) where T : unmanaged
    {
        var v = Vector256.Create(value);
        ulong bits = 0;
        for (var k = 0; k < 64; k += Vector256<T>.Count) bits |= (ulong)Vector256.GreaterThanOrEqual(Load(column, word, k), v).ExtractMostSignificantBits() << k;
        return bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AtMost<T>(T[] column, int word, T value) where T : unmanaged
    {
        var v = Vector256.Create(value);
        ulong bits = 0;
        for (var k = 0; k < 64; k += Vector256<T>.Count) bits |= (ulong)Vector256.LessThanOrEqual(Load(column, word, k), v).ExtractMostSignificantBits() << k;
        return bits;
    }

    /// <summary>Programs whose value shares a bit with <paramref name="mask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AnyBit<T>(T[] column, int word, T mask) where T : unmanaged
    {
        var m = Vector256.Create(mask);
        ulong bits = 0;
        for (var k = 0; k < 64; k += Vector256<T>.Count)
            bits |= (ulong)Vector256.Equals(Load(column, word, k) & m, Vector256<T>.Zero).ExtractMostSignificantBits() << k;
        return ~bits;
    }
}

using System.Buffers;
using System.Numerics;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// <see cref="MatchRules.Check"/>'s first reason for every program at once, one rule at a time
/// over bitmaps: a bit per program still in the running, and per rule a bit per program that
/// passes it. A program still in the running that fails a rule is counted under that rule and
/// drops out, so, as rules are applied in <see cref="ExclusionReason"/> order, each program is
/// counted under exactly the reason a one-program-at-a-time check would give first. Rules that
/// cannot exclude anyone for this query (no pets, no unsafe places) are skipped, and words with
/// no program left in the running cost nothing.
/// </summary>
public static class RuleScan
{
    /// <summary>
    /// Whether the query's numbers are within what the narrow columns keep exactly (always so
    /// for a validated request) and every program fitted its columns; if not, check one by one.
    /// </summary>
    public static bool Fits(ScanColumns c, CompiledQuery q)
    {
        static bool Small(int value) => value is >= -1 and <= ScanColumns.MaxSmall;
        var start = (long)q.StartDay - c.DayNumber;
        return c.Exact && (q.OldestAdult < 0 || (Small(q.OldestAdult) && Small(q.YoungestAdult)))
            && Small(q.OldestChild) && Small(q.OldestBoy) && Small(q.Size)
            && start is >= 0 and <= ScanColumns.MaxRelativeDay;
    }

    /// <summary>Adds to <paramref name="excludedBy"/> the count per first reason, and to <paramref name="passing"/> the positions that pass every rule, in order.</summary>
    public static void Run(ScanColumns c, CompiledQuery q, int[] excludedBy, List<int> passing)
    {
        var words = c.Words;
        var rented = ArrayPool<ulong>.Shared.Rent(2 * words);
        try
        {
            var scan = new Scan(rented.AsSpan(0, words), rented.AsSpan(words, words), excludedBy);
            scan.Alive.Fill(ulong.MaxValue);
            if (c.Count % 64 != 0) scan.Alive[words - 1] = (1UL << (c.Count % 64)) - 1;
            Apply(ref scan, c, q);
            for (var w = 0; w < words; w++)
            {
                for (var bits = scan.Alive[w]; bits != 0; bits &= bits - 1)
                    passing.Add(w * 64 + BitOperations.TrailingZeroCount(bits));
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    private ref struct Scan(Span<ulong> alive, Span<ulong> pass, int[] excludedBy)
    {
        public readonly Span<ulong> Alive = alive;
        public readonly Span<ulong> Pass = pass;

        /// <summary>Counts the programs still in the running that fail under <paramref name="reason"/>, and drops them.</summary>
        public readonly void Drop(ExclusionReason reason)
        {
            var failed = 0;
            for (var w = 0; w < Alive.Length; w++)
            {
                var alive = Alive[w];
                if (alive == 0) continue;
                failed += BitOperations.PopCount(alive & ~Pass[w]);
                Alive[w] = alive & Pass[w];
            }
            excludedBy[(int)reason] += failed;
        }
    }

    private static void Apply(ref Scan s, ScanColumns c, CompiledQuery q)
    {
        var alive = s.Alive;
        var pass = s.Pass;
        var words = alive.Length;

        if (q.UnsafePrograms.Length != 0)
        {
            pass.Fill(ulong.MaxValue);
            foreach (var id in q.UnsafePrograms)
                if (c.TryGetPosition(id, out var at)) Clear(pass, at);
            s.Drop(ExclusionReason.UnsafeProgram);
        }
        if (q.UnsafeOrganizations.Length != 0)
        {
            pass.Fill(ulong.MaxValue);
            foreach (var id in q.UnsafeOrganizations)
                foreach (var at in c.PositionsOf(id)) Clear(pass, at);
            s.Drop(ExclusionReason.UnsafeOrganization);
        }
        if (q.UnsafeRegions.Length != 0)
        {
            for (var w = 0; w < words; w++)
            {
                if (alive[w] == 0) continue;
                ulong inside = 0;
                foreach (var region in q.UnsafeRegions) inside |= Word.Equal(c.RegionId, w, region);
                pass[w] = ~inside;
            }
            s.Drop(ExclusionReason.UnsafeRegion);
        }
        if (q.UnsafePlaces.Length != 0)
        {
            // Only programs in a place's latitude band can be inside it (a little wider than the
            // radius, so rounding cannot leave one out); each is then tested exactly as Check does.
            // Confidential programs, apart, against the widened place and its wider band.
            pass.Fill(ulong.MaxValue);
            for (var i = 0; i < q.UnsafePlaces.Length; i++)
            {
                ClearInside(c, alive, pass, q.UnsafePlaces[i], q.UnsafePlaceFilters[i], confidential: false);
                ClearInside(c, alive, pass, q.ConfidentialUnsafePlaces[i], q.ConfidentialUnsafePlaceFilters[i], confidential: true);
            }
            s.Drop(ExclusionReason.InsideUnsafePlace);
        }
        if (q.Query.Safety.ConfidentialRequired)
        {
            for (var w = 0; w < words; w++)
                if (alive[w] != 0) pass[w] = Word.AnyBit(c.Flags, w, ScanColumns.Confidential);
            s.Drop(ExclusionReason.NotConfidential);
        }

        for (var w = 0; w < words; w++)
        {
            if (alive[w] == 0) continue;
            ulong wanted = 0;
            for (var kinds = (uint)q.KindMask; kinds != 0; kinds &= kinds - 1)
                wanted |= Word.Equal(c.Kind, w, (byte)BitOperations.TrailingZeroCount(kinds));
            pass[w] = wanted;
        }
        s.Drop(ExclusionReason.KindNotWanted);

        var lastDay = c.LastDay(q.HouseholdType);
        var start = (short)(q.StartDay - c.DayNumber);
        var typeBit = (byte)q.HouseholdTypeBit;
        for (var w = 0; w < words; w++)
        {
            if (alive[w] != 0) pass[w] = Word.AnyBit(c.HouseholdTypes, w, typeBit) & Word.AtLeast(lastDay, w, start);
        }
        s.Drop(ExclusionReason.HouseholdTypeNotServed);

        if (q.AdultGenderMasks.Length != 0)
        {
            for (var w = 0; w < words; w++)
            {
                if (alive[w] == 0) continue;
                var everyone = ulong.MaxValue;
                foreach (var adult in q.AdultGenderMasks) everyone &= Word.AnyBit(c.GenderMask, w, (byte)adult);
                pass[w] = Word.Equal(c.GenderMask, w, (byte)0) | everyone;
            }
            s.Drop(ExclusionReason.GenderNotServed);
        }
        if (q.OldestAdult >= 0)
        {
            for (var w = 0; w < words; w++)
            {
                if (alive[w] != 0) pass[w] = Word.AtMost(c.MinAdultAge, w, (sbyte)q.YoungestAdult) & Word.AtLeast(c.MaxAdultAge, w, (sbyte)q.OldestAdult);
            }
            s.Drop(ExclusionReason.AdultAgeOutOfRange);
        }
        UpToOrNoLimit(ref s, c.MaxChildAge, (sbyte)q.OldestChild, ExclusionReason.ChildTooOld);
        UpToOrNoLimit(ref s, c.MaxBoyAge, (sbyte)q.OldestBoy, ExclusionReason.BoyTooOld);
        UpToOrNoLimit(ref s, c.MaxHouseholdSize, (sbyte)q.Size, ExclusionReason.HouseholdTooLarge);

        var h = q.Household;
        if (!h.Pregnant) Unless(ref s, c.Pregnancy, (byte)PregnancyPolicy.Required, ExclusionReason.PregnancyRequired);
        if (h.Pregnant) Unless(ref s, c.Pregnancy, (byte)PregnancyPolicy.NotAccepted, ExclusionReason.PregnancyNotAccepted);

        for (var w = 0; w < words; w++)
        {
            if (alive[w] != 0) pass[w] = Word.Equal(c.TraffickingMask, w, (byte)0) | Word.AnyBit(c.TraffickingMask, w, (byte)q.TraffickingMask);
        }
        s.Drop(ExclusionReason.TraffickingTypeNotServed);
        if (q.HomelessBit != 0)
        {
            for (var w = 0; w < words; w++)
            {
                if (alive[w] != 0) pass[w] = Word.Equal(c.HomelessMask, w, (byte)0) | Word.AnyBit(c.HomelessMask, w, (byte)q.HomelessBit);
            }
            s.Drop(ExclusionReason.HomelessCategoryNotAccepted);
        }

        if (h.Pets) Flag(ref s, c, ScanColumns.PetsAllowed, needed: true, ExclusionReason.PetsNotAllowed);
        if (h.Wheelchair) Flag(ref s, c, ScanColumns.WheelchairAccessible, needed: true, ExclusionReason.NotWheelchairAccessible);
        if (h.SubstanceUse) Flag(ref s, c, ScanColumns.SobrietyRequired, needed: false, ExclusionReason.SobrietyRequired);
        if (!h.HasId) Flag(ref s, c, ScanColumns.IdRequired, needed: false, ExclusionReason.IdRequired);
        if (!h.HasImmigrationDocuments) Flag(ref s, c, ScanColumns.ImmigrationDocumentsRequired, needed: false, ExclusionReason.ImmigrationDocumentsRequired);
        if (h.CriminalRecord) Unless(ref s, c.CriminalRecord, (byte)CriminalRecordPolicy.Restrictive, ExclusionReason.CriminalRecordRestricted);

        // Programs open to every agency pass; of the referral-only ones still in the running, only
        // those whose organisation lists the searching agency as a partner.
        for (var w = 0; w < words; w++)
        {
            if (alive[w] == 0) continue;
            var referralOnly = Word.AnyBit(c.Flags, w, ScanColumns.ReferralOnly);
            var passes = ~referralOnly;
            if (q.Agency is { } agency)
            {
                for (var bits = referralOnly & alive[w]; bits != 0; bits &= bits - 1)
                {
                    var k = BitOperations.TrailingZeroCount(bits);
                    if (Array.IndexOf(c.Partners[w * 64 + k], agency) >= 0) passes |= 1UL << k;
                }
            }
            pass[w] = passes;
        }
        s.Drop(ExclusionReason.NotAPartnerAgency);

        // Every program still in the running serves the household type, so capacity applies to all of them.
        var open = c.Open(q.HouseholdType);
        Unless(ref s, open, (sbyte)ProgramFacts.NoLimit, ExclusionReason.CapacityUnknown);
        for (var w = 0; w < words; w++)
        {
            if (alive[w] == 0) continue;
            // A bed each, or one rapid-rehousing slot for the whole household.
            var slot = Word.Equal(c.Kind, w, (byte)ProgramKind.RapidRehousing) & Word.AtLeast(open, w, (sbyte)1);
            pass[w] = Word.AtLeast(open, w, (sbyte)q.Size) | slot;
        }
        s.Drop(ExclusionReason.Full);
    }

    /// <summary>Passes a program whose limit is <see cref="ProgramFacts.NoLimit"/> or at least <paramref name="value"/>.</summary>
    private static void UpToOrNoLimit(ref Scan s, sbyte[] limits, sbyte value, ExclusionReason reason)
    {
        for (var w = 0; w < s.Alive.Length; w++)
        {
            if (s.Alive[w] != 0) s.Pass[w] = Word.Equal(limits, w, (sbyte)ProgramFacts.NoLimit) | Word.AtLeast(limits, w, value);
        }
        s.Drop(reason);
    }

    /// <summary>Excludes the programs whose value is <paramref name="value"/>.</summary>
    private static void Unless<T>(ref Scan s, T[] column, T value, ExclusionReason reason) where T : unmanaged
    {
        for (var w = 0; w < s.Alive.Length; w++)
        {
            if (s.Alive[w] != 0) s.Pass[w] = ~Word.Equal(column, w, value);
        }
        s.Drop(reason);
    }

    /// <summary>Keeps the programs with the flag (<paramref name="needed"/>) or without it.</summary>
    private static void Flag(ref Scan s, ScanColumns c, byte flag, bool needed, ExclusionReason reason)
    {
        for (var w = 0; w < s.Alive.Length; w++)
        {
            if (s.Alive[w] == 0) continue;
            var has = Word.AnyBit(c.Flags, w, flag);
            s.Pass[w] = needed ? has : ~has;
        }
        s.Drop(reason);
    }

    private static void ClearInside(ScanColumns c, Span<ulong> alive, Span<ulong> pass, GeoCircle place, UnsafePlaceFilter filter, bool confidential)
    {
        var degrees = place.RadiusKm / Geo.KmPerDegreeLatitude * (1 + 1e-9) + 1e-9;
        foreach (ref readonly var p in c.LatitudeBand(place.Latitude, degrees, confidential))
        {
            if (IsSet(alive, p.Position) && MatchRules.InsideUnsafePlace(place, filter, p.Latitude, p.Longitude, p.X, p.Y, p.Z))
                Clear(pass, p.Position);
        }
    }

    private static bool IsSet(Span<ulong> bits, int at) => (bits[at >> 6] & (1UL << at)) != 0;

    private static void Clear(Span<ulong> bits, int at) => bits[at >> 6] &= ~(1UL << at);
}

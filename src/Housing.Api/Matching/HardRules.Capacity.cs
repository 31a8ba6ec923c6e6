using System.Runtime.CompilerServices;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// Capacity, last. It is only meaningful for a household type the program serves: a family is
/// not told an adults-only shelter is "full". In the scan every program still in the running
/// serves the household type (<see cref="ServesHouseholdType"/> came first), so the column
/// checks need not test it again.
/// </summary>
public static partial class HardRules
{
    public readonly struct CapacityKnown : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.CapacityUnknown;
        public static string Sentence => ReasonText.Exclusion_CapacityUnknown;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_CapacityUnknown_Count, count);
        public static bool Applies(CompiledQuery q) => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            (p.HouseholdTypes & q.HouseholdTypeBit) == 0 || p.Open(q.HouseholdType) != ProgramFacts.NoLimit;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.Unless(c.Open(q.HouseholdType), (sbyte)ProgramFacts.NoLimit);
    }

    /// <summary>
    /// The whole household, after holds: a bed each, or one rapid-rehousing slot for the
    /// household. Where the program houses the household type by unit, any open unit will do
    /// here, and <see cref="RoomForWholeHousehold"/> asks whether one is large enough: so "full"
    /// means no open unit at all. A count never posted is <see cref="CapacityKnown"/>'s to report.
    /// </summary>
    public readonly struct FitsWholeHousehold : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.Full;
        public static string Sentence => ReasonText.Exclusion_Full;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_Full_Count, count);
        public static bool Applies(CompiledQuery q) => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q)
        {
            if ((p.HouseholdTypes & q.HouseholdTypeBit) == 0) return true;
            var open = p.Open(q.HouseholdType);
            if (open == ProgramFacts.NoLimit) return true;
            return p.ByUnit(q.HouseholdType) ? open >= 1 : open >= MatchRules.Needed(p.Kind, q.Size);
        }

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            var open = c.Open(q.HouseholdType);
            var rooms = c.Rooms(q.HouseholdType, 0);
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] == 0) continue;
                var slot = Word.Equal(c.Kind, w, (byte)ProgramKind.RapidRehousing) & Word.AtLeast(open, w, (sbyte)1);
                var unit = ~Word.Equal(rooms, w, ProgramFacts.ByBed) & Word.AtLeast(open, w, (sbyte)1);
                s.Pass[w] = Word.AtLeast(open, w, (sbyte)q.Size) | slot | unit;
            }
        }
    }

    /// <summary>
    /// Where the program houses the household type by unit (family rooms, apartments), one open
    /// unit, or as many adjoining ones as the program allows, must hold everyone: a bed each,
    /// but infants under 2 may use a crib (<see cref="Availability.UnitFit"/>). Programs that
    /// house by bed pass. Last, so a program with no open unit at all is "full" instead.
    /// </summary>
    public readonly struct RoomForWholeHousehold : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.NoRoomLargeEnough;
        public static string Sentence => ReasonText.Exclusion_NoRoomLargeEnough;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_NoRoomLargeEnough_Count, count);
        public static bool Applies(CompiledQuery q) => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            (p.HouseholdTypes & q.HouseholdTypeBit) == 0 || p.Open(q.HouseholdType) == ProgramFacts.NoLimit
            || p.RoomHolds(q.HouseholdType, q.Infants) >= q.Size;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            var rooms = c.Rooms(q.HouseholdType, q.Infants);
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] != 0) s.Pass[w] = Word.AtLeast(rooms, w, (sbyte)q.Size);
            }
        }

        /// <summary>The sentence with the program's figures: how many the largest open unit (or set of adjoining units) holds for this household.</summary>
        public static string Detail(in ProgramFacts p, CompiledQuery q, int adjoining) =>
            Say.Format(adjoining > 1 ? ReasonText.Exclusion_NoRoomLargeEnough_Adjoining : ReasonText.Exclusion_NoRoomLargeEnough_Detail,
                q.Size, p.RoomHolds(q.HouseholdType, q.Infants), adjoining);
    }
}

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

    /// <summary>The whole household, after holds: a bed each, or one rapid-rehousing slot for the household. A count never posted is <see cref="CapacityKnown"/>'s to report.</summary>
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
            return open == ProgramFacts.NoLimit || open >= MatchRules.Needed(p.Kind, q.Size);
        }

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            var open = c.Open(q.HouseholdType);
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] == 0) continue;
                var slot = Word.Equal(c.Kind, w, (byte)ProgramKind.RapidRehousing) & Word.AtLeast(open, w, (sbyte)1);
                s.Pass[w] = Word.AtLeast(open, w, (sbyte)q.Size) | slot;
            }
        }
    }
}

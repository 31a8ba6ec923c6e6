using System.Numerics;
using System.Runtime.CompilerServices;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>What was asked for, then who the program serves: household type, genders, ages, size, pregnancy, trafficking, homelessness.</summary>
public static partial class HardRules
{
    public readonly struct KindWanted : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.KindNotWanted;
        public static string Sentence => ReasonText.Exclusion_KindNotWanted;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_KindNotWanted_Count, count);
        public static bool Applies(CompiledQuery q) => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) => (q.KindMask & (1 << (int)p.Kind)) != 0;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] == 0) continue;
                ulong wanted = 0;
                for (var kinds = (uint)q.KindMask; kinds != 0; kinds &= kinds - 1)
                    wanted |= Word.Equal(c.Kind, w, (byte)BitOperations.TrailingZeroCount(kinds));
                s.Pass[w] = wanted;
            }
        }
    }

    /// <summary>In one of the Continuums of Care asked for, when some are; a program in none is in none of them.</summary>
    public readonly struct CocWanted : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.CocNotWanted;
        public static string Sentence => ReasonText.Exclusion_CocNotWanted;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_CocNotWanted_Count, count);
        public static bool Applies(CompiledQuery q) => q.CocsWanted;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) => !q.CocsWanted || Array.IndexOf(q.WantedCocs, p.CocId) >= 0;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] == 0) continue;
                ulong inside = 0;
                foreach (var coc in q.WantedCocs) inside |= Word.Equal(c.CocId, w, coc);
                s.Pass[w] = inside;
            }
        }
    }

    /// <summary>Inventory for this household type in force now and still on the wanted start day.</summary>
    public readonly struct ServesHouseholdType : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.HouseholdTypeNotServed;
        public static string Sentence => ReasonText.Exclusion_HouseholdTypeNotServed;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_HouseholdTypeNotServed_Count, count);
        public static bool Applies(CompiledQuery q) => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            (p.HouseholdTypes & q.HouseholdTypeBit) != 0 && p.LastDay(q.HouseholdType) >= q.StartDay;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            var lastDay = c.LastDay(q.HouseholdType);
            var start = (short)(q.StartDay - c.DayNumber);
            var typeBit = (byte)q.HouseholdTypeBit;
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] != 0) s.Pass[w] = Word.AnyBit(c.HouseholdTypes, w, typeBit) & Word.AtLeast(lastDay, w, start);
            }
        }
    }

    /// <summary>Self-identified gender (24 CFR 5.106): each adult needs one identity the program serves.</summary>
    public readonly struct ServesAdultGenders : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.GenderNotServed;
        public static string Sentence => ReasonText.Exclusion_GenderNotServed;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_GenderNotServed_Count, count);
        public static bool Applies(CompiledQuery q) => q.AdultGenderMasks.Length != 0;

        public static bool Passes(in ProgramFacts p, CompiledQuery q)
        {
            if (p.GenderMask == 0) return true;
            foreach (var adult in q.AdultGenderMasks)
            {
                if ((adult & p.GenderMask) == 0) return false;
            }
            return true;
        }

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] == 0) continue;
                var everyone = ulong.MaxValue;
                foreach (var adult in q.AdultGenderMasks) everyone &= Word.AnyBit(c.GenderMask, w, (byte)adult);
                s.Pass[w] = Word.Equal(c.GenderMask, w, (byte)0) | everyone;
            }
        }
    }

    public readonly struct AdultAgesInRange : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.AdultAgeOutOfRange;
        public static string Sentence => ReasonText.Exclusion_AdultAgeOutOfRange;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_AdultAgeOutOfRange_Count, count);
        public static bool Applies(CompiledQuery q) => q.OldestAdult >= 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            q.OldestAdult < 0 || (q.YoungestAdult >= p.MinAdultAge && q.OldestAdult <= p.MaxAdultAge);

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] != 0) s.Pass[w] = Word.AtMost(c.MinAdultAge, w, (sbyte)q.YoungestAdult) & Word.AtLeast(c.MaxAdultAge, w, (sbyte)q.OldestAdult);
            }
        }
    }

    public readonly struct ChildAgesAccepted : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.ChildTooOld;
        public static string Sentence => ReasonText.Exclusion_ChildTooOld;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_ChildTooOld_Count, count);
        public static bool Applies(CompiledQuery q) => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            p.MaxChildAge == ProgramFacts.NoLimit || q.OldestChild <= p.MaxChildAge;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.UpToOrNoLimit(c.MaxChildAge, (sbyte)q.OldestChild);
    }

    public readonly struct BoyAgesAccepted : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.BoyTooOld;
        public static string Sentence => ReasonText.Exclusion_BoyTooOld;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_BoyTooOld_Count, count);
        public static bool Applies(CompiledQuery q) => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            p.MaxBoyAge == ProgramFacts.NoLimit || q.OldestBoy <= p.MaxBoyAge;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.UpToOrNoLimit(c.MaxBoyAge, (sbyte)q.OldestBoy);
    }

    public readonly struct HouseholdSizeAccepted : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.HouseholdTooLarge;
        public static string Sentence => ReasonText.Exclusion_HouseholdTooLarge;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_HouseholdTooLarge_Count, count);
        public static bool Applies(CompiledQuery q) => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            p.MaxHouseholdSize == ProgramFacts.NoLimit || q.Size <= p.MaxHouseholdSize;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.UpToOrNoLimit(c.MaxHouseholdSize, (sbyte)q.Size);
    }

    public readonly struct PregnancyIfRequired : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.PregnancyRequired;
        public static string Sentence => ReasonText.Exclusion_PregnancyRequired;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_PregnancyRequired_Count, count);
        public static bool Applies(CompiledQuery q) => !q.Household.Pregnant;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            p.Pregnancy != PregnancyPolicy.Required || q.Household.Pregnant;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.Unless(c.Pregnancy, (byte)PregnancyPolicy.Required);
    }

    public readonly struct PregnancyAccepted : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.PregnancyNotAccepted;
        public static string Sentence => ReasonText.Exclusion_PregnancyNotAccepted;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_PregnancyNotAccepted_Count, count);
        /// <summary>Declared once, here: <see cref="PregnancyIfRequired"/> compares the same need.</summary>
        public static HouseholdNeed Need => new("pregnant", () => ReasonText.Need_Pregnant, ListedText: () => ReasonText.Need_Pregnant_Listed, h => h.Pregnant == true,
            (h, yes) => h with { Pregnant = yes }, (x, yes) => x with { Pregnant = yes }, TestPercent: 15);

        public static bool Applies(CompiledQuery q) => q.Household.Pregnant;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            p.Pregnancy != PregnancyPolicy.NotAccepted || !q.Household.Pregnant;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.Unless(c.Pregnancy, (byte)PregnancyPolicy.NotAccepted);
    }

    /// <summary>A program limited to trafficking survivors serves a household that survived any kind it serves.</summary>
    public readonly struct TraffickingTypeServed : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.TraffickingTypeNotServed;
        public static string Sentence => ReasonText.Exclusion_TraffickingTypeNotServed;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_TraffickingTypeNotServed_Count, count);
        public static bool Applies(CompiledQuery q) => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            p.TraffickingMask == 0 || (p.TraffickingMask & q.TraffickingMask) != 0;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.NoneOrAnyBit(c.TraffickingMask, (byte)q.TraffickingMask);
    }

    public readonly struct HomelessCategoryAccepted : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.HomelessCategoryNotAccepted;
        public static string Sentence => ReasonText.Exclusion_HomelessCategoryNotAccepted;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_HomelessCategoryNotAccepted_Count, count);
        public static bool Applies(CompiledQuery q) => q.HomelessBit != 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            p.HomelessMask == 0 || q.HomelessBit == 0 || (p.HomelessMask & q.HomelessBit) != 0;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.NoneOrAnyBit(c.HomelessMask, (byte)q.HomelessBit);
    }
}

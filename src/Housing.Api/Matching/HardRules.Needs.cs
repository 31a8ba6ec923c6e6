using System.Numerics;
using System.Runtime.CompilerServices;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>What the household needs or brings (pets, a wheelchair, no ID, a record) against what the program allows, and referrals.</summary>
public static partial class HardRules
{
    public readonly struct PetsAccepted : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.PetsNotAllowed;
        public static string Sentence => ReasonText.Exclusion_PetsNotAllowed;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_PetsNotAllowed_Count, count);
        public static byte Flag => 2;
        public static bool Flagged(ProgramDefinition program) => program.Eligibility.PetsAllowed;
        public static HouseholdNeed Need => new("pets", () => ReasonText.Need_Pets, ListedText: () => ReasonText.Need_Pets_Listed, h => h.Pets == true,
            (h, yes) => h with { Pets = yes }, (x, yes) => x with { Pets = yes }, TestPercent: 25,
            new ProgramSide((e, yes) => e with { PetsAllowed = yes }, TestPercent: 50));

        public static bool Applies(CompiledQuery q) => q.Household.Pets;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) => p.Has<PetsAccepted>() || !q.Household.Pets;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.Flag(c, Flag, needed: true);
    }

    public readonly struct WheelchairAccessibleIfNeeded : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.NotWheelchairAccessible;
        public static string Sentence => ReasonText.Exclusion_NotWheelchairAccessible;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_NotWheelchairAccessible_Count, count);
        public static byte Flag => 4;
        public static bool Flagged(ProgramDefinition program) => program.Eligibility.WheelchairAccessible;
        public static HouseholdNeed Need => new("wheelchair", () => ReasonText.Need_Wheelchair, ListedText: () => ReasonText.Need_Wheelchair_Listed, h => h.Wheelchair == true,
            (h, yes) => h with { Wheelchair = yes }, (x, yes) => x with { Wheelchair = yes }, TestPercent: 10,
            new ProgramSide((e, yes) => e with { WheelchairAccessible = yes }, TestPercent: 70));

        public static bool Applies(CompiledQuery q) => q.Household.Wheelchair;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) => p.Has<WheelchairAccessibleIfNeeded>() || !q.Household.Wheelchair;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.Flag(c, Flag, needed: true);
    }

    public readonly struct SobrietyNotABarrier : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.SobrietyRequired;
        public static string Sentence => ReasonText.Exclusion_SobrietyRequired;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_SobrietyRequired_Count, count);
        public static byte Flag => 8;
        public static bool Flagged(ProgramDefinition program) => program.Eligibility.SobrietyRequired;
        public static HouseholdNeed Need => new("substance_use", () => ReasonText.Need_SubstanceUse, ListedText: null, h => h.SubstanceUse == true,
            (h, yes) => h with { SubstanceUse = yes }, (x, yes) => x with { SubstanceUse = yes }, TestPercent: 15,
            new ProgramSide((e, yes) => e with { SobrietyRequired = yes }, TestPercent: 15));

        public static bool Applies(CompiledQuery q) => q.Household.SubstanceUse;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) => !p.Has<SobrietyNotABarrier>() || !q.Household.SubstanceUse;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.Flag(c, Flag, needed: false);
    }

    public readonly struct IdNotABarrier : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.IdRequired;
        public static string Sentence => ReasonText.Exclusion_IdRequired;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_IdRequired_Count, count);
        public static byte Flag => 16;
        public static bool Flagged(ProgramDefinition program) => program.Eligibility.IdRequired;
        public static HouseholdNeed Need => new("no_id", () => ReasonText.Need_NoId, ListedText: () => ReasonText.Need_NoId_Listed, h => h.HasId == false,
            (h, yes) => h with { HasId = !yes }, (x, yes) => x with { HasId = !yes }, TestPercent: 30,
            new ProgramSide((e, yes) => e with { IdRequired = yes }, TestPercent: 25));

        public static bool Applies(CompiledQuery q) => !q.Household.HasId;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) => !p.Has<IdNotABarrier>() || q.Household.HasId;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.Flag(c, Flag, needed: false);
    }

    public readonly struct ImmigrationDocumentsNotABarrier : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.ImmigrationDocumentsRequired;
        public static string Sentence => ReasonText.Exclusion_ImmigrationDocumentsRequired;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_ImmigrationDocumentsRequired_Count, count);
        public static byte Flag => 32;
        public static bool Flagged(ProgramDefinition program) => program.Eligibility.ImmigrationDocumentsRequired;
        public static HouseholdNeed Need => new("no_immigration_documents", () => ReasonText.Need_NoImmigrationDocuments, ListedText: () => ReasonText.Need_NoImmigrationDocuments_Listed,
            h => h.HasImmigrationDocuments == false, (h, yes) => h with { HasImmigrationDocuments = !yes }, (x, yes) => x with { HasImmigrationDocuments = !yes },
            TestPercent: 25, new ProgramSide((e, yes) => e with { ImmigrationDocumentsRequired = yes }, TestPercent: 10));

        public static bool Applies(CompiledQuery q) => !q.Household.HasImmigrationDocuments;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            !p.Has<ImmigrationDocumentsNotABarrier>() || q.Household.HasImmigrationDocuments;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.Flag(c, Flag, needed: false);
    }

    public readonly struct CriminalRecordAccepted : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.CriminalRecordRestricted;
        public static string Sentence => ReasonText.Exclusion_CriminalRecordRestricted;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_CriminalRecordRestricted_Count, count);
        /// <summary>The program's side is a policy of three values, not a flag: generated by hand.</summary>
        public static HouseholdNeed Need => new("criminal_record", () => ReasonText.Need_CriminalRecord, ListedText: null, h => h.CriminalRecord == true,
            (h, yes) => h with { CriminalRecord = yes }, (x, yes) => x with { CriminalRecord = yes }, TestPercent: 20);

        public static bool Applies(CompiledQuery q) => q.Household.CriminalRecord;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            p.CriminalRecord != CriminalRecordPolicy.Restrictive || !q.Household.CriminalRecord;

        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q) => s.Unless(c.CriminalRecord, (byte)CriminalRecordPolicy.Restrictive);
    }

    /// <summary>
    /// A referral-only program is offered only to its organisation's partner agencies; a search
    /// by a key of no agency (an admin's) is no one's partner.
    /// </summary>
    public readonly struct PartnerIfReferralOnly : IHardRule
    {
        public static ExclusionReason Reason => ExclusionReason.NotAPartnerAgency;
        public static string Sentence => ReasonText.Exclusion_NotAPartnerAgency;
        public static string Summary(int count) => Say.Format(ReasonText.Exclusion_NotAPartnerAgency_Count, count);
        public static byte Flag => 64;
        public static bool Flagged(ProgramDefinition program) => program.Eligibility.ReferralOnly;
        public static bool Applies(CompiledQuery q) => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Passes(in ProgramFacts p, CompiledQuery q) =>
            !p.Has<PartnerIfReferralOnly>() || (q.Agency is { } agency && Array.IndexOf(p.Partners, agency) >= 0);

        /// <summary>Only the referral-only programs still in the running have their partner lists read.</summary>
        public static void Mark(in ScanWords s, ScanColumns c, CompiledQuery q)
        {
            for (var w = 0; w < s.Words; w++)
            {
                if (s.Alive[w] == 0) continue;
                var referralOnly = Word.AnyBit(c.Flags, w, Flag);
                var passes = ~referralOnly;
                if (q.Agency is { } agency)
                {
                    for (var bits = referralOnly & s.Alive[w]; bits != 0; bits &= bits - 1)
                    {
                        var k = BitOperations.TrailingZeroCount(bits);
                        if (Array.IndexOf(c.Partners[w * 64 + k], agency) >= 0) passes |= 1UL << k;
                    }
                }
                s.Pass[w] = passes;
            }
        }
    }
}

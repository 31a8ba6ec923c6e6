using System.Runtime.CompilerServices;
using Housing.Api.Programs;

namespace Housing.Api.Matching;

/// <summary>
/// The hard filters, one small rule per kind, each true when the program can take the
/// household. <see cref="Check"/> runs them in <see cref="ExclusionReason"/> order; the
/// scan stops at the first failure, and an explanation collects all of them.
/// </summary>
public static class MatchRules
{
    public static int Check(in ProgramFacts p, CompiledQuery q, Span<ExclusionReason> failures)
    {
        var n = 0;
        var all = failures.Length > 1;
        if (!NotMarkedUnsafe(p, q)) { failures[n++] = ExclusionReason.UnsafeProgram; if (!all) return n; }
        if (!OrganizationNotUnsafe(p, q)) { failures[n++] = ExclusionReason.UnsafeOrganization; if (!all) return n; }
        if (!RegionNotUnsafe(p, q)) { failures[n++] = ExclusionReason.UnsafeRegion; if (!all) return n; }
        if (!OutsideUnsafePlaces(p, q)) { failures[n++] = ExclusionReason.InsideUnsafePlace; if (!all) return n; }
        if (!ConfidentialIfRequired(p, q)) { failures[n++] = ExclusionReason.NotConfidential; if (!all) return n; }
        if (!KindWanted(p, q)) { failures[n++] = ExclusionReason.KindNotWanted; if (!all) return n; }
        if (!ServesHouseholdType(p, q)) { failures[n++] = ExclusionReason.HouseholdTypeNotServed; if (!all) return n; }
        if (!ServesAdultGenders(p, q)) { failures[n++] = ExclusionReason.GenderNotServed; if (!all) return n; }
        if (!AdultAgesInRange(p, q)) { failures[n++] = ExclusionReason.AdultAgeOutOfRange; if (!all) return n; }
        if (!ChildAgesAccepted(p, q)) { failures[n++] = ExclusionReason.ChildTooOld; if (!all) return n; }
        if (!BoyAgesAccepted(p, q)) { failures[n++] = ExclusionReason.BoyTooOld; if (!all) return n; }
        if (!HouseholdSizeAccepted(p, q)) { failures[n++] = ExclusionReason.HouseholdTooLarge; if (!all) return n; }
        if (!PregnancyIfRequired(p, q)) { failures[n++] = ExclusionReason.PregnancyRequired; if (!all) return n; }
        if (!PregnancyAccepted(p, q)) { failures[n++] = ExclusionReason.PregnancyNotAccepted; if (!all) return n; }
        if (!TraffickingTypeServed(p, q)) { failures[n++] = ExclusionReason.TraffickingTypeNotServed; if (!all) return n; }
        if (!HomelessCategoryAccepted(p, q)) { failures[n++] = ExclusionReason.HomelessCategoryNotAccepted; if (!all) return n; }
        if (!PetsAccepted(p, q)) { failures[n++] = ExclusionReason.PetsNotAllowed; if (!all) return n; }
        if (!WheelchairAccessibleIfNeeded(p, q)) { failures[n++] = ExclusionReason.NotWheelchairAccessible; if (!all) return n; }
        if (!SobrietyNotABarrier(p, q)) { failures[n++] = ExclusionReason.SobrietyRequired; if (!all) return n; }
        if (!IdNotABarrier(p, q)) { failures[n++] = ExclusionReason.IdRequired; if (!all) return n; }
        if (!ImmigrationDocumentsNotABarrier(p, q)) { failures[n++] = ExclusionReason.ImmigrationDocumentsRequired; if (!all) return n; }
        if (!CriminalRecordAccepted(p, q)) { failures[n++] = ExclusionReason.CriminalRecordRestricted; if (!all) return n; }
        if (!PartnerIfReferralOnly(p, q)) { failures[n++] = ExclusionReason.NotAPartnerAgency; if (!all) return n; }
        // Capacity is only meaningful for a household type the program serves: a family is not
        // told an adults-only shelter is "full".
        if ((p.HouseholdTypes & q.HouseholdTypeBit) != 0)
        {
            if (!CapacityKnown(p, q)) { failures[n++] = ExclusionReason.CapacityUnknown; if (!all) return n; }
            else if (!FitsWholeHousehold(p, q)) { failures[n++] = ExclusionReason.Full; }
        }
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NotMarkedUnsafe(in ProgramFacts p, CompiledQuery q) =>
        q.UnsafePrograms.Length == 0 || Array.IndexOf(q.UnsafePrograms, p.Id) < 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool OrganizationNotUnsafe(in ProgramFacts p, CompiledQuery q) =>
        q.UnsafeOrganizations.Length == 0 || Array.IndexOf(q.UnsafeOrganizations, p.OrganizationId) < 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool RegionNotUnsafe(in ProgramFacts p, CompiledQuery q) =>
        q.UnsafeRegions.Length == 0 || Array.IndexOf(q.UnsafeRegions, p.RegionId) < 0;

    /// <summary>
    /// Great-circle distance to each unsafe place. Most programs are settled by the place's cheap,
    /// conservative tests (<see cref="UnsafePlaceFilter"/>); only those within a hair of the
    /// circle's edge pay for the trigonometry. A confidential program is located by its area's
    /// centre only, and tested against the places widened by the area's reach
    /// (<see cref="ConfidentialArea"/>).
    /// </summary>
    public static bool OutsideUnsafePlaces(in ProgramFacts p, CompiledQuery q)
    {
        var (places, filters) = q.UnsafePlacesFor(p.Confidential);
        for (var i = 0; i < places.Length; i++)
        {
            if (InsideUnsafePlace(places[i], filters[i], p.Latitude, p.Longitude, p.X, p.Y, p.Z)) return false;
        }
        return true;
    }

    /// <summary>Whether a program at this latitude and longitude (and this unit vector, see <see cref="ProgramFacts.UnitVector"/>) is inside one unsafe place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool InsideUnsafePlace(in GeoCircle place, in UnsafePlaceFilter filter, double latitude, double longitude, double x, double y, double z)
    {
        if (Geo.LatitudeGapKm(place.Latitude, latitude) > place.RadiusKm) return false;
        if (LongitudeGap(place.Longitude, longitude) > filter.LongitudeReach) return false;
        var half = filter.HalfChordSquared(x, y, z);
        if (half > filter.OutsideAbove) return false;
        if (half < filter.InsideBelow) return true;
        return place.Contains(latitude, longitude);
    }

    /// <summary>Degrees of longitude between two points the short way round, 0 to 180.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LongitudeGap(double lon1, double lon2)
    {
        var gap = Math.Abs(lon2 - lon1);
        return gap > 180 ? 360 - gap : gap;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ConfidentialIfRequired(in ProgramFacts p, CompiledQuery q) => p.Confidential || !q.Query.Safety.ConfidentialRequired;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool KindWanted(in ProgramFacts p, CompiledQuery q) => (q.KindMask & (1 << (int)p.Kind)) != 0;

    /// <summary>Inventory for this household type in force now and still on the wanted start day.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ServesHouseholdType(in ProgramFacts p, CompiledQuery q) =>
        (p.HouseholdTypes & q.HouseholdTypeBit) != 0 && p.LastDay(q.HouseholdType) >= q.StartDay;

    /// <summary>Self-identified gender (24 CFR 5.106): each adult needs one identity the program serves.</summary>
    public static bool ServesAdultGenders(in ProgramFacts p, CompiledQuery q)
    {
        if (p.GenderMask == 0) return true;
        foreach (var adult in q.AdultGenderMasks)
        {
            if ((adult & p.GenderMask) == 0) return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AdultAgesInRange(in ProgramFacts p, CompiledQuery q) =>
        q.OldestAdult < 0 || (q.YoungestAdult >= p.MinAdultAge && q.OldestAdult <= p.MaxAdultAge);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ChildAgesAccepted(in ProgramFacts p, CompiledQuery q) =>
        p.MaxChildAge == ProgramFacts.NoLimit || q.OldestChild <= p.MaxChildAge;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool BoyAgesAccepted(in ProgramFacts p, CompiledQuery q) =>
        p.MaxBoyAge == ProgramFacts.NoLimit || q.OldestBoy <= p.MaxBoyAge;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HouseholdSizeAccepted(in ProgramFacts p, CompiledQuery q) =>
        p.MaxHouseholdSize == ProgramFacts.NoLimit || q.Size <= p.MaxHouseholdSize;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PregnancyIfRequired(in ProgramFacts p, CompiledQuery q) =>
        p.Pregnancy != PregnancyPolicy.Required || q.Household.Pregnant;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PregnancyAccepted(in ProgramFacts p, CompiledQuery q) =>
        p.Pregnancy != PregnancyPolicy.NotAccepted || !q.Household.Pregnant;

    /// <summary>A program limited to trafficking survivors serves a household that survived any kind it serves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TraffickingTypeServed(in ProgramFacts p, CompiledQuery q) =>
        p.TraffickingMask == 0 || (p.TraffickingMask & q.TraffickingMask) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HomelessCategoryAccepted(in ProgramFacts p, CompiledQuery q) =>
        p.HomelessMask == 0 || q.HomelessBit == 0 || (p.HomelessMask & q.HomelessBit) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PetsAccepted(in ProgramFacts p, CompiledQuery q) => p.PetsAllowed || !q.Household.Pets;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool WheelchairAccessibleIfNeeded(in ProgramFacts p, CompiledQuery q) => p.WheelchairAccessible || !q.Household.Wheelchair;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SobrietyNotABarrier(in ProgramFacts p, CompiledQuery q) => !p.SobrietyRequired || !q.Household.SubstanceUse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IdNotABarrier(in ProgramFacts p, CompiledQuery q) => !p.IdRequired || q.Household.HasId;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ImmigrationDocumentsNotABarrier(in ProgramFacts p, CompiledQuery q) =>
        !p.ImmigrationDocumentsRequired || q.Household.HasImmigrationDocuments;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CriminalRecordAccepted(in ProgramFacts p, CompiledQuery q) =>
        p.CriminalRecord != CriminalRecordPolicy.Restrictive || !q.Household.CriminalRecord;

    /// <summary>
    /// A referral-only program is offered only to its organisation's partner agencies; a search
    /// by a key of no agency (an admin's) is no one's partner.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PartnerIfReferralOnly(in ProgramFacts p, CompiledQuery q) =>
        !p.ReferralOnly || (q.Agency is { } agency && Array.IndexOf(p.Partners, agency) >= 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CapacityKnown(in ProgramFacts p, CompiledQuery q) => p.Open(q.HouseholdType) != ProgramFacts.NoLimit;

    /// <summary>The whole household, after holds: a bed each, or one rapid-rehousing slot for the household.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool FitsWholeHousehold(in ProgramFacts p, CompiledQuery q) =>
        p.Open(q.HouseholdType) >= Needed(p.Kind, q.Size);

    public static int Needed(ProgramKind kind, int householdSize) => kind == ProgramKind.RapidRehousing ? 1 : householdSize;
}

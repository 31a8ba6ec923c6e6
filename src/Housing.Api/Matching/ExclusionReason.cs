using System.Text.Json.Serialization;
using Housing.Api.Errors;

namespace Housing.Api.Matching;

/// <summary>
/// Why a program was not offered. The order is the order rules run in, so a program is
/// counted under its first reason: safety first, then what was asked for, then eligibility,
/// then capacity. The snake_case names are stable, machine-readable codes.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ExclusionReason>))]
public enum ExclusionReason
{
    UnsafeProgram,
    UnsafeOrganization,
    UnsafeRegion,
    InsideUnsafePlace,
    NotConfidential,
    KindNotWanted,
    HouseholdTypeNotServed,
    GenderNotServed,
    AdultAgeOutOfRange,
    ChildTooOld,
    BoyTooOld,
    HouseholdTooLarge,
    PregnancyRequired,
    PregnancyNotAccepted,
    TraffickingTypeNotServed,
    HomelessCategoryNotAccepted,
    PetsNotAllowed,
    NotWheelchairAccessible,
    SobrietyRequired,
    IdRequired,
    ImmigrationDocumentsRequired,
    CriminalRecordRestricted,
    NotAPartnerAgency,
    CapacityUnknown,
    Full,
}

public static class ExclusionReasons
{
    public static readonly int Count = Enum.GetValues<ExclusionReason>().Length;

    /// <summary>A plain sentence about one program, for a case manager.</summary>
    public static string Sentence(ExclusionReason reason) => reason switch
    {
        ExclusionReason.UnsafeProgram => "You marked this program as unsafe.",
        ExclusionReason.UnsafeOrganization => "It belongs to an organisation you marked as unsafe.",
        ExclusionReason.UnsafeRegion => "It is in a region you marked as unsafe.",
        ExclusionReason.InsideUnsafePlace => "It is inside an unsafe place you gave (a confidential program: its approximate area reaches one).",
        ExclusionReason.NotConfidential => "Its location is not confidential, and you asked for a confidential one.",
        ExclusionReason.KindNotWanted => "It is not one of the kinds of program you asked for.",
        ExclusionReason.HouseholdTypeNotServed => "It has no beds for this kind of household (adults only, adults with children, or children only).",
        ExclusionReason.GenderNotServed => "It does not serve the gender of an adult in the household.",
        ExclusionReason.AdultAgeOutOfRange => "An adult is outside the ages it serves.",
        ExclusionReason.ChildTooOld => "It does not take children as old as one in the household.",
        ExclusionReason.BoyTooOld => "It does not take boys as old as one in the household.",
        ExclusionReason.HouseholdTooLarge => "The household is larger than it takes.",
        ExclusionReason.PregnancyRequired => "It serves pregnant people only.",
        ExclusionReason.PregnancyNotAccepted => "It does not take pregnant people.",
        ExclusionReason.TraffickingTypeNotServed => "It serves survivors of another kind of trafficking.",
        ExclusionReason.HomelessCategoryNotAccepted => "It does not accept the household's homeless category.",
        ExclusionReason.PetsNotAllowed => "It does not allow pets.",
        ExclusionReason.NotWheelchairAccessible => "It is not wheelchair accessible.",
        ExclusionReason.SobrietyRequired => "It requires sobriety.",
        ExclusionReason.IdRequired => "It requires photo ID, which the household does not have.",
        ExclusionReason.ImmigrationDocumentsRequired => "It requires immigration documents, which the household does not have.",
        ExclusionReason.CriminalRecordRestricted => "Its criminal-record policy excludes the household.",
        ExclusionReason.NotAPartnerAgency => "It takes referrals only from its partner agencies, and your agency is not one of them.",
        ExclusionReason.CapacityUnknown => "It has never posted availability; call to ask.",
        ExclusionReason.Full => "It does not have enough open beds (or slots) for the whole household now.",
        _ => reason.ToString(),
    };

    /// <summary>A phrase for counting: "14 full", "3 refuse boys this old".</summary>
    public static string Summary(ExclusionReason reason, int count) => reason switch
    {
        ExclusionReason.UnsafeProgram => $"{count} marked unsafe",
        ExclusionReason.UnsafeOrganization => $"{count} of an unsafe organisation",
        ExclusionReason.UnsafeRegion => $"{count} in an unsafe region",
        ExclusionReason.InsideUnsafePlace => $"{count} inside an unsafe place",
        ExclusionReason.NotConfidential => $"{count} not confidential",
        ExclusionReason.KindNotWanted => $"{count} of another kind",
        ExclusionReason.HouseholdTypeNotServed => $"{count} do not serve this household type",
        ExclusionReason.GenderNotServed => $"{count} do not serve this gender",
        ExclusionReason.AdultAgeOutOfRange => $"{count} outside their adult age range",
        ExclusionReason.ChildTooOld => $"{count} refuse children this old",
        ExclusionReason.BoyTooOld => $"{count} refuse boys this old",
        ExclusionReason.HouseholdTooLarge => $"{count} too small for the household",
        ExclusionReason.PregnancyRequired => $"{count} for pregnant people only",
        ExclusionReason.PregnancyNotAccepted => $"{count} do not take pregnant people",
        ExclusionReason.TraffickingTypeNotServed => $"{count} serve another trafficking type",
        ExclusionReason.HomelessCategoryNotAccepted => $"{count} do not accept this homeless category",
        ExclusionReason.PetsNotAllowed => $"{count} allow no pets",
        ExclusionReason.NotWheelchairAccessible => $"{count} not wheelchair accessible",
        ExclusionReason.SobrietyRequired => $"{count} require sobriety",
        ExclusionReason.IdRequired => $"{count} require ID",
        ExclusionReason.ImmigrationDocumentsRequired => $"{count} require immigration documents",
        ExclusionReason.CriminalRecordRestricted => $"{count} exclude a criminal record",
        ExclusionReason.NotAPartnerAgency => $"{count} take referrals only from partner agencies",
        ExclusionReason.CapacityUnknown => $"{count} never posted availability",
        ExclusionReason.Full => $"{count} full",
        _ => $"{count} {reason}",
    };
}

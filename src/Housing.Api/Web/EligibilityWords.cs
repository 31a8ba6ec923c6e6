using System.Globalization;
using Housing.Api.Programs;

namespace Housing.Api.Web;

/// <summary>
/// One eligibility rule's value in words: what the program editor shows beside the box that
/// inherits the rule, so whoever ticks it sees what the program will follow.
/// </summary>
public static class EligibilityWords
{
    /// <summary>The value of <paramref name="rule"/> (a name from <see cref="EligibilityInheritance.Rules"/>) in <paramref name="e"/>.</summary>
    public static string Of(string rule, EligibilityProfile e) => rule switch
    {
        "gendersServed" => e.GendersServed.Count == 0 ? AdminText.Value_Anyone : Terms.Listed(e.GendersServed.Select(Terms.People)),
        "minAdultAge" => Number(e.MinAdultAge),
        "maxAdultAge" => Number(e.MaxAdultAge),
        "maxChildAge" => Number(e.MaxChildAge),
        "maxBoyAge" => Number(e.MaxBoyAge),
        "maxHouseholdSize" => Number(e.MaxHouseholdSize),
        "pregnancy" => Terms.Of(e.Pregnancy),
        "traffickingTypesServed" => e.TraffickingTypesServed.Count == 0 ? AdminText.Value_Anyone
            : Terms.Listed(e.TraffickingTypesServed.Select(t => t == TraffickingType.Sex ? AdminText.Editor_TraffickingSex : AdminText.Editor_TraffickingLabor)),
        "homelessCategories" => e.HomelessCategories.Count == 0 ? AdminText.Value_AnyCategory
            : Terms.Listed(e.HomelessCategories.Order().Select(c => c.ToString(CultureInfo.InvariantCulture))),
        "petsAllowed" => YesNo(e.PetsAllowed),
        "wheelchairAccessible" => YesNo(e.WheelchairAccessible),
        "languages" => e.Languages.Count == 0 ? AdminText.Value_NoneListed : Languages.Names(e.Languages),
        "sobrietyRequired" => YesNo(e.SobrietyRequired),
        "idRequired" => YesNo(e.IdRequired),
        "immigrationDocumentsRequired" => YesNo(e.ImmigrationDocumentsRequired),
        "criminalRecord" => Terms.Of(e.CriminalRecord),
        "referralOnly" => YesNo(e.ReferralOnly),
        "curfew" => e.Curfew ?? AdminText.Value_NoCurfew,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "not an eligibility rule"),
    };

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? AdminText.Value_NoLimit;

    private static string YesNo(bool value) => value ? AdminText.Value_Yes : AdminText.Value_No;
}

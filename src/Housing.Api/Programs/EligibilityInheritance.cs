using System.Text.Json.Serialization;
using Housing.Api.Http;

namespace Housing.Api.Programs;

/// <summary>Where a program's eligibility rule comes from.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<EligibilitySource>))]
public enum EligibilitySource { Program, Organization }

/// <summary>
/// An organisation's default eligibility, taken rule by rule (DOMAIN.md, "Onboarding from HMIS"):
/// a program names the rules it inherits and sets the others itself. What a program stores is
/// always the profile in effect, so matching reads one profile and never looks the defaults up.
/// </summary>
public static class EligibilityInheritance
{
    private static readonly Dictionary<string, Func<EligibilityProfile, EligibilityProfile, EligibilityProfile>> Take = new(StringComparer.Ordinal)
    {
        ["gendersServed"] = (p, d) => p with { GendersServed = d.GendersServed },
        ["minAdultAge"] = (p, d) => p with { MinAdultAge = d.MinAdultAge },
        ["maxAdultAge"] = (p, d) => p with { MaxAdultAge = d.MaxAdultAge },
        ["maxChildAge"] = (p, d) => p with { MaxChildAge = d.MaxChildAge },
        ["maxBoyAge"] = (p, d) => p with { MaxBoyAge = d.MaxBoyAge },
        ["maxHouseholdSize"] = (p, d) => p with { MaxHouseholdSize = d.MaxHouseholdSize },
        ["pregnancy"] = (p, d) => p with { Pregnancy = d.Pregnancy },
        ["traffickingTypesServed"] = (p, d) => p with { TraffickingTypesServed = d.TraffickingTypesServed },
        ["homelessCategories"] = (p, d) => p with { HomelessCategories = d.HomelessCategories },
        ["petsAllowed"] = (p, d) => p with { PetsAllowed = d.PetsAllowed },
        ["wheelchairAccessible"] = (p, d) => p with { WheelchairAccessible = d.WheelchairAccessible },
        ["languages"] = (p, d) => p with { Languages = d.Languages },
        ["sobrietyRequired"] = (p, d) => p with { SobrietyRequired = d.SobrietyRequired },
        ["idRequired"] = (p, d) => p with { IdRequired = d.IdRequired },
        ["immigrationDocumentsRequired"] = (p, d) => p with { ImmigrationDocumentsRequired = d.ImmigrationDocumentsRequired },
        ["criminalRecord"] = (p, d) => p with { CriminalRecord = d.CriminalRecord },
        ["referralOnly"] = (p, d) => p with { ReferralOnly = d.ReferralOnly },
        ["curfew"] = (p, d) => p with { Curfew = d.Curfew },
    };

    /// <summary>Every rule's name, as the JSON field of <see cref="EligibilityProfile"/> spells it.</summary>
    public static IReadOnlyList<string> Rules { get; } = [.. Take.Keys];

    public static bool IsRule(string name) => Take.ContainsKey(name);

    /// <summary>The profile in effect: the program's own rules, with the inherited ones taken from the defaults.</summary>
    public static EligibilityProfile Apply(EligibilityProfile own, EligibilityProfile defaults, IEnumerable<string> inherited) =>
        inherited.Where(IsRule).Aggregate(own, (profile, rule) => Take[rule](profile, defaults));

    /// <summary>Where each rule of a program comes from, every rule named.</summary>
    public static IReadOnlyDictionary<string, EligibilitySource> Sources(IReadOnlyList<string> inherited) =>
        Rules.ToDictionary(r => r, r => inherited.Contains(r, StringComparer.Ordinal) ? EligibilitySource.Organization : EligibilitySource.Program, StringComparer.Ordinal);
}

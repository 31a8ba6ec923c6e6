using Housing.Api.Matching;
using Housing.Api.Programs;
using A = Housing.Api.Demo.DemoArchetype;

namespace Housing.Api.Demo;

/// <summary>
/// Who each archetype takes, with the barriers real programs have in about the proportions
/// agencies meet them: most low-barrier, some asking for ID or sobriety, a few refusing boys over 12.
/// <paramref name="declared"/> draws only the yes/no facts rules declare with a demo chance of their
/// own (<see cref="ProgramSide.DemoChance"/>): a stream apart, so that a new one leaves every other
/// draw of the county (and the benchmarks' catalogs, built from it) as it was.
/// </summary>
internal sealed class DemoEligibility(DemoRandom r, DemoRandom declared)
{
    /// <summary>
    /// HUD-funded family programs may not refuse children by age (42 U.S.C. 11361a), so
    /// few do; the county keeps exactly this many so the warning has something to show.
    /// </summary>
    private int _hudBoyLimitsLeft = 2;

    public EligibilityProfile For(A a, DemoSpa spa, DemoBrand brand, bool servesFamilies, bool hudFunded)
    {
        var survivors = DemoArchetypes.ServesSurvivors(a);
        var kind = DemoArchetypes.Kind(a);
        var youth = a is A.YouthShelter or A.YouthTransitional or A.YouthRapidRehousing;
        return Declared(new EligibilityProfile
        {
            GendersServed = Genders(a),
            MinAdultAge = youth ? 18 : a == A.GeneralShelter && r.Chance(0.08) ? 55 : null,
            MaxAdultAge = youth ? 24 : null,
            MaxBoyAge = servesFamilies ? MaxBoyAge(a, hudFunded) : null,
            MaxHouseholdSize = servesFamilies && r.Chance(0.3) ? r.Int(4, 8) : null,
            Pregnancy = a == A.MaternityHome ? PregnancyPolicy.Required
                : a == A.WomensTransitional && r.Chance(0.15) ? PregnancyPolicy.NotAccepted
                : PregnancyPolicy.Accepted,
            TraffickingTypesServed = TraffickingTypes(a),
            HomelessCategories = HomelessCategories(a, kind, survivors),
            PetsAllowed = r.Chance(a switch
            {
                A.BridgeHousing => 0.7,
                A.MotelVouchers or A.DvShelter => 0.35,
                _ when kind == ProgramKind.RapidRehousing => 0.5,
                _ => 0.15,
            }),
            WheelchairAccessible = r.Chance(kind == ProgramKind.RapidRehousing ? 0.8 : 0.65),
            Languages = Languages(a, spa, brand, survivors),
            SobrietyRequired = a == A.RecoveryTransitional || (kind != ProgramKind.RapidRehousing && !survivors && r.Chance(0.15)),
            // Many survivors have had their papers taken; survivor programs never ask.
            IdRequired = !survivors && a != A.MinorsShelter && r.Chance(kind == ProgramKind.Emergency ? 0.2 : 0.33),
            ImmigrationDocumentsRequired = !survivors && a != A.MinorsShelter && r.Chance(0.04),
            CriminalRecord = CriminalRecord(a, survivors, servesFamilies),
            ReferralOnly = survivors || r.Chance(a switch
            {
                A.BridgeHousing or A.MotelVouchers => 0.85,
                A.MinorsShelter => 0.1,
                A.MensShelter => 0.15,
                _ when kind == ProgramKind.RapidRehousing => 0.9,
                _ when kind == ProgramKind.Transitional => 0.6,
                _ => 0.3,
            }),
            Curfew = Curfew(a, kind),
        });
    }

    /// <summary>The profile with the facts rules declare a demo chance for; those above are decided by archetype and declare none.</summary>
    private EligibilityProfile Declared(EligibilityProfile profile)
    {
        foreach (var need in HouseholdNeeds.All)
        {
            if (need.Program is { DemoChance: { } chance } side) profile = side.Set(profile, declared.Chance(chance));
        }
        return profile;
    }

    private List<Gender> Genders(A a) => a switch
    {
        A.MensShelter or A.RecoveryTransitional or A.LaborTraffickingSafeHouse => [Gender.Man],
        A.WomensShelter or A.WomensTransitional or A.MaternityHome => Women(),
        A.TraffickingSafeHouse or A.FamilySafeHouse or A.SurvivorTransitional => r.Chance(0.8) ? Women() : [],
        A.DvShelter => r.Chance(0.85) ? Women() : [],
        A.FamilyShelter => r.Chance(0.25) ? Women() : [],
        _ => [],
    };

    /// <summary>"woman" already includes transgender women; some programs also name non-binary people.</summary>
    private List<Gender> Women() => r.Chance(0.2) ? [Gender.Woman, Gender.NonBinary] : [Gender.Woman];

    private int? MaxBoyAge(A a, bool hudFunded)
    {
        var share = a switch
        {
            A.WomensShelter or A.WomensTransitional or A.MaternityHome => 0.5,
            A.DvShelter => 0.5,
            A.TraffickingSafeHouse or A.FamilySafeHouse or A.SurvivorTransitional => 0.4,
            A.FamilyShelter => 0.3,
            A.FamilyTransitional => 0.15,
            _ => 0,
        };
        if (!r.Chance(share)) return null;
        if (hudFunded)
        {
            if (_hudBoyLimitsLeft == 0) return null;
            _hudBoyLimitsLeft--;
        }
        return r.Chance(0.85) ? 12 : 10;
    }

    private List<TraffickingType> TraffickingTypes(A a) => a switch
    {
        A.TraffickingSafeHouse or A.FamilySafeHouse => r.Chance(0.6) ? [TraffickingType.Sex, TraffickingType.Labor] : [TraffickingType.Sex],
        A.LaborTraffickingSafeHouse => [TraffickingType.Labor],
        A.DvShelter => r.Weighted<List<TraffickingType>>(([], 0.6), ([TraffickingType.Sex], 0.2), ([TraffickingType.Sex, TraffickingType.Labor], 0.2)),
        A.SurvivorTransitional => r.Weighted<List<TraffickingType>>(([TraffickingType.Sex, TraffickingType.Labor], 0.5), ([TraffickingType.Sex], 0.3), ([], 0.2)),
        A.SurvivorRapidRehousing => r.Chance(0.5) ? [TraffickingType.Sex, TraffickingType.Labor] : [],
        _ => [],
    };

    private List<int> HomelessCategories(A a, ProgramKind kind, bool survivors)
    {
        if (survivors) return r.Chance(0.5) ? [4] : [1, 4];
        return kind switch
        {
            ProgramKind.RapidRehousing => r.Weighted<List<int>>(([1, 4], 0.85), ([1], 0.15)),
            ProgramKind.Transitional => r.Weighted<List<int>>(([1, 4], 0.5), ([1, 2, 4], 0.2), ([], 0.3)),
            _ => a == A.MinorsShelter || r.Chance(0.75) ? [] : [1, 2, 4],
        };
    }

    private List<string> Languages(A a, DemoSpa spa, DemoBrand brand, bool survivors)
    {
        var languages = new List<string> { "en" };
        if (survivors || r.Chance(spa.SpanishShare)) languages.Add("es");
        if (brand.Language is { } own && !languages.Contains(own)) languages.Add(own);
        foreach (var community in spa.CommunityLanguages)
            if (!languages.Contains(community) && r.Chance(survivors ? 0.2 : 0.12)) languages.Add(community);
        // Survivors trafficked into Los Angeles often come from Thailand, the Philippines, Korea and China.
        if (a is A.TraffickingSafeHouse or A.FamilySafeHouse or A.LaborTraffickingSafeHouse)
            foreach (var extra in r.Some(("th", 0.3), ("tl", 0.3), ("ko", 0.2), ("zh", 0.2)))
                if (!languages.Contains(extra)) languages.Add(extra);
        return languages;
    }

    private CriminalRecordPolicy CriminalRecord(A a, bool survivors, bool servesFamilies)
    {
        // Survivors are often arrested for what they were forced to do.
        if (survivors || a == A.MinorsShelter)
            return r.Chance(0.8) ? CriminalRecordPolicy.NoRestriction : CriminalRecordPolicy.CaseByCase;
        return servesFamilies
            ? r.Weighted((CriminalRecordPolicy.NoRestriction, 0.4), (CriminalRecordPolicy.CaseByCase, 0.35), (CriminalRecordPolicy.Restrictive, 0.25))
            : r.Weighted((CriminalRecordPolicy.NoRestriction, 0.55), (CriminalRecordPolicy.CaseByCase, 0.35), (CriminalRecordPolicy.Restrictive, 0.1));
    }

    private string? Curfew(A a, ProgramKind kind) => a switch
    {
        A.MotelVouchers => null,
        A.MinorsShelter => "21:00",
        _ when kind == ProgramKind.RapidRehousing => null,
        _ when kind == ProgramKind.Transitional => r.Chance(0.5) ? r.Pick("22:00", "23:00") : null,
        _ => r.Chance(0.55) ? r.Pick("20:00", "21:00", "22:00") : null,
    };
}

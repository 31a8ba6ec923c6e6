using Housing.Api.Programs;
using A = Housing.Api.Demo.DemoArchetype;

namespace Housing.Api.Demo;

/// <summary>The fixed traits of each archetype: kind, name, HUD coding, length of stay.</summary>
internal static partial class DemoArchetypes
{
    public static ProgramKind Kind(A a) => a switch
    {
        <= A.BridgeHousing => ProgramKind.Emergency,
        <= A.MaternityHome => ProgramKind.Transitional,
        _ => ProgramKind.RapidRehousing,
    };

    /// <summary>Victim service providers keep their shelters' addresses confidential (VAWA, FVPSA).</summary>
    public static bool IsConfidential(A a) =>
        a is A.TraffickingSafeHouse or A.FamilySafeHouse or A.LaborTraffickingSafeHouse or A.DvShelter or A.SurvivorTransitional;

    public static bool ServesSurvivors(A a) => IsConfidential(a) || a == A.SurvivorRapidRehousing;

    public static string[] Suffixes(A a) => a switch
    {
        A.GeneralShelter => ["Emergency Shelter", "Navigation Center", "Interim Housing", "Crisis Housing"],
        A.MensShelter => ["Men's Emergency Shelter", "Men's Shelter", "Men's Interim Housing"],
        A.WomensShelter => ["Women's Emergency Shelter", "Women's Shelter", "Women's Interim Housing"],
        A.FamilyShelter => ["Family Shelter", "Family Emergency Shelter", "Family Interim Housing"],
        A.YouthShelter => ["Youth Shelter", "Young Adult Shelter", "TAY Emergency Shelter"],
        A.MinorsShelter => ["Teen Crisis Shelter", "Youth Crisis Shelter"],
        A.TraffickingSafeHouse => ["Safe House", "Survivor Safe House", "Freedom House"],
        A.FamilySafeHouse => ["Family Safe House", "Mothers and Children Safe House"],
        A.LaborTraffickingSafeHouse => ["Men's Safe House", "Workers' Safe House"],
        A.DvShelter => ["Domestic Violence Shelter", "Safe Haven", "Emergency Safe Shelter"],
        A.MotelVouchers => ["Motel Voucher Program", "Hotel Voucher Shelter"],
        A.SeasonalShelter => ["Seasonal Shelter", "Inclement Weather Shelter"],
        A.BridgeHousing => ["Bridge Housing", "Bridge Home"],
        A.WomensTransitional => ["Women's Transitional Housing", "Women's Transitional Living"],
        A.FamilyTransitional => ["Family Transitional Housing", "Family Transitional Apartments"],
        A.YouthTransitional => ["Transitional Living Program", "TAY Transitional Housing"],
        A.RecoveryTransitional => ["Recovery House", "Men's Recovery Program", "Sober Living Program"],
        A.SurvivorTransitional => ["Transitional Safe Housing", "Survivor Transitional Housing"],
        A.MaternityHome => ["Maternity Home", "Mothers' Residence"],
        A.SinglesRapidRehousing => ["Rapid Rehousing", "Housing Navigation & Rapid Rehousing"],
        A.FamilyRapidRehousing => ["Family Rapid Rehousing", "Family Solutions Rapid Rehousing"],
        A.YouthRapidRehousing => ["Youth Rapid Rehousing", "TAY Rapid Rehousing"],
        _ => ["Survivor Rapid Rehousing", "Safe Homes Rapid Rehousing"],
    };

    /// <summary>Night-by-night (1) for low-barrier and seasonal beds, entry/exit (0) otherwise.</summary>
    public static int HudProjectType(DemoRandom r, A a) => Kind(a) switch
    {
        ProgramKind.Transitional => 2,
        ProgramKind.RapidRehousing => 13,
        _ => a switch
        {
            A.SeasonalShelter => r.Chance(0.7) ? 1 : 0,
            A.GeneralShelter or A.MensShelter => r.Chance(0.4) ? 1 : 0,
            _ => 0,
        },
    };

    public static int MaxStayDays(DemoRandom r, A a) => a switch
    {
        A.GeneralShelter => r.Pick(90, 90, 120, 180),
        A.MensShelter => r.Pick(30, 60, 90, 90),
        A.WomensShelter or A.FamilyShelter => r.Pick(60, 90, 90, 120),
        A.YouthShelter => r.Pick(60, 90, 120),
        A.MinorsShelter => r.Pick(21, 30),
        A.TraffickingSafeHouse or A.LaborTraffickingSafeHouse => r.Pick(90, 120, 180),
        A.FamilySafeHouse => r.Pick(60, 90, 120),
        A.DvShelter => r.Pick(30, 45, 60, 90),
        A.MotelVouchers => r.Pick(14, 30),
        A.SeasonalShelter => r.Pick(90, 120),
        A.BridgeHousing => 180,
        A.WomensTransitional or A.FamilyTransitional => r.Pick(540, 730, 730),
        A.YouthTransitional => r.Pick(540, 635, 730),
        A.RecoveryTransitional => r.Pick(180, 365),
        A.SurvivorTransitional => r.Pick(365, 540, 730),
        A.MaternityHome => r.Pick(365, 540),
        A.SinglesRapidRehousing => r.Pick(180, 270, 365),
        A.FamilyRapidRehousing => r.Pick(270, 365, 540, 720),
        A.YouthRapidRehousing => r.Pick(365, 540, 720),
        _ => r.Pick(90, 180, 365),
    };

    /// <summary>Share of programs of this archetype with HUD (CoC or ESG) funding.</summary>
    public static double HudShare(A a) => a switch
    {
        A.TraffickingSafeHouse or A.FamilySafeHouse or A.LaborTraffickingSafeHouse => 0.1, // mostly OVC and state money
        A.DvShelter or A.SurvivorTransitional => 0.3,
        A.MinorsShelter or A.RecoveryTransitional or A.MaternityHome => 0.15,
        _ when Kind(a) == ProgramKind.RapidRehousing => 0.85,
        _ when Kind(a) == ProgramKind.Transitional => 0.5,
        _ => 0.4,
    };

    public static IReadOnlyList<ProgramService> Services(DemoRandom r, A a)
    {
        var survivors = ServesSurvivors(a);
        return r.Some(
            (ProgramService.CaseManagement, 0.85),
            (ProgramService.LegalAid, survivors ? 0.8 : 0.15),
            (ProgramService.ImmigrationLegal, a is A.TraffickingSafeHouse or A.FamilySafeHouse or A.LaborTraffickingSafeHouse ? 0.9 : survivors ? 0.4 : 0.05),
            (ProgramService.Counseling, survivors || a is A.YouthShelter or A.YouthTransitional or A.MinorsShelter ? 0.85 : 0.3),
            (ProgramService.MentalHealth, 0.35),
            (ProgramService.Medical, a is A.GeneralShelter or A.MensShelter or A.BridgeHousing or A.MaternityHome ? 0.6 : 0.15),
            (ProgramService.Childcare, a is A.FamilyShelter or A.FamilyTransitional or A.MaternityHome or A.DvShelter or A.FamilySafeHouse ? 0.5 : 0),
            (ProgramService.Employment, Kind(a) == ProgramKind.Emergency ? 0.25 : 0.6),
            (ProgramService.SubstanceUse, a == A.RecoveryTransitional ? 1 : 0.15),
            (ProgramService.Transportation, 0.25),
            (ProgramService.Interpretation, survivors ? 0.6 : 0.15));
    }

    /// <summary>
    /// The intake hours the demo's words say ("24/7", "Daily 16:00-21:00 check-in", "Mon-Fri
    /// 09:00-17:00"), as windows: read from the words rather than drawn, so the rest of the county
    /// stays as it was. Words that name no hours give none.
    /// </summary>
    public static IReadOnlyList<IntakeWindow>? IntakeHours(string? hours)
    {
        if (hours is null) return null;
        Weekday[] everyDay = [.. Enum.GetValues<Weekday>()];
        if (hours.Contains("24/7", StringComparison.Ordinal)) return [new IntakeWindow(everyDay, "00:00", "00:00")];
        if (DemoHours().Match(hours) is not { Success: true } m) return null;
        var last = m.Groups[1].Value switch
        {
            "Mon-Fri" => Weekday.Fri,
            "Mon-Thu" => Weekday.Thu,
            "Mon-Sat" => Weekday.Sat,
            _ => Weekday.Sun,
        };
        return [new IntakeWindow([.. everyDay.Where(d => d <= last)], m.Groups[2].Value, m.Groups[3].Value)];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Daily|Mon-Fri|Mon-Thu|Mon-Sat) (\d\d:\d\d)-(\d\d:\d\d)")]
    private static partial System.Text.RegularExpressions.Regex DemoHours();

    public static IntakeContact Intake(DemoRandom r, A a, string phone, string domain)
    {
        var kind = Kind(a);
        var email = IsConfidential(a) || r.Chance(0.4)
            ? $"{r.Pick("intake", "referrals", "frontdesk", "housing")}@{domain}"
            : null;
        var hours = a switch
        {
            _ when IsConfidential(a) => "Hotline 24/7; intake by referral",
            A.MotelVouchers => "Mon-Sat 08:00-20:00",
            _ when kind == ProgramKind.Emergency => r.Pick("24/7", "24/7", "Daily 16:00-21:00 check-in", "Daily 14:00-22:00"),
            _ => r.Pick("Mon-Fri 09:00-17:00", "Mon-Fri 08:30-17:00", "Mon-Thu 09:00-18:00"),
        };
        return new IntakeContact(phone, email, hours);
    }
}

using System.Text.RegularExpressions;
using Housing.Api.Errors;
using Housing.Api.Http;

namespace Housing.Api.Programs;

/// <summary>
/// Validates a program request into a <see cref="ProgramDefinition"/>; pure, no I/O. The shape
/// (presence, ranges, lengths, patterns) is the request's attributes, checked first by
/// <see cref="RequestShape"/>; the rules here are between fields (a kind's HUD type and stay).
/// </summary>
public static partial class ProgramRules
{
    public const int MaxCount = 5000;

    /// <summary>A Continuum of Care's HUD code: the state and three digits, such as CA-600.</summary>
    public const string CocCode = "^[A-Z]{2}-[0-9]{3}$";

    public static bool IsCocCode(string code) => CocCodePattern().IsMatch(code);

    [GeneratedRegex(CocCode)]
    private static partial Regex CocCodePattern();

    public static int DefaultMaxStayDays(ProgramKind kind) => kind switch
    {
        ProgramKind.Emergency => 90,
        ProgramKind.Transitional => 730,
        _ => 0, // rapid rehousing: set per program
    };

    private static (int Min, int Max) StayLimits(ProgramKind kind) => kind switch
    {
        ProgramKind.Emergency => (1, 365),
        ProgramKind.Transitional => (1, 1095),
        _ => (1, 730),
    };

    /// <summary>HUD project types: 0 entry/exit or 1 night-by-night shelter, 2 transitional, 13 rapid rehousing.</summary>
    public static IReadOnlyList<int> HudProjectTypes(ProgramKind kind) => kind switch
    {
        ProgramKind.Emergency => [0, 1],
        ProgramKind.Transitional => [2],
        _ => [13],
    };

    public static ProgramDefinition? Validate(ProgramRequest r, Validation v)
    {
        RequestShape.Check(r, v);
        var name = v.Text("name", r.Name);
        var kind = r.Kind;

        int? hudType = r.HudProjectType;
        int? maxStay = r.MaxStayDays;
        if (kind is { } k)
        {
            var allowed = HudProjectTypes(k);
            hudType ??= allowed[0];
            if (!allowed.Contains(hudType.Value))
                v.Add("hudProjectType", Say.Format(allowed.Count == 1 ? ProblemText.Problem_Program_HudType_One : ProblemText.Problem_Program_HudType_Either,
                    Text(k), allowed[0], allowed[^1]));
            maxStay ??= DefaultMaxStayDays(k) is > 0 and var d ? d : null;
            if (maxStay is null) v.Add("maxStayDays", ProblemText.Problem_Program_MaxStayRequired);
            var (min, max) = StayLimits(k);
            if (!v.Has("maxStayDays")) v.Range("maxStayDays", maxStay, min, max);
        }

        var confidential = r.Confidential ?? false;
        var address = v.Text("address", r.Address);
        if (confidential && address is null)
            v.Add("address", ProblemText.Problem_Program_ConfidentialAddress);

        if (r.IntakeContact is { } intake)
        {
            v.Text("intakeContact.phone", intake.Phone);
            v.Text("intakeContact.email", intake.Email);
            v.Text("intakeContact.hours", intake.Hours);
            if (string.IsNullOrWhiteSpace(intake.Phone) && string.IsNullOrWhiteSpace(intake.Email))
                v.Add("intakeContact", ProblemText.Problem_Program_IntakeContact);
        }

        var services = r.Services ?? [];
        var inventory = ValidateInventory(v, kind, r.Inventory);
        var unitSizes = ValidateUnitSizes(v, kind, r.UnitSizes, inventory);
        if (r.AdjoiningUnits is > 1 && unitSizes.Count == 0) v.Add("adjoiningUnits", ProblemText.Problem_Program_AdjoiningWithoutUnits);
        IntakeHoursRules.ValidateZone(v, r.TimeZone);
        var eligibility = r.Eligibility ?? new EligibilityProfile();
        EligibilityRules.Validate(v, "eligibility.", eligibility);
        var inherited = r.InheritedRules ?? [];
        for (var i = 0; i < inherited.Count; i++)
        {
            if (!EligibilityInheritance.IsRule(inherited[i] ?? ""))
                v.Add($"inheritedRules[{i}]", Say.Format(ProblemText.Problem_Program_NotARule, string.Join(", ", EligibilityInheritance.Rules)));
        }

        if (!v.IsValid) return null;
        return new ProgramDefinition(
            r.OrganizationId!.Value, name!, kind!.Value, hudType!.Value, maxStay!.Value, r.Region!,
            r.Location!, confidential, address,
            new IntakeContact(Trim(r.IntakeContact!.Phone), Trim(r.IntakeContact.Email), Trim(r.IntakeContact.Hours)),
            r.HudFunded ?? false, services, inventory, EligibilityRules.Normalise(eligibility), r.CocCode, inherited,
            unitSizes, r.AdjoiningUnits, r.TimeZone, IntakeHoursRules.Normalise(r.IntakeHours));
    }

    /// <summary>
    /// Unit sizes name household types the inventory has, once per size, at most
    /// <see cref="Availability.UnitFit.MaxSizes"/> sizes a type, and describe no more units and
    /// beds than the inventory of that type counts (HUD's Inventory.csv reports those counts).
    /// </summary>
    private static List<UnitSize> ValidateUnitSizes(Validation v, ProgramKind? kind, IReadOnlyList<UnitSizeRequest>? sizes, List<InventoryItem> inventory)
    {
        var result = new List<UnitSize>();
        if (sizes is not { Count: > 0 }) return result;
        if (kind == ProgramKind.RapidRehousing)
        {
            v.Add("unitSizes", ProblemText.Problem_Program_UnitsNotForSlots);
            return result;
        }
        for (var i = 0; i < sizes.Count && i < 3 * Availability.UnitFit.MaxSizes; i++)
        {
            if (sizes[i] is not { HouseholdType: { } type, Beds: { } beds, Count: { } count } size) continue;
            var at = $"unitSizes[{i}]";
            var cribs = size.Cribs ?? 0;
            if (inventory.All(item => item.HouseholdType != type))
                v.Add(at + ".householdType", Say.Format(ProblemText.Problem_Program_UnitsWithoutInventory, Terms.Of(type)));
            else if (result.Any(u => u.HouseholdType == type && u.Beds == beds && u.Cribs == cribs))
                v.Add(at, ProblemText.Problem_Program_UnitSizeTwice);
            else if (result.Count(u => u.HouseholdType == type) == Availability.UnitFit.MaxSizes)
                v.Add(at, Say.Format(ProblemText.Problem_Program_TooManyUnitSizes, Availability.UnitFit.MaxSizes));
            else result.Add(new UnitSize(type, beds, cribs, count));
        }
        foreach (var group in result.GroupBy(u => u.HouseholdType))
        {
            var items = inventory.Where(item => item.HouseholdType == group.Key).ToList();
            int units = group.Sum(u => u.Count), beds = group.Sum(u => u.Count * u.Beds);
            int inventoryUnits = items.Sum(item => item.Units), inventoryBeds = items.Sum(item => item.Beds);
            if (units > inventoryUnits || beds > inventoryBeds)
                v.Add("unitSizes", Say.Format(ProblemText.Problem_Program_UnitsAboveInventory, units, beds, Terms.Of(group.Key), inventoryUnits, inventoryBeds));
        }
        return result;
    }

    private static List<InventoryItem> ValidateInventory(Validation v, ProgramKind? kind, IReadOnlyList<InventoryRequest>? items)
    {
        var result = new List<InventoryItem>();
        for (var i = 0; i < (items?.Count ?? 0) && i < 20; i++)
        {
            if (items![i] is not { } item) continue;
            var at = $"inventory[{i}].";
            var (type, start) = (item.HouseholdType, item.StartDate);
            if (item.EndDate is { } end && start is { } s && end < s) v.Add(at + "endDate", ProblemText.Problem_Program_EndBeforeStart);

            int units = item.Units ?? 0, beds = item.Beds ?? 0, slots = item.Slots ?? 0;
            InventoryAvailability? availability = item.Availability;
            BedType? bedType = item.BedType;

            if (kind == ProgramKind.RapidRehousing)
            {
                if (slots < 1) v.Add(at + "slots", ProblemText.Problem_Program_SlotsAtLeastOne);
                if (beds != 0 || units != 0) v.Add(at + "beds", ProblemText.Problem_Program_SlotsNotBeds);
            }
            else if (kind is not null)
            {
                if (beds < 1) v.Add(at + "beds", ProblemText.Problem_Program_AtLeastOneBed);
                if (units > beds) v.Add(at + "units", ProblemText.Problem_Program_UnitsNotAboveBeds);
                if (slots != 0) v.Add(at + "slots", ProblemText.Problem_Program_BedsNotSlots);
            }

            if (kind == ProgramKind.Emergency)
            {
                availability ??= InventoryAvailability.YearRound;
                bedType ??= BedType.FacilityBased;
            }
            else if (kind is not null)
            {
                if (availability is not null) v.Add(at + "availability", ProblemText.Problem_Program_AvailabilityOnlyEmergency);
                if (bedType is not null) v.Add(at + "bedType", ProblemText.Problem_Program_BedTypeOnlyEmergency);
            }

            if (type is { } t && start is { } st)
                result.Add(new InventoryItem(t, units, beds, slots, availability, bedType, st, item.EndDate));
        }
        return result;
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Text(ProgramKind kind) => HousingJson.Text(kind);
}

public static partial class EligibilityRules
{
    /// <summary>"HH:mm", 24-hour.</summary>
    public const string Curfew = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    /// <summary>Language codes in lower case, as they are compared.</summary>
    public static EligibilityProfile Normalise(EligibilityProfile e) => e with
    {
        Languages = e.Languages.Select(l => l.ToLowerInvariant()).ToList(),
    };

    /// <summary>The rules between a profile's fields and on each entry of its lists; its shape is <see cref="RequestShape"/>'s.</summary>
    public static void Validate(Validation v, string at, EligibilityProfile e)
    {
        if (e.MinAdultAge > e.MaxAdultAge && !v.Has(at + "maxAdultAge")) v.Add(at + "maxAdultAge", ProblemText.Problem_Program_MaxBelowMinAge);
        if (e.HomelessCategories.Any(c => c is < 1 or > 4)) v.Add(at + "homelessCategories", ProblemText.Problem_Program_HomelessCategories);
        if (e.Languages.Any(l => !IsLanguageCode(l)))
            v.Add(at + "languages", Languages.NotCodes(e.Languages));
    }

    /// <summary>
    /// 42 U.S.C. 11361a: a HUD-funded program serving families may not deny a family
    /// because of a child's age under 18. We let programs record the policy (others may
    /// have one) and flag the conflict wherever the program appears.
    /// </summary>
    public static IReadOnlyList<ProgramWarning> Warnings(ProgramDefinition p)
    {
        var servesFamilies = p.Inventory.Any(i => i.HouseholdType == HouseholdType.AdultsWithChildren);
        if (p.HudFunded && servesFamilies && (p.Eligibility.MaxChildAge is not null || p.Eligibility.MaxBoyAge is not null))
        {
            return [new ProgramWarning("hud_child_age_limit", ReasonText.Warning_HudChildAgeLimit)];
        }
        return [];
    }

    /// <summary>An ISO 639-1 or 639-3 code: two or three letters.</summary>
    public static bool IsLanguageCode(string? code) => code is not null && LanguagePattern().IsMatch(code);

    [GeneratedRegex("^[a-zA-Z]{2,3}$")]
    private static partial Regex LanguagePattern();
}

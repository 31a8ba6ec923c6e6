using System.Globalization;
using System.Text.RegularExpressions;

namespace Housing.Api.Web;

/// <summary>The admin forms' fields (an organisation, a program, its partners) as the person filling them knows them; null for a field of another form.</summary>
public static partial class AdminFields
{
    public static string? Label(string field)
    {
        if (RowLabel(Row().Match(field), AdminText.Field_InventoryRow, column => column switch
            {
                "householdType" => AdminText.Field_HouseholdType,
                "units" => AdminText.Field_Units,
                "beds" => AdminText.Field_Beds,
                "slots" => AdminText.Field_Slots,
                "availability" => AdminText.Field_Availability,
                "bedType" => AdminText.Field_BedType,
                "startDate" => AdminText.Field_StartDate,
                "endDate" => AdminText.Field_EndDate,
                _ => AdminText.Field_RowDetails,
            }) is { } inventory) return inventory;
        if (RowLabel(RoomRow().Match(field), AdminText.Field_RoomRow, column => column switch
            {
                "householdType" => AdminText.Field_HouseholdType,
                "beds" => AdminText.Field_Beds,
                "cribs" => AdminText.Field_Cribs,
                "count" => AdminText.Field_RoomCount,
                _ => AdminText.Field_RowDetails,
            }) is { } room) return room;
        return field switch
        {
            "name" => AdminText.Field_Name,
            "unitSizes" => AdminText.Field_Rooms,
            "adjoiningUnits" => AdminText.Field_AdjoiningUnits,
            "type" => AdminText.Field_OrganizationType,
            "phone" => AdminText.Field_Phone,
            "email" => AdminText.Field_Email,
            "organizationId" => AdminText.Field_Organization,
            "hudProjectType" => AdminText.Field_HudProjectType,
            "maxStayDays" => AdminText.Field_MaxStay,
            "location" => AdminText.Field_Location,
            "location.latitude" => AdminText.Field_Latitude,
            "location.longitude" => AdminText.Field_Longitude,
            "address" => AdminText.Field_Address,
            "intakeContact" => AdminText.Field_Intake,
            "intakeContact.phone" => AdminText.Field_IntakePhone,
            "intakeContact.email" => AdminText.Field_IntakeEmail,
            "intakeContact.hours" => AdminText.Field_IntakeHours,
            "services" => AdminText.Field_Services,
            "inventory" => AdminText.Field_Inventory,
            "eligibility.languages" => AdminText.Field_Languages,
            "eligibility.gendersServed" => AdminText.Field_Genders,
            "eligibility.minAdultAge" => AdminText.Field_MinAdultAge,
            "eligibility.maxAdultAge" => AdminText.Field_MaxAdultAge,
            "eligibility.maxChildAge" => AdminText.Field_MaxChildAge,
            "eligibility.maxBoyAge" => AdminText.Field_MaxBoyAge,
            "eligibility.maxHouseholdSize" => AdminText.Field_MaxHouseholdSize,
            "eligibility.pregnancy" => AdminText.Field_Pregnancy,
            "eligibility.traffickingTypesServed" => AdminText.Field_Trafficking,
            "eligibility.homelessCategories" => AdminText.Field_HomelessCategories,
            "eligibility.criminalRecord" => AdminText.Field_CriminalRecord,
            "eligibility.curfew" => AdminText.Field_Curfew,
            "cocCode" => AdminText.Field_CocCode,
            "timeZone" => AdminText.Field_TimeZone,
            _ when field.StartsWith("intakeHours", StringComparison.Ordinal) => WindowLabel(field),
            _ when field.StartsWith("inheritedRules", StringComparison.Ordinal) => AdminText.Field_Inherited,
            _ when field.StartsWith("agencyIds", StringComparison.Ordinal) => AdminText.Field_Partners,
            _ => null,
        };
    }

    /// <summary>"Hours 2: Opens" for intakeHours[1].opens; the whole list's label for the list.</summary>
    private static string WindowLabel(string field)
    {
        if (WindowRow().Match(field) is not { Success: true } m) return AdminText.Field_IntakeWindows;
        var row = Say.Format(AdminText.Editor_Window, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1);
        var part = m.Groups[2].Value switch
        {
            "opens" => AdminText.Field_Opens,
            "closes" => AdminText.Field_Closes,
            "days" => AdminText.Field_Days,
            _ => null,
        };
        return part is null ? row : $"{row}: {part}";
    }

    /// <summary>An eligibility rule by the label its field has in the editor.</summary>
    public static string RuleLabel(string rule) => rule switch
    {
        "petsAllowed" => AdminText.Field_Pets,
        "wheelchairAccessible" => AdminText.Field_Wheelchair,
        "sobrietyRequired" => AdminText.Field_Sobriety,
        "idRequired" => AdminText.Field_IdRequired,
        "immigrationDocumentsRequired" => AdminText.Field_ImmigrationDocuments,
        "referralOnly" => AdminText.Field_ReferralOnly,
        _ => Label("eligibility." + rule) ?? rule,
    };

    /// <summary>
    /// The API's messages that name its fields or codes ("Must not be before startDate."), put in
    /// the words of the form the person sees; every other message is already in words.
    /// </summary>
    public static IDictionary<string, string[]> Worded(IDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => Worded(e.Key, m)).ToArray(), StringComparer.Ordinal);

    private static string Worded(string field, string message)
    {
        if (field == "hudProjectType") return AdminText.Rule_HudType;
        if (message == ProblemText.Problem_Program_EndBeforeStart) return AdminText.Rule_EndBeforeStart;
        if (message == ProblemText.Problem_Program_MaxBelowMinAge) return AdminText.Rule_MaxBelowMinAge;
        if (message == ProblemText.Problem_Program_Curfew) return AdminText.Rule_Curfew;
        if (message == ProblemText.Problem_Partners_NotAgency) return AdminText.Rule_NotAgency;
        return message;
    }

    /// <summary>"Row 2: beds" for a field of a form's numbered rows (<paramref name="row"/> matched its number and column); null when it did not match.</summary>
    private static string? RowLabel(Match row, string format, Func<string, string> column) =>
        row.Success ? Say.Format(format, int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) + 1, column(row.Groups[2].Value)) : null;

    [GeneratedRegex(@"^unitSizes\[(\d+)\]\.?(\w*)$")]
    private static partial Regex RoomRow();

    [GeneratedRegex(@"^intakeHours\[(\d+)\]\.?(\w*)")]
    private static partial Regex WindowRow();

    [GeneratedRegex(@"^inventory\[(\d+)\]\.?(\w*)$")]
    private static partial Regex Row();
}

using System.Globalization;
using System.Text.RegularExpressions;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Web;

/// <summary>
/// A program's whole definition as the editor posts it: text for every number and date, so a
/// typing mistake is a message beside its field rather than a failed request. It becomes the
/// API's <see cref="ProgramRequest"/>, which the API's own rules judge (<see cref="ProgramOperations"/>).
/// Errors are keyed by the API's field names; an inventory row by its row in the form.
/// </summary>
public sealed partial class ProgramForm
{
    /// <summary>The most inventory rows a program may have (<see cref="ProgramRequest.Inventory"/>).</summary>
    public const int MaxRows = 20;

    public string? OrganizationId { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? HudProjectType { get; set; }
    public string? MaxStayDays { get; set; }
    public bool HudFunded { get; set; }
    /// <summary>A configured region, chosen from the list.</summary>
    public string? Region { get; set; }
    /// <summary>A region code typed instead, for one the deployment has not named.</summary>
    public string? RegionTyped { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public bool Confidential { get; set; }
    public string? Address { get; set; }
    public string? IntakePhone { get; set; }
    public string? IntakeEmail { get; set; }
    public string? IntakeHours { get; set; }
    public List<string> Services { get; set; } = [];
    /// <summary>Names or codes, separated by commas ("Spanish, Korean").</summary>
    public string? Languages { get; set; }

    public List<string> Genders { get; set; } = [];
    public string? MinAdultAge { get; set; }
    public string? MaxAdultAge { get; set; }
    public string? MaxChildAge { get; set; }
    public string? MaxBoyAge { get; set; }
    public string? MaxHouseholdSize { get; set; }
    public string? Pregnancy { get; set; }
    public List<string> TraffickingTypes { get; set; } = [];
    public List<string> HomelessCategories { get; set; } = [];
    public bool PetsAllowed { get; set; }
    public bool WheelchairAccessible { get; set; }
    public bool SobrietyRequired { get; set; }
    public bool IdRequired { get; set; }
    public bool ImmigrationDocumentsRequired { get; set; }
    public string? CriminalRecord { get; set; }
    public bool ReferralOnly { get; set; }
    public string? Curfew { get; set; }

    /// <summary>HUD's code of the program's Continuum of Care, such as CA-600.</summary>
    public string? CocCode { get; set; }
    /// <summary>The eligibility rules (their API names) that follow the organisation's defaults.</summary>
    public List<string> InheritedRules { get; set; } = [];

    public List<InventoryForm> Inventory { get; set; } = [];

    /// <summary>Family rooms by size (<see cref="ProgramRequest.UnitSizes"/>): the program's, and two blank rows to add one.</summary>
    public List<RoomForm> Rooms { get; set; } = [];

    /// <summary>How many adjoining rooms one household may take; blank is one.</summary>
    public string? AdjoiningUnits { get; set; }

    /// <summary>The form's room rows that went into the request, in order (blank ones are skipped), to put the rules' mistakes back on them.</summary>
    public IReadOnlyList<int> RoomRows => _roomRows;

    private List<int> _roomRows = [];

    /// <summary>Rows for room sizes: the ones given and two blank ones, up to the most a program may give.</summary>
    private static List<RoomForm> WithBlankRooms(IEnumerable<RoomForm> rooms) =>
        [.. rooms.Where(r => !r.IsBlank).Concat(Enumerable.Range(0, 2).Select(_ => new RoomForm())).Take(3 * Availability.UnitFit.MaxSizes)];

    /// <summary>The IANA time zone of the intake hours; empty for the service's own.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Intake hours, a row per window; blank rows are not sent.</summary>
    public List<IntakeWindowForm> IntakeWindows { get; set; } = [];

    /// <summary>The window rows drawn: those given and two blank ones to fill, up to the most a program may have.</summary>
    public static List<IntakeWindowForm> WindowRows(IEnumerable<IntakeWindowForm> given)
    {
        var rows = given.ToList();
        for (var blank = 0; blank < 2 && rows.Count < IntakeWindow.MaxWindows; blank++) rows.Add(new IntakeWindowForm());
        return rows;
    }

    /// <summary>The version the form was drawn from (the ETag), sent back as If-Match so a save never overwrites a change made since.</summary>
    public string? Version { get; set; }

    /// <summary>A new program: one empty inventory row to fill.</summary>
    public static ProgramForm Blank(Guid? organizationId) => new()
    {
        OrganizationId = organizationId?.ToString(),
        Inventory = [new InventoryForm()],
        Rooms = WithBlankRooms([]),
        IntakeWindows = WindowRows([]),
    };

    /// <summary>After a post back that saved nothing: blank room rows again at the end, so there is always room to add a size.</summary>
    public void TidyRooms() => Rooms = WithBlankRooms(Rooms);

    /// <summary>The program as stored, to edit; a region the deployment has not named goes in the typed field.</summary>
    public static ProgramForm From(HousingProgram program, IReadOnlyCollection<string> namedRegions)
    {
        var d = program.Definition;
        var e = d.Eligibility;
        var named = namedRegions.Contains(d.Region);
        return new ProgramForm
        {
            OrganizationId = d.OrganizationId.ToString(),
            Name = d.Name,
            Kind = HousingJson.Text(d.Kind),
            HudProjectType = Text(d.HudProjectType),
            MaxStayDays = Text(d.MaxStayDays),
            HudFunded = d.HudFunded,
            Region = named ? d.Region : null,
            RegionTyped = named ? null : d.Region,
            Latitude = d.Location.Latitude.ToString("R", CultureInfo.InvariantCulture),
            Longitude = d.Location.Longitude.ToString("R", CultureInfo.InvariantCulture),
            Confidential = d.Confidential,
            Address = d.Address,
            IntakePhone = d.IntakeContact.Phone,
            IntakeEmail = d.IntakeContact.Email,
            IntakeHours = d.IntakeContact.Hours,
            Services = d.Services.Select(s => HousingJson.Text(s)).ToList(),
            Languages = Programs.Languages.Names(e.Languages),
            Genders = e.GendersServed.Select(g => HousingJson.Text(g)).ToList(),
            MinAdultAge = Text(e.MinAdultAge),
            MaxAdultAge = Text(e.MaxAdultAge),
            MaxChildAge = Text(e.MaxChildAge),
            MaxBoyAge = Text(e.MaxBoyAge),
            MaxHouseholdSize = Text(e.MaxHouseholdSize),
            Pregnancy = HousingJson.Text(e.Pregnancy),
            TraffickingTypes = e.TraffickingTypesServed.Select(t => HousingJson.Text(t)).ToList(),
            HomelessCategories = e.HomelessCategories.Select(c => Text(c)!).ToList(),
            PetsAllowed = e.PetsAllowed,
            WheelchairAccessible = e.WheelchairAccessible,
            SobrietyRequired = e.SobrietyRequired,
            IdRequired = e.IdRequired,
            ImmigrationDocumentsRequired = e.ImmigrationDocumentsRequired,
            CriminalRecord = HousingJson.Text(e.CriminalRecord),
            ReferralOnly = e.ReferralOnly,
            Curfew = e.Curfew,
            Inventory = d.Inventory.Select(InventoryForm.From).ToList(),
            Rooms = WithBlankRooms((d.UnitSizes ?? []).Select(RoomForm.From)),
            AdjoiningUnits = Text(d.AdjoiningUnits),
            CocCode = d.CocCode,
            InheritedRules = [.. d.InheritedRules],
            TimeZone = d.TimeZone,
            IntakeWindows = WindowRows((d.IntakeHours ?? []).Select(IntakeWindowForm.From)),
            Version = program.ETag,
        };
    }

    /// <summary>The region the program is in: the one typed, else the one chosen.</summary>
    public string? RegionCode => !string.IsNullOrWhiteSpace(RegionTyped) ? RegionTyped.Trim() : string.IsNullOrWhiteSpace(Region) ? null : Region;

    /// <summary>
    /// The API request, with the form's own mistakes in <paramref name="v"/>. Blank inventory
    /// rows are skipped; <paramref name="rows"/> maps the request's inventory indexes back to the form's rows.
    /// </summary>
    public ProgramRequest ToRequest(Validation v, out List<int> rows) => ToRequest(v, out rows, out _);

    /// <param name="windowRows">Maps the request's intake-hours indexes back to the form's rows, as <paramref name="rows"/> does inventory's.</param>
    public ProgramRequest ToRequest(Validation v, out List<int> rows, out List<int> windowRows)
    {
        windowRows = [];
        var windows = new List<IntakeWindow>();
        for (var row = 0; row < IntakeWindows.Count && row < IntakeWindow.MaxWindows; row++)
        {
            if (IntakeWindows[row].IsBlank) continue;
            windowRows.Add(row);
            windows.Add(IntakeWindows[row].ToWindow());
        }

        Guid? organization = Guid.TryParse(OrganizationId, out var org) ? org : null;
        if (organization is null && !string.IsNullOrWhiteSpace(OrganizationId)) v.Add("organizationId", ConsoleText.Form_ChooseFromList);

        var eligibility = Eligibility(v);

        rows = [];
        var inventory = new List<InventoryRequest>();
        for (var row = 0; row < Inventory.Count && row < MaxRows; row++)
        {
            if (Inventory[row].IsBlank) continue;
            rows.Add(row);
            inventory.Add(Inventory[row].ToRequest(v, $"inventory[{inventory.Count}]."));
        }
        _roomRows = [];
        var rooms = new List<UnitSizeRequest>();
        for (var row = 0; row < Rooms.Count && row < 3 * Availability.UnitFit.MaxSizes; row++)
        {
            if (Rooms[row].IsBlank) continue;
            _roomRows.Add(row);
            rooms.Add(Rooms[row].ToRequest(v, $"unitSizes[{rooms.Count}]."));
        }

        return new ProgramRequest(
            organization,
            Blank(Name),
            One<ProgramKind>(v, "kind", Kind),
            Int(v, "hudProjectType", HudProjectType),
            Int(v, "maxStayDays", MaxStayDays),
            RegionCode,
            Location(v),
            Confidential,
            Blank(Address),
            new IntakeContact(Blank(IntakePhone), Blank(IntakeEmail), Blank(IntakeHours)),
            HudFunded,
            Parsed<ProgramService>(v, "services", Services),
            inventory,
            eligibility,
            Blank(CocCode),
            [.. InheritedRules.Distinct()],
            rooms,
            Int(v, "adjoiningUnits", AdjoiningUnits),
            Blank(TimeZone)?.Trim(),
            windows);
    }

    /// <summary>The eligibility rules as posted, with the form's own mistakes in <paramref name="v"/>: the program's, or an organisation's defaults.</summary>
    public EligibilityProfile Eligibility(Validation v) => new()
    {
        GendersServed = Parsed<Gender>(v, "eligibility.gendersServed", Genders),
        MinAdultAge = Int(v, "eligibility.minAdultAge", MinAdultAge),
        MaxAdultAge = Int(v, "eligibility.maxAdultAge", MaxAdultAge),
        MaxChildAge = Int(v, "eligibility.maxChildAge", MaxChildAge),
        MaxBoyAge = Int(v, "eligibility.maxBoyAge", MaxBoyAge),
        MaxHouseholdSize = Int(v, "eligibility.maxHouseholdSize", MaxHouseholdSize),
        Pregnancy = One<PregnancyPolicy>(v, "eligibility.pregnancy", Pregnancy) ?? PregnancyPolicy.Accepted,
        TraffickingTypesServed = Parsed<TraffickingType>(v, "eligibility.traffickingTypesServed", TraffickingTypes),
        HomelessCategories = HomelessCategories.Select(c => Int(v, "eligibility.homelessCategories", c)).OfType<int>().Distinct().Order().ToList(),
        PetsAllowed = PetsAllowed,
        WheelchairAccessible = WheelchairAccessible,
        Languages = SearchForm.LanguageCodes(v, Languages, "eligibility.languages"),
        SobrietyRequired = SobrietyRequired,
        IdRequired = IdRequired,
        ImmigrationDocumentsRequired = ImmigrationDocumentsRequired,
        CriminalRecord = One<CriminalRecordPolicy>(v, "eligibility.criminalRecord", CriminalRecord) ?? CriminalRecordPolicy.NoRestriction,
        ReferralOnly = ReferralOnly,
        Curfew = Blank(Curfew),
    };

    /// <summary>An organisation's default rules, to edit with the same fields as a program's.</summary>
    public static ProgramForm FromDefaults(DefaultEligibility defaults) => new ProgramForm { Version = defaults.ETag }.WithEligibility(defaults.Eligibility);

    private ProgramForm WithEligibility(EligibilityProfile e)
    {
        Languages = Programs.Languages.Names(e.Languages);
        Genders = e.GendersServed.Select(g => HousingJson.Text(g)).ToList();
        MinAdultAge = Text(e.MinAdultAge);
        MaxAdultAge = Text(e.MaxAdultAge);
        MaxChildAge = Text(e.MaxChildAge);
        MaxBoyAge = Text(e.MaxBoyAge);
        MaxHouseholdSize = Text(e.MaxHouseholdSize);
        Pregnancy = HousingJson.Text(e.Pregnancy);
        TraffickingTypes = e.TraffickingTypesServed.Select(t => HousingJson.Text(t)).ToList();
        HomelessCategories = e.HomelessCategories.Select(c => Text(c)!).ToList();
        PetsAllowed = e.PetsAllowed;
        WheelchairAccessible = e.WheelchairAccessible;
        SobrietyRequired = e.SobrietyRequired;
        IdRequired = e.IdRequired;
        ImmigrationDocumentsRequired = e.ImmigrationDocumentsRequired;
        CriminalRecord = HousingJson.Text(e.CriminalRecord);
        ReferralOnly = e.ReferralOnly;
        Curfew = e.Curfew;
        return this;
    }

    /// <summary>Both coordinates, or none (which the rules call missing) when either is left empty or is not a number.</summary>
    private GeoPoint? Location(Validation v)
    {
        double? Coordinate(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
            v.Add(field, AdminText.Form_Number);
            return null;
        }
        var latitude = Coordinate("location.latitude", Latitude);
        var longitude = Coordinate("location.longitude", Longitude);
        return latitude is { } lat && longitude is { } lon ? new GeoPoint(lat, lon) : null;
    }

    /// <summary>
    /// Every mistake once: the form's own (text where a number belongs) and the rules' for the rest,
    /// each moved from the request's inventory index to the form's row. A field the form already
    /// found wrong keeps only the form's message (the rules would call it missing).
    /// </summary>
    public static IDictionary<string, string[]> Mistakes(IDictionary<string, string[]> form, IDictionary<string, string[]> rules, List<int> rows,
        List<int>? windowRows = null, IReadOnlyList<int>? roomRows = null)
    {
        var merged = new Dictionary<string, string[]>(form, StringComparer.Ordinal);
        foreach (var (field, messages) in rules)
        {
            if (form.Keys.Any(f => f == field || f.StartsWith(field + ".", StringComparison.Ordinal) || f.StartsWith(field + "[", StringComparison.Ordinal))) continue;
            merged[field] = messages;
        }
        return merged.GroupBy(e => ToRoomRow(ToRow(e.Key, rows, windowRows ?? []), roomRows ?? []))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).Distinct().ToArray(), StringComparer.Ordinal);
    }

    private static string ToRow(string field, List<int> rows, List<int> windowRows) => RowIndex().Replace(field, m =>
    {
        var (list, map) = m.Groups[1].Value == "inventory" ? ("inventory", rows) : ("intakeHours", windowRows);
        var index = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return $"{list}[{(index < map.Count ? map[index] : index)}]";
    });

    private static string ToRoomRow(string field, IReadOnlyList<int> rows) => RoomIndex().Replace(field, m =>
    {
        var index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return $"unitSizes[{(index < rows.Count ? rows[index] : index)}]";
    });

    [GeneratedRegex(@"^unitSizes\[(\d+)\]")]
    private static partial Regex RoomIndex();

    internal static int? Int(Validation v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        v.Add(field, AdminText.Form_WholeNumber);
        return null;
    }

    internal static T? One<T>(Validation v, string field, string? text) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (HousingJson.TryParse<T>(text, out var value)) return value;
        v.Add(field, ConsoleText.Form_ChooseFromList);
        return null;
    }

    private static List<T> Parsed<T>(Validation v, string field, List<string> texts) where T : struct, Enum
    {
        var parsed = texts.Where(t => !string.IsNullOrEmpty(t)).Select(t => HousingJson.TryParse<T>(t, out var x) ? x : (T?)null).ToList();
        if (parsed.Any(p => p is null)) v.Add(field, ConsoleText.Form_ChooseFromList);
        return parsed.OfType<T>().Distinct().ToList();
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    internal static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(inventory|intakeHours)\[(\d+)\]")]
    private static partial Regex RowIndex();
}

/// <summary>One size of family room as the editor posts it: for which households, beds and cribs in each, and how many such rooms.</summary>
public sealed class RoomForm
{
    public string? HouseholdType { get; set; }
    public string? Beds { get; set; }
    public string? Cribs { get; set; }
    public string? Count { get; set; }

    public bool IsBlank => new[] { HouseholdType, Beds, Cribs, Count }.All(string.IsNullOrWhiteSpace);

    public static RoomForm From(UnitSize size) => new()
    {
        HouseholdType = HousingJson.Text(size.HouseholdType),
        Beds = ProgramForm.Text(size.Beds),
        Cribs = ProgramForm.Text(size.Cribs),
        Count = ProgramForm.Text(size.Count),
    };

    public UnitSizeRequest ToRequest(Validation v, string at) => new(
        ProgramForm.One<HouseholdType>(v, at + "householdType", HouseholdType),
        ProgramForm.Int(v, at + "beds", Beds),
        ProgramForm.Int(v, at + "cribs", Cribs),
        ProgramForm.Int(v, at + "count", Count));
}

/// <summary>One inventory row as the editor posts it.</summary>
public sealed class InventoryForm
{
    public string? HouseholdType { get; set; }
    public string? Units { get; set; }
    public string? Beds { get; set; }
    public string? Slots { get; set; }
    public string? Availability { get; set; }
    public string? BedType { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }

    /// <summary>Nothing chosen or typed: a row added and left empty, which is not sent.</summary>
    public bool IsBlank => new[] { HouseholdType, Units, Beds, Slots, Availability, BedType, StartDate, EndDate }.All(string.IsNullOrWhiteSpace);

    public static InventoryForm From(InventoryItem item) => new()
    {
        HouseholdType = HousingJson.Text(item.HouseholdType),
        Units = ProgramForm.Text(item.Units),
        Beds = ProgramForm.Text(item.Beds),
        Slots = ProgramForm.Text(item.Slots),
        Availability = item.Availability is { } a ? HousingJson.Text(a) : null,
        BedType = item.BedType is { } b ? HousingJson.Text(b) : null,
        StartDate = Date(item.StartDate),
        EndDate = item.EndDate is { } end ? Date(end) : null,
    };

    public InventoryRequest ToRequest(Validation v, string at) => new(
        ProgramForm.One<HouseholdType>(v, at + "householdType", HouseholdType),
        ProgramForm.Int(v, at + "units", Units),
        ProgramForm.Int(v, at + "beds", Beds),
        ProgramForm.Int(v, at + "slots", Slots),
        ProgramForm.One<InventoryAvailability>(v, at + "availability", Availability),
        ProgramForm.One<BedType>(v, at + "bedType", BedType),
        Day(v, at + "startDate", StartDate),
        Day(v, at + "endDate", EndDate));

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Day(Validation v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        v.Add(field, AdminText.Form_Date);
        return null;
    }
}

/// <summary>One window of intake hours as the editor posts it: day boxes and two "HH:mm" times, checked by the API's rules.</summary>
public sealed class IntakeWindowForm
{
    public List<string> Days { get; set; } = [];
    public string? Opens { get; set; }
    public string? Closes { get; set; }

    public bool IsBlank => Days.All(string.IsNullOrWhiteSpace) && string.IsNullOrWhiteSpace(Opens) && string.IsNullOrWhiteSpace(Closes);

    public static IntakeWindowForm From(IntakeWindow window) => new()
    {
        Days = [.. (window.Days ?? []).Select(d => HousingJson.Text(d))],
        Opens = window.Opens,
        Closes = window.Closes,
    };

    /// <summary>The window as the API takes it; a day that is not one is left for the rules to call the list wrong (<c>[]</c> when none is left).</summary>
    public IntakeWindow ToWindow() => new(
        [.. Days.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => HousingJson.TryParse<Weekday>(d, out var day) ? day : (Weekday)(-1)).Where(d => d >= 0).Distinct()],
        ProgramForm.Blank(Opens)?.Trim(), ProgramForm.Blank(Closes)?.Trim());
}

/// <summary>What the shared eligibility fields (<c>Shared/_EligibilityFields</c>) draw: a program's, with its inherited-rule boxes, or an organisation's defaults, with the languages.</summary>
/// <param name="Defaults">The organisation's default eligibility, whose values the inherited-rule boxes show; null when not known.</param>
public sealed record EligibilityFields(ProgramForm Form, FormErrors Errors, bool Inheritance, bool Languages, EligibilityProfile? Defaults = null);

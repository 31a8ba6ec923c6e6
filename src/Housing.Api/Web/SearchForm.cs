using System.Globalization;
using System.Text.RegularExpressions;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Places;
using Housing.Api.Programs;

namespace Housing.Api.Web;

/// <summary>
/// The household and safety form as the browser posts it: text for every number, so a typing
/// mistake becomes a message beside the field rather than a failed request. It becomes the
/// API's <see cref="MatchRequest"/>, and the API's own rules judge it.
/// </summary>
public sealed partial class SearchForm
{
    public const int MemberRows = 8;
    public const int PlaceRows = 3;
    public const int Limit = 10;

    public List<MemberForm> Members { get; set; } = [];
    /// <summary>The needs ticked, by <see cref="HouseholdNeed.Name"/>: one checkbox per need the rules declare (<see cref="HouseholdNeeds"/>).</summary>
    public List<string> Needs { get; set; } = [];
    public string? Languages { get; set; }
    public string? Trafficking { get; set; }
    public string? HomelessCategory { get; set; }
    public List<string> Kinds { get; set; } = [];
    public List<string> Services { get; set; } = [];
    /// <summary>The Continuums of Care ticked; none: every one.</summary>
    public List<string> Cocs { get; set; } = [];
    public List<PlaceForm> Places { get; set; } = [];
    public List<string> UnsafeRegions { get; set; } = [];
    public List<string> UnsafeOrganizations { get; set; } = [];
    public bool ConfidentialRequired { get; set; }

    /// <summary>The referral part: the agency's pseudonymous reference and the programs ticked for a cascade.</summary>
    public string? ClientReference { get; set; }
    public List<string> Selected { get; set; } = [];
    /// <summary>The program the case manager came to refer to (from the open-beds page): ticked for the referral when it matches.</summary>
    public string? Focus { get; set; }
    /// <summary>Made when the form is first shown: a double-clicked Refer makes one referral, not two.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>The watch part: hold or only notify, look again after a decline, and for how many days.</summary>
    public string? WatchMode { get; set; } = "hold";
    public bool ResumeOnDecline { get; set; }
    public string? WatchDays { get; set; }

    public static SearchForm Blank() => new SearchForm { IdempotencyKey = Guid.NewGuid().ToString("N") }.Padded();

    /// <summary>Fills the rows a page shows, so every row has inputs to render.</summary>
    public SearchForm Padded()
    {
        while (Members.Count < MemberRows) Members.Add(new MemberForm { Role = Members.Count == 0 ? "adult" : "child" });
        while (Places.Count < PlaceRows) Places.Add(new PlaceForm());
        return this;
    }

    /// <summary>
    /// The API request, with the form's own mistakes (text where a number belongs) in
    /// <paramref name="v"/>. Rows left blank are skipped; <paramref name="memberRows"/> maps the
    /// request's member indexes back to the form's rows.
    /// </summary>
    public HouseholdRequest Household(Validation v, out List<int> memberRows)
    {
        memberRows = [];
        var members = new List<MemberRequest>();
        for (var row = 0; row < Members.Count && row < MemberRows; row++)
        {
            var m = Members[row];
            var given = m.Genders.Where(g => !string.IsNullOrWhiteSpace(g)).ToList();
            if (string.IsNullOrWhiteSpace(m.Age) && given.Count == 0) continue;
            var at = $"household.members[{row}].";
            var age = Int(v, at + "age", m.Age, ConsoleText.Form_What_Age);
            if (string.IsNullOrWhiteSpace(m.Age)) v.Add(at + "age", ConsoleText.Form_GiveAge);
            MemberRole? role = HousingJson.TryParse<MemberRole>(m.Role, out var r) ? r : null;
            if (role is null) v.Add(at + "role", ConsoleText.Form_ChooseRole);
            var genders = given.Select(g => HousingJson.TryParse<Gender>(g, out var x) ? x : (Gender?)null).ToList();
            if (genders.Any(g => g is null)) v.Add(at + "genders", ConsoleText.Form_ChooseFromList);
            memberRows.Add(row);
            members.Add(new MemberRequest(role, age, genders.OfType<Gender>().ToList()));
        }
        if (members.Count == 0) v.Add("household.members", ConsoleText.Form_DescribeOne);

        TraffickingExperience? trafficking = string.IsNullOrEmpty(Trafficking) ? null
            : HousingJson.TryParse<TraffickingExperience>(Trafficking, out var t) ? t : null;
        var languages = LanguageCodes(v, Languages);
        var request = new HouseholdRequest(members, Languages: languages, Trafficking: trafficking,
            HomelessCategory: Int(v, "household.homelessCategory", HomelessCategory, ConsoleText.Form_What_Category));
        return HouseholdNeeds.Ask(request, Needs);
    }

    /// <summary>
    /// Languages as people type them: names in English or Spanish ("Spanish, Tagalog"), codes
    /// ("es en"), or both, separated by commas; a name unknown here is named in the error.
    /// </summary>
    internal static List<string> LanguageCodes(Validation v, string? text, string field = "household.languages")
    {
        var codes = new List<string>();
        foreach (var part in (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Programs.Languages.Code(part) is { } code) { codes.Add(code); continue; }
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Programs.Languages.Code).ToList();
            if (words.Count > 1 && words.All(w => w is not null)) codes.AddRange(words.OfType<string>());
            else v.Add(field, Say.Format(ConsoleText.Form_UnknownLanguage, part));
        }
        return codes.Distinct().ToList();
    }

    public MatchRequest ToMatchRequest(Validation v, Gazetteer gazetteer, out List<int> memberRows, out List<int> placeRows)
    {
        var household = Household(v, out memberRows);
        var kinds = Parsed<ProgramKind>(v, "wants.kinds", Kinds);
        var services = Parsed<ProgramService>(v, "wants.services", Services);

        placeRows = [];
        var places = new List<UnsafePlaceRequest>();
        for (var row = 0; row < Places.Count && row < PlaceRows; row++)
        {
            if (Places[row].IsBlank) continue;
            placeRows.Add(row);
            if (Places[row].ToRequest(gazetteer, v, $"safety.unsafePlaces[{row}]") is { } place) places.Add(place);
        }
        var organizations = UnsafeOrganizations.Select(o => Guid.TryParse(o, out var id) ? id : (Guid?)null).ToList();
        if (organizations.Any(o => o is null)) v.Add("safety.unsafeOrganizationIds", ConsoleText.Form_ChooseFromList);

        return new MatchRequest(household,
            new WantsRequest(kinds, null, null, services, Cocs.Count == 0 ? null : Cocs.Distinct().ToList()),
            new SafetyRequest(places, UnsafeRegions.Distinct().ToList(), organizations.OfType<Guid>().Distinct().ToList(), null, ConfidentialRequired),
            Limit);
    }

    /// <summary>
    /// The API names a member or place by its index in the request; the form by its row, which
    /// differs when rows are left blank. Renames the API's fields to the form's rows.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(errors))]
    public static IDictionary<string, string[]>? ToRows(IDictionary<string, string[]>? errors, List<int> memberRows, List<int> placeRows) =>
        errors?.GroupBy(e => Rename(e.Key, memberRows, placeRows))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).Distinct().ToArray());

    private static string Rename(string field, List<int> memberRows, List<int> placeRows)
    {
        var renamed = MemberIndex().Replace(field, m => Row("household.members", m, memberRows));
        // The form has one field for a ZIP code or a place, and one group for the Continuums of Care.
        renamed = CocIndex().Replace(renamed, "wants.cocCodes");
        return PlaceIndex().Replace(renamed, m => Row("safety.unsafePlaces", m, placeRows)).Replace(".zipCode", ".place", StringComparison.Ordinal);
    }

    private static string Row(string prefix, Match m, List<int> rows)
    {
        var index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return $"{prefix}[{(index < rows.Count ? rows[index] : index)}]";
    }

    private static int? Int(Validation v, string field, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        v.Add(field, Say.Format(ConsoleText.Form_WholeNumber, what));
        return null;
    }

    internal static double? Number(Validation v, string field, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) { v.Add(field, Say.Format(ConsoleText.Form_Enter, what)); return null; }
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        v.Add(field, Say.Format(ConsoleText.Form_Number, what));
        return null;
    }

    private static List<T> Parsed<T>(Validation v, string field, List<string> texts) where T : struct, Enum
    {
        var parsed = texts.Select(t => HousingJson.TryParse<T>(t, out var x) ? x : (T?)null).ToList();
        if (parsed.Any(p => p is null)) v.Add(field, ConsoleText.Form_ChooseFromList);
        return parsed.OfType<T>().Distinct().ToList();
    }

    [GeneratedRegex(@"^household\.members\[(\d+)\]")]
    private static partial Regex MemberIndex();

    [GeneratedRegex(@"^safety\.unsafePlaces\[(\d+)\]")]
    private static partial Regex PlaceIndex();

    [GeneratedRegex(@"^wants\.cocCodes\[\d+\]$")]
    private static partial Regex CocIndex();
}

public sealed class MemberForm
{
    public string? Role { get; set; }
    public string? Age { get; set; }
    public List<string> Genders { get; set; } = [];
}

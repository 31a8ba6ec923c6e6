using System.Resources;
using Housing.Api.Asks;
using Housing.Api.Auth;
using Housing.Api.Availability;
using Housing.Api.Matching;
using Housing.Api.Organizations;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Housing.Api.Watches;
using Housing.Api.Webhooks;

namespace Housing.Api.Localization;

/// <summary>
/// The service's codes as words people read, in the request's language: <c>adults_only</c> is
/// "adults without children" or "adultos sin niños". One entry per enum member in TermText,
/// keyed <c>Type_Member</c>; the API keeps the codes.
/// </summary>
public static class Terms
{
    /// <summary>Every code a person may read on a page, in a reason or in a report; each member of each has its words.</summary>
    public static readonly IReadOnlyList<Type> Worded =
    [
        typeof(ProgramKind), typeof(HouseholdType), typeof(InventoryAvailability), typeof(BedType), typeof(Gender),
        typeof(TraffickingType), typeof(TraffickingExperience), typeof(PregnancyPolicy), typeof(CriminalRecordPolicy),
        typeof(ProgramService), typeof(MemberRole), typeof(ReferralStatus), typeof(StepStatus), typeof(DeclinedBy),
        typeof(DeclineReason), typeof(Role), typeof(OrganizationType), typeof(Freshness), typeof(WatchMode),
        typeof(WatchStatus), typeof(AskAnswer), typeof(AskStatus), typeof(AskLineStatus), typeof(DeliveryStatus),
    ];

    /// <summary>The code in words: <c>HouseholdType.AdultsOnly</c> is "adults without children".</summary>
    public static string Of<T>(T value) where T : struct, Enum => Lookup(TermKeys<T>.For(value));

    /// <summary>Who a program serves, by self-identified gender, as people say it: "women", "non-binary people".</summary>
    public static string People(Gender gender) => Lookup(PeopleKeys.For(gender));

    /// <summary>A program's kind at the start of a line: "Emergency shelter".</summary>
    public static string Kind(ProgramKind kind) => Capitalized(Of(kind));

    public static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"women", "women and men", "women, men and non-binary people", with the language's own "and".</summary>
    public static string Listed(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : Say.Format(TermText.List_And, string.Join(", ", list[..^1]), list[^1]);
    }

    internal static string Key(string type, string member) => $"{type}_{member}";

    private static string Lookup(string key) =>
        TermText.ResourceManager.GetString(key, TermText.Culture)
        ?? throw new MissingManifestResourceException($"TermText has no words for {key}.");

    /// <summary>Each member's key, made once: words are looked up a dozen times per match.</summary>
    private static class TermKeys<T> where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Keys = Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => Key(typeof(T).Name, v.ToString()));

        public static string For(T value) => Keys.TryGetValue(value, out var key) ? key : Key(typeof(T).Name, value.ToString());
    }

    private static class PeopleKeys
    {
        private static readonly Dictionary<Gender, string> Keys = Enum.GetValues<Gender>().Distinct().ToDictionary(v => v, v => Key("People", v.ToString()));

        public static string For(Gender gender) => Keys.TryGetValue(gender, out var key) ? key : Key("People", gender.ToString());
    }
}

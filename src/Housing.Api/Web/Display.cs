using System.Globalization;
using Housing.Api.Asks;
using Housing.Api.Availability;
using Housing.Api.Http;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Housing.Api.Watches;

namespace Housing.Api.Web;

/// <summary>How the console words codes and times for people, in the request's language; pure, so tests can read it.</summary>
public static class Display
{
    /// <summary>A program's kind as people call it: "Emergency shelter".</summary>
    public static string Kind(ProgramKind kind) => Terms.Kind(kind);

    public static string Household(HouseholdType type) => Terms.Of(type);

    /// <summary>"beds" or, for one, "bed"; "units", "slots" likewise.</summary>
    public static string Count(int count, string measure) => (measure.StartsWith("room-", StringComparison.Ordinal) ? "units" : measure, count == 1) switch
    {
        ("units", true) => ConsoleText.Measure_Unit,
        ("units", false) => ConsoleText.Measure_Units,
        ("slots", true) => ConsoleText.Measure_Slot,
        ("slots", false) => ConsoleText.Measure_Slots,
        (_, true) => ConsoleText.Measure_Bed,
        _ => ConsoleText.Measure_Beds,
    };

    public static string Age(long? seconds)
    {
        if (seconds is not { } s) return ConsoleText.Age_Never;
        if (s < 90) return ConsoleText.Age_JustNow;
        if (s < 90 * 60) return Say.Format(ConsoleText.Age_Minutes, s / 60);
        if (s < 48 * 3600) return Say.Format(ConsoleText.Age_Hours, s / 3600);
        return Say.Format(ConsoleText.Age_Days, s / 86400);
    }

    public static string Age(DateTimeOffset? at, DateTimeOffset now) => Age(FreshnessGrade.AgeSeconds(at, now));

    /// <summary>A span of days in the reader's language ("Monday, March 2, 2026 to Tuesday, March 3, 2026"), or one day.</summary>
    public static string Days(DateOnly first, DateOnly last) => first == last ? Day(first) : Say.Format(ConsoleText.Overflow_Days, Day(first), Day(last));

    private static string Day(DateOnly day) => day.ToString("D", CultureInfo.CurrentCulture);

    public static string Freshness(Freshness freshness) => freshness switch
    {
        Availability.Freshness.Fresh => ConsoleText.Freshness_Fresh,
        Availability.Freshness.Aging => ConsoleText.Freshness_Aging,
        Availability.Freshness.Stale => ConsoleText.Freshness_Stale,
        _ => ConsoleText.Freshness_Never,
    };

    public static string Status(ReferralStatus status) =>
        status == ReferralStatus.Pending ? ConsoleText.Referral_Status_Pending : Terms.Of(status);

    /// <summary>What one referral holds, for the hold-limit refusal: "2 beds at Safe Haven, waiting for the shelter's answer until 22:30 (Los Angeles)".</summary>
    public static string Held(int beds, string? program, ReferralStatus status, string? until) => (beds == 1, status, until) switch
    {
        (true, ReferralStatus.Pending, { } u) => Say.Format(ConsoleText.Held_One_Pending_Until, program, u),
        (false, ReferralStatus.Pending, { } u) => Say.Format(ConsoleText.Held_Many_Pending_Until, beds, program, u),
        (true, ReferralStatus.Pending, null) => Say.Format(ConsoleText.Held_One_Pending, program),
        (false, ReferralStatus.Pending, null) => Say.Format(ConsoleText.Held_Many_Pending, beds, program),
        (true, _, _) => Say.Format(ConsoleText.Held_One_Accepted, program),
        (false, _, _) => Say.Format(ConsoleText.Held_Many_Accepted, beds, program),
    };

    /// <summary>A phone number as a tel: link: "+1 (213) 555-0100" calls +12135550100.</summary>
    public static string Tel(string phone) =>
        "tel:" + (phone.TrimStart().StartsWith('+') ? "+" : "") + new string(phone.Where(char.IsAsciiDigit).ToArray());

    public static string Score(double score) => score.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>"Adult 29 (woman), child 9 (man)": ages and genders only, as the household was given.</summary>
    public static string Members(Matching.HouseholdRequest household) =>
        string.Join(", ", (household.Members ?? []).Select(m =>
        {
            var who = m.Role is { } r ? Terms.Of(r) : ConsoleText.Member_Person;
            var one = m.Age == 1;
            return m.Genders is { Count: > 0 } g
                ? Say.Format(one ? ConsoleText.Member_LineGendersAgeOne : ConsoleText.Member_LineGenders, who, m.Age, string.Join(", ", g.Select(Terms.Of)))
                : Say.Format(one ? ConsoleText.Member_LineAgeOne : ConsoleText.Member_Line, who, m.Age);
        }));

    /// <summary>What the household needs beyond beds, as a referral carries it: "pregnant", "no ID", "speaks es".</summary>
    public static IReadOnlyList<string> Needs(Matching.HouseholdRequest h)
    {
        var needs = new List<string>();
        foreach (var need in Matching.HouseholdNeeds.All)
        {
            if (need.Listed is { } listed && need.Asked(h)) needs.Add(listed);
        }
        if (h.Trafficking is { } t && t != Matching.TraffickingExperience.None) needs.Add(Terms.Of(t));
        if (h.Languages is { Count: > 0 } l) needs.Add(Say.Format(ConsoleText.Needs_Speaks, Programs.Languages.Names(l)));
        return needs;
    }

    /// <summary>"3 people, families with children: adult 29 (woman), child 9 (man); no ID".</summary>
    public static string HouseholdLine(int size, HouseholdType type, Matching.HouseholdRequest household)
    {
        var needs = Needs(household);
        var (members, listed) = (Members(household), string.Join(", ", needs));
        return (size == 1, needs.Count > 0) switch
        {
            (true, false) => Say.Format(ConsoleText.Household_Line_One, Household(type), members),
            (false, false) => Say.Format(ConsoleText.Household_Line_Many, size, Household(type), members),
            (true, true) => Say.Format(ConsoleText.Household_Line_One_Needs, Household(type), members, listed),
            (false, true) => Say.Format(ConsoleText.Household_Line_Many_Needs, size, Household(type), members, listed),
        };
    }

    public static string Status(AskStatus status) => status switch
    {
        AskStatus.Open => ConsoleText.Ask_Status_Open,
        AskStatus.Placed => ConsoleText.Ask_Status_Placed,
        AskStatus.Expired => ConsoleText.Ask_Status_Expired,
        _ => Terms.Of(status),
    };

    public static string Line(AskLineStatus status) => status switch
    {
        AskLineStatus.Pending => ConsoleText.Ask_Line_Pending,
        AskLineStatus.Withdrawn => ConsoleText.Ask_Line_Withdrawn,
        AskLineStatus.Expired => ConsoleText.Ask_Line_Expired,
        _ => Terms.Of(status),
    };

    public static string Status(WatchStatus status) => status switch
    {
        WatchStatus.Active => ConsoleText.Watch_Status_Active,
        WatchStatus.Holding => ConsoleText.Watch_Status_Holding,
        WatchStatus.Fulfilled => ConsoleText.Watch_Status_Fulfilled,
        WatchStatus.Declined => ConsoleText.Watch_Status_Declined,
        WatchStatus.Expired => ConsoleText.Watch_Status_Expired,
        _ => Terms.Of(status),
    };

    public static string Mode(WatchMode mode) => mode == WatchMode.Hold ? ConsoleText.Watch_Mode_Hold : ConsoleText.Watch_Mode_Notify;

    /// <summary>One step of a watch's trail, in words.</summary>
    public static string Trail(WatchEvent e) => e.Event switch
    {
        "created" => ConsoleText.Trail_Created,
        "held" => Say.Format(ConsoleText.Trail_Held, e.ProgramName ?? ConsoleText.Trail_AProgram),
        "notified" => Say.Format(ConsoleText.Trail_Notified, e.ProgramName ?? ConsoleText.Trail_AProgram),
        "resumed" => Say.Format(ConsoleText.Trail_Resumed, e.ProgramName ?? ConsoleText.Trail_TheProgram),
        "fulfilled" => ConsoleText.Trail_Fulfilled,
        "declined" => ConsoleText.Trail_Declined,
        "expired" => ConsoleText.Trail_Expired,
        "cancelled" => ConsoleText.Trail_Cancelled,
        var other => other.Replace('_', ' ') + ".",
    };

    /// <summary>
    /// A search's main reason for leaving programs out, from the code the reports keep ("full"):
    /// the rule's own sentence, as a case manager reads it under a search.
    /// </summary>
    public static string ExclusionReason(string code) =>
        HousingJson.TryParse<Matching.ExclusionReason>(code, out var reason)
            ? Matching.ExclusionReasons.Sentence(reason)
            : ConsoleText.Exclusion_NoProgram;

    /// <summary>A decline's coded reason, from the code the reports keep ("no_capacity"): "no room".</summary>
    public static string DeclineReason(string code) =>
        HousingJson.TryParse<Referrals.DeclineReason>(code, out var reason) ? Terms.Of(reason) : ConsoleText.Decline_NoReason;
}

using System.Globalization;
using Housing.Api.Asks;
using Housing.Api.Availability;
using Housing.Api.Http;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Housing.Api.Watches;

namespace Housing.Api.Web;

/// <summary>How the console words codes and times for people; pure, so tests can read it.</summary>
public static class Display
{
    /// <summary>The code as words: adults_with_children becomes "adults with children".</summary>
    public static string Words<T>(T value) where T : struct, Enum => HousingJson.Text(value).Replace('_', ' ');

    /// <summary>A program's kind as people call it: "Emergency shelter".</summary>
    public static string Kind(ProgramKind kind) => kind switch
    {
        ProgramKind.Emergency => "Emergency shelter",
        ProgramKind.Transitional => "Transitional housing",
        _ => "Rapid re-housing",
    };

    public static string Household(HouseholdType type) => type switch
    {
        HouseholdType.AdultsOnly => "adults without children",
        HouseholdType.AdultsWithChildren => "families with children",
        _ => "unaccompanied children",
    };

    /// <summary>"beds" or, for one, "bed".</summary>
    public static string Count(int count, string measure) => count == 1 ? measure.TrimEnd('s') : measure;

    public static string Age(long? seconds)
    {
        if (seconds is not { } s) return "never posted";
        if (s < 90) return "just now";
        if (s < 90 * 60) return $"{s / 60} min ago";
        if (s < 48 * 3600) return $"{s / 3600} h ago";
        return $"{s / 86400} days ago";
    }

    public static string Age(DateTimeOffset? at, DateTimeOffset now) => Age(FreshnessGrade.AgeSeconds(at, now));

    public static string Freshness(Freshness freshness) => freshness switch
    {
        Availability.Freshness.Fresh => "fresh",
        Availability.Freshness.Aging => "aging: worth a call",
        Availability.Freshness.Stale => "stale: call to confirm",
        _ => "never posted",
    };

    public static string Status(ReferralStatus status) => status switch
    {
        ReferralStatus.Pending => "pending: waiting for the shelter",
        ReferralStatus.NoShow => "no show",
        _ => Words(status),
    };

    /// <summary>What one referral holds, for the hold-limit refusal: "2 beds at Safe Haven, waiting for the shelter's answer until 22:30 (Los Angeles)".</summary>
    public static string Held(int beds, string? program, ReferralStatus status, string? until) => (beds == 1, status, until) switch
    {
        (true, ReferralStatus.Pending, { } u) => $"1 bed at {program}, waiting for the shelter's answer until {u}.",
        (false, ReferralStatus.Pending, { } u) => $"{beds} beds at {program}, waiting for the shelter's answer until {u}.",
        (true, ReferralStatus.Pending, null) => $"1 bed at {program}, waiting for the shelter's answer.",
        (false, ReferralStatus.Pending, null) => $"{beds} beds at {program}, waiting for the shelter's answer.",
        (true, _, _) => $"1 bed at {program}, accepted: waiting for the household to arrive.",
        (false, _, _) => $"{beds} beds at {program}, accepted: waiting for the household to arrive.",
    };

    /// <summary>A phone number as a tel: link: "+1 (213) 555-0100" calls +12135550100.</summary>
    public static string Tel(string phone) =>
        "tel:" + (phone.TrimStart().StartsWith('+') ? "+" : "") + new string(phone.Where(char.IsAsciiDigit).ToArray());

    public static string Score(double score) => score.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>"Adult 29 (woman), child 9 (man)": ages and genders only, as the household was given.</summary>
    public static string Members(Matching.HouseholdRequest household) =>
        string.Join(", ", (household.Members ?? []).Select(m =>
            $"{(m.Role is { } r ? Words(r) : "person")} {m.Age}{(m.Genders is { Count: > 0 } g ? " (" + string.Join(", ", g.Select(Words)) + ")" : "")}"));

    /// <summary>What the household needs beyond beds, as a referral carries it: "pregnant", "no ID", "speaks es".</summary>
    public static IReadOnlyList<string> Needs(Matching.HouseholdRequest h)
    {
        var needs = new List<string>();
        foreach (var need in Matching.HouseholdNeeds.All)
        {
            if (need.Listed is { } listed && need.Asked(h)) needs.Add(listed);
        }
        if (h.Trafficking is { } t && t != Matching.TraffickingExperience.None) needs.Add(Words(t) + " trafficking");
        if (h.Languages is { Count: > 0 } l) needs.Add("speaks " + Programs.Languages.Names(l));
        return needs;
    }

    /// <summary>"3 people, families with children: adult 29 (woman), child 9 (man); no ID".</summary>
    public static string HouseholdLine(int size, HouseholdType type, Matching.HouseholdRequest household)
    {
        var needs = Needs(household);
        return $"{size} {(size == 1 ? "person" : "people")}, {Household(type)}: {Members(household)}{(needs.Count > 0 ? "; " + string.Join(", ", needs) : "")}";
    }

    public static string Status(AskStatus status) => status switch
    {
        AskStatus.Open => "open: waiting for answers",
        AskStatus.Placed => "placed: a program said yes",
        AskStatus.Expired => "ended: no program said yes in time",
        _ => Words(status),
    };

    public static string Line(AskLineStatus status) => status switch
    {
        AskLineStatus.Pending => "waiting for an answer",
        AskLineStatus.Withdrawn => "withdrawn",
        AskLineStatus.Expired => "no answer in time",
        _ => Words(status),
    };

    public static string Status(WatchStatus status) => status switch
    {
        WatchStatus.Active => "active: watching for a bed",
        WatchStatus.Holding => "holding: a bed is held while the shelter decides",
        WatchStatus.Fulfilled => "fulfilled: the shelter accepted",
        WatchStatus.Declined => "ended: the shelter declined the bed it held",
        WatchStatus.Expired => "ended: its time ran out",
        _ => Words(status),
    };

    public static string Mode(WatchMode mode) => mode == WatchMode.Hold
        ? "hold the first fitting bed that opens"
        : "tell me when a fitting bed opens (hold nothing)";

    /// <summary>One step of a watch's trail, in words.</summary>
    public static string Trail(WatchEvent e) => e.Event switch
    {
        "created" => "Started watching.",
        "held" => $"A bed opened at {e.ProgramName ?? "a program"}: a referral holds it while the shelter decides.",
        "notified" => $"A fitting bed opened at {e.ProgramName ?? "a program"}: your agency was told.",
        "resumed" => $"{e.ProgramName ?? "The program"} did not take the household: watching again, leaving it out.",
        "fulfilled" => "The shelter accepted: the household has its place.",
        "declined" => "The shelter declined the bed it held; the watch ended.",
        "expired" => "The watch ended: its time ran out, or the held bed's time did.",
        "cancelled" => "Cancelled: its safety constraints were destroyed.",
        var other => other.Replace('_', ' ') + ".",
    };

    /// <summary>
    /// A search's main reason for leaving programs out, from the code the reports keep ("full"):
    /// the rule's own sentence, as a case manager reads it under a search.
    /// </summary>
    public static string ExclusionReason(string code) =>
        HousingJson.TryParse<Matching.ExclusionReason>(code, out var reason)
            ? Matching.ExclusionReasons.Sentence(reason)
            : "There was no program to consider.";

    /// <summary>A decline's coded reason, from the code the reports keep ("no_capacity"): "no capacity".</summary>
    public static string DeclineReason(string code) =>
        HousingJson.TryParse<Referrals.DeclineReason>(code, out var reason) ? Words(reason) : "no reason given";
}

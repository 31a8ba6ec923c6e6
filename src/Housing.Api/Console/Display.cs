using System.Globalization;
using Housing.Api.Availability;
using Housing.Api.Errors;
using Housing.Api.Programs;
using Housing.Api.Referrals;

namespace Housing.Api.Console;

/// <summary>How the console words codes and times for people; pure, so tests can read it.</summary>
public static class Display
{
    /// <summary>The code as words: adults_with_children becomes "adults with children".</summary>
    public static string Words<T>(T value) where T : struct, Enum => HousingJson.Text(value).Replace('_', ' ');

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

    public static string Score(double score) => score.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>"Adult 29 (woman), child 9 (man)": ages and genders only, as the household was given.</summary>
    public static string Members(Matching.HouseholdRequest household) =>
        string.Join(", ", (household.Members ?? []).Select(m =>
            $"{(m.Role is { } r ? Words(r) : "person")} {m.Age}{(m.Genders is { Count: > 0 } g ? " (" + string.Join(", ", g.Select(Words)) + ")" : "")}"));
}

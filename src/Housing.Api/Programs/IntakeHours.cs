using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Housing.Api.Errors;
using Housing.Api.Http;

namespace Housing.Api.Programs;

/// <summary>A day of the week, Monday first, as intake hours name it.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<Weekday>))]
public enum Weekday { Mon, Tue, Wed, Thu, Fri, Sat, Sun }

/// <summary>
/// A weekly window in which the program admits new arrivals, in its own local time
/// (<c>timeZone</c>): on each of <c>days</c>, from <c>opens</c> to <c>closes</c>. A window that
/// closes earlier than it opens runs across midnight into the next day (fri 20:00 to 02:00 admits
/// on saturday at 01:00); one that closes when it opens lasts 24 hours.
/// </summary>
/// <param name="Days">The days the window opens on.</param>
/// <param name="Opens">Local time intake opens, 24-hour "HH:mm".</param>
/// <param name="Closes">Local time intake closes, 24-hour "HH:mm"; earlier than opens: the next day.</param>
public sealed record IntakeWindow(
    [property: Required, MinLength(1), MaxLength(7), UniqueItems] IReadOnlyList<Weekday>? Days = null,
    [property: Required, RegularExpression(EligibilityRules.Curfew, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Program_Curfew))] string? Opens = null,
    [property: Required, RegularExpression(EligibilityRules.Curfew, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Program_Curfew))] string? Closes = null)
{
    public const int MaxWindows = 14;

    /// <summary>Equal by content, so that an unchanged update stays unchanged.</summary>
    public bool Equals(IntakeWindow? other) =>
        other is not null && Opens == other.Opens && Closes == other.Closes && (Days ?? []).SequenceEqual(other.Days ?? []);

    public override int GetHashCode() => HashCode.Combine(Opens, Closes, Days?.Count);
}

/// <summary>The rules on a program's intake hours and time zone beyond their shape.</summary>
public static class IntakeHoursRules
{
    /// <summary>An IANA time zone this machine knows (America/Los_Angeles), or null.</summary>
    public static TimeZoneInfo? Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone : null;

    public static void ValidateZone(Validation v, string? timeZone)
    {
        if (timeZone is not null && !v.Has("timeZone") && Zone(timeZone) is null) v.Add("timeZone", ProblemText.Problem_Program_TimeZone);
    }

    /// <summary>Windows as stored: none is null (so a program without hours is written as it was before they existed), days in week order.</summary>
    public static IReadOnlyList<IntakeWindow>? Normalise(IReadOnlyList<IntakeWindow>? windows) =>
        windows is { Count: > 0 } ? [.. windows.Select(w => w with { Days = [.. (w.Days ?? []).Order()] })] : null;

    /// <summary>Minutes after midnight of a valid "HH:mm".</summary>
    public static int Minutes(string hhmm) => int.Parse(hhmm.AsSpan(0, 2), provider: System.Globalization.CultureInfo.InvariantCulture) * 60
        + int.Parse(hhmm.AsSpan(3, 2), provider: System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Minutes after midnight as "HH:mm".</summary>
    public static string Clock(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";
}

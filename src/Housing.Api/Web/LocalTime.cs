using System.Globalization;
using Housing.Api.Reports;
using Microsoft.Extensions.Options;

namespace Housing.Api.Web;

/// <summary>
/// Times on the console's pages, in the service's own time zone (Reports:TimeZone, the one its
/// days and reports use), named by its city: a case manager reads "18:21 (Los Angeles)", not UTC.
/// </summary>
public sealed class LocalTime(IOptions<ReportOptions> options)
{
    private readonly TimeZoneInfo _zone = options.Value.Zone();

    /// <summary>The zone's city, as the pages name it: "Los Angeles".</summary>
    public string Place { get; } = PlaceOf(options.Value.TimeZone);

    public string Time(DateTimeOffset? at) => at is { } t ? Format(t, _zone, Place) : "";

    /// <summary>
    /// A time in a zone given by its IANA id, written as <see cref="Time"/> writes it: for a
    /// report, which keeps the zone its day was counted in.
    /// </summary>
    public static string TimeIn(DateTimeOffset at, string timeZone) =>
        Format(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone), PlaceOf(timeZone));

    /// <summary>"America/Los_Angeles" is named "Los Angeles".</summary>
    public static string PlaceOf(string timeZone) => timeZone.Split('/')[^1].Replace('_', ' ');

    private static string Format(DateTimeOffset at, TimeZoneInfo zone, string place) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" ({place})";

    /// <summary>
    /// What a person typed in a date-and-time field ("2026-11-25T21:30", as browsers send it, or
    /// with a space), read as the service's local time; null when it is not a time that exists
    /// there (malformed, or skipped when the clocks went forward).
    /// </summary>
    public DateTimeOffset? Parse(string? text)
    {
        if (!DateTime.TryParseExact(text?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local) || _zone.IsInvalidTime(local))
            return null;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, _zone.GetUtcOffset(unspecified));
    }
}

using System.Globalization;
using Housing.Api.Reports;
using Microsoft.Extensions.Options;

namespace Housing.Api.Console;

/// <summary>
/// Times on the console's pages, in the service's own time zone (Reports:TimeZone, the one its
/// days and reports use), named by its city: a case manager reads "18:21 (Los Angeles)", not UTC.
/// </summary>
public sealed class LocalTime(IOptions<ReportOptions> options)
{
    private readonly TimeZoneInfo _zone = options.Value.Zone();
    private readonly string _place = options.Value.TimeZone.Split('/')[^1].Replace('_', ' ');

    public string Time(DateTimeOffset? at) =>
        at is { } t
            ? TimeZoneInfo.ConvertTime(t, _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" ({_place})"
            : "";
}

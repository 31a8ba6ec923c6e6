using Housing.Api.Console;
using Housing.Api.Reports;
using Microsoft.Extensions.Options;

namespace Housing.Api.Tests.Console;

public class LocalTimeTests
{
    [TestCase("America/Los_Angeles", "2026-11-26T02:21:00Z", "2026-11-25 18:21 (Los Angeles)")]
    [TestCase("America/Los_Angeles", "2026-07-01T19:05:00Z", "2026-07-01 12:05 (Los Angeles)")]
    [TestCase("America/New_York", "2026-11-26T02:21:00Z", "2026-11-25 21:21 (New York)")]
    public void PagesShowTimesInTheServicesZoneNamedByItsCity(string zone, string utc, string shown)
    {
        var local = new LocalTime(Options.Create(new ReportOptions { TimeZone = zone }));

        Assert.That(local.Time(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(shown));
        Assert.That(local.Time(null), Is.Empty);
    }
}

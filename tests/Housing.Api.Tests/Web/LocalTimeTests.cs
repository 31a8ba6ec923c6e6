using Housing.Api.Reports;
using Housing.Api.Web;
using Microsoft.Extensions.Options;

namespace Housing.Api.Tests.Web;

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
        Assert.That(LocalTime.TimeIn(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), zone), Is.EqualTo(shown),
            "a report keeps the zone its day was counted in, and shows its times there the same way");
    }

    [TestCase("2026-03-02T17:00", "2026-03-03T01:00:00Z")]
    [TestCase("2026-07-01 12:05", "2026-07-01T19:05:00Z")]
    [TestCase("2026-03-08T02:30", null)]
    [TestCase("tonight", null)]
    [TestCase("", null)]
    public void ATimeTypedInAFormIsReadInTheServicesZone(string typed, string? utc)
    {
        var local = new LocalTime(Options.Create(new ReportOptions { TimeZone = "America/Los_Angeles" }));

        var parsed = local.Parse(typed);

        Assert.That(parsed?.UtcDateTime, Is.EqualTo(utc is null ? null : DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime),
            "02:30 on 8 March 2026 does not exist in Los Angeles: the clocks go from 02:00 to 03:00");
    }
}

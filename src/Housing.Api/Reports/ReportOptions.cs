using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Reports;

public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Local time of day ("HH:mm") at which the previous day's report is built.</summary>
    [Required, RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$")] public string RunAt { get; set; } = "02:00";
    /// <summary>IANA time zone whose days the reports cover.</summary>
    [Required] public string TimeZone { get; set; } = "America/Los_Angeles";
    /// <summary>When set, each finished report's CSV and HTML are written here too.</summary>
    public string? OutputFolder { get; set; }
    /// <summary>A program whose last post is older than this at the end of the day is flagged stale.</summary>
    [Range(1, 24 * 30)] public int StaleHours { get; set; } = 24;
    /// <summary>The confidential programs' aggregate (and the totals) is suppressed when it holds at least one and fewer than this many.</summary>
    [Range(2, 100)] public int SuppressBelow { get; set; } = 3;
    /// <summary>How often the scheduler looks again while a due date is failing or being built elsewhere.</summary>
    [Range(1, 24 * 60)] public int PollMinutes { get; set; } = 5;
    /// <summary>Missed days the scheduler catches up at most (older ones can be built by POST .../runs).</summary>
    [Range(1, 366)] public int MaxCatchUpDays { get; set; } = 31;
    /// <summary>How far back POST .../runs may build a date: about two years, a transitional stay.</summary>
    [Range(1, 3660)] public int MaxRunAgeDays { get; set; } = 731;
    /// <summary>How long a claim on a date lasts; a runner that dies mid-run loses it after this.</summary>
    [Range(1, 24 * 60)] public int LeaseMinutes { get; set; } = 15;
    /// <summary>Retries of a failed run before it is recorded as failed (and retried at the next poll).</summary>
    [Range(0, 10)] public int RetryAttempts { get; set; } = 3;
    [Range(0, 3600)] public double RetryDelaySeconds { get; set; } = 10;
    /// <summary>The HUD Continuum of Care code written into Inventory.csv (CA-600: Los Angeles City and County).</summary>
    [Required, RegularExpression(@"^[A-Z]{2}-\d{3}$")] public string CocCode { get; set; } = "CA-600";
    /// <summary>Whether the scheduler runs in this instance (a POST .../runs works either way).</summary>
    public bool Schedule { get; set; } = true;
    /// <summary>
    /// How long after start the scheduler first looks for due reports: catching up a missed night
    /// takes seconds of CPU, and a service just restarted under load serves its requests first
    /// (0: at once).
    /// </summary>
    [Range(0, 24 * 60)] public int CatchUpDelayMinutes { get; set; } = 5;

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public TimeOnly RunAtTime() => TimeOnly.ParseExact(RunAt, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

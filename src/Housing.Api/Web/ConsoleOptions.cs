using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Web;

public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>A session unused this long ends; each request within it extends it.</summary>
    [Range(1, 1440)] public int SessionIdleMinutes { get; set; } = 60;

    /// <summary>A session ends this long after sign-in, however busy: a shared computer is not signed in forever.</summary>
    [Range(1, 72)] public int SessionMaxHours { get; set; } = 12;

    /// <summary>How often an open referral page asks for the referral's status (0: never; the page has a refresh link).</summary>
    [Range(0, 3600)] public int StatusPollSeconds { get; set; } = 15;
}

using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Availability;

public sealed class AvailabilityOptions
{
    public const string Section = "Availability";

    /// <summary>
    /// Changes of a program's counts in any hour beyond which a post is still saved but flagged:
    /// its answer carries the <c>flapping</c> warning and the consistency check lists the program.
    /// A count that flips every few minutes is more likely a sync gone wrong than beds filling.
    /// </summary>
    [Range(1, 1000)] public int MaxChangesPerHour { get; set; } = 12;
}

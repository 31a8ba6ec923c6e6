using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Consistency;

public sealed class ConsistencyOptions
{
    public const string Section = "Consistency";

    /// <summary>How often the check runs (it also runs once, <see cref="FirstRunMinutes"/> after the service has started).</summary>
    [Range(1, 24 * 60)] public int IntervalMinutes { get; set; } = 15;

    /// <summary>
    /// How long after start the first check waits: it reads every program, and a service just
    /// restarted under load serves its requests first (0: as soon as it has started).
    /// </summary>
    [Range(0, 24 * 60)] public int FirstRunMinutes { get; set; } = 5;

    /// <summary>Whether this instance runs the check on its own (POST /v1/admin/consistency/run works either way).</summary>
    public bool Schedule { get; set; } = true;

    /// <summary>How many runs are kept, the newest; older ones are deleted with their findings.</summary>
    [Range(1, 10_000)] public int KeepRuns { get; set; } = 100;

    /// <summary>How long a claim to run lasts: an instance that dies mid-run leaves it to the others after this.</summary>
    [Range(1, 24 * 60)] public int LeaseMinutes { get; set; } = 10;
}

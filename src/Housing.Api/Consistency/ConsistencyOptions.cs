using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Consistency;

public sealed class ConsistencyOptions
{
    public const string Section = "Consistency";

    /// <summary>How often the check runs (it also runs once when the service has started).</summary>
    [Range(1, 24 * 60)] public int IntervalMinutes { get; set; } = 15;

    /// <summary>Whether this instance runs the check on its own (POST /v1/admin/consistency/run works either way).</summary>
    public bool Schedule { get; set; } = true;

    /// <summary>How many runs are kept, the newest; older ones are deleted with their findings.</summary>
    [Range(1, 10_000)] public int KeepRuns { get; set; } = 100;

    /// <summary>How long a claim to run lasts: an instance that dies mid-run leaves it to the others after this.</summary>
    [Range(1, 24 * 60)] public int LeaseMinutes { get; set; } = 10;
}

using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Telemetry;

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// On: the service's meters and the framework's are collected and served at <c>/metrics</c>,
    /// and exported by OTLP (with traces) when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Off:
    /// nothing listens, so a measurement costs a check, and <c>/metrics</c> is not mapped.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A key that may read <c>/metrics</c> and nothing else, for a scraper that should hold no
    /// API key; an admin key reads it too. Only its hash is kept in memory.
    /// </summary>
    [MinLength(16)] public string? MetricsKey { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Http;

public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body accepted; larger bodies get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest upload of an HMIS export (<c>/v1/imports</c> and the console's import page); a large CoC's zip is a few megabytes.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxImportBytes { get; set; } = 256 * 1024 * 1024;
}

using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Matching;

public sealed class MatchingOptions
{
    public const string Section = "Matching";

    [Required] public ScoringWeights Weights { get; set; } = new();

    /// <summary>How many matches a search returns unless it asks for another number.</summary>
    [Range(1, 200)] public int DefaultLimit { get; set; } = 20;

    /// <summary>
    /// An unsafe place whose circle lies farther than this from every program is refused: it
    /// would protect nothing, and is most likely a coordinate typed without its minus sign.
    /// </summary>
    [Range(1, 20_000)] public double UnsafePlaceMarginKm { get; set; } = 100;

    /// <summary>A match whose intake closes within this many minutes of the household's arrival carries "call first: intake closes at 21:00"; 0 for never.</summary>
    [Range(0, 24 * 60)] public int CallFirstMinutes { get; set; } = 60;

    /// <summary>Build the index and run one search as the service starts (<see cref="SearchWarmUp"/>), so the first real search is as fast as the next.</summary>
    public bool WarmUp { get; set; } = true;
}

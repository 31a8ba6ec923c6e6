using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Matching;

/// <summary>How much each score component counts (Matching:Weights:*); 0 turns one off.</summary>
public sealed class ScoringWeights
{
    /// <summary>Distance beyond the nearest unsafe place: farther is safer.</summary>
    [Range(0, 100)] public double SafetyMargin { get; set; } = 3;
    /// <summary>A confidential location is safer for someone hiding from a trafficker.</summary>
    [Range(0, 100)] public double Confidentiality { get; set; } = 1;
    /// <summary>Fresh counts first: stale ones make people phone again.</summary>
    [Range(0, 100)] public double Freshness { get; set; } = 2;
    /// <summary>Fewer rules to live by (sobriety, curfew, referral only, record reviewed case by case).</summary>
    [Range(0, 100)] public double FewerBarriers { get; set; } = 1;
    /// <summary>The program allows the stay the household expects.</summary>
    [Range(0, 100)] public double StayFit { get; set; } = 1;
    /// <summary>Staff speak one of the household's languages.</summary>
    [Range(0, 100)] public double Language { get; set; } = 1.5;
    /// <summary>Share of the wanted services the program offers.</summary>
    [Range(0, 100)] public double Services { get; set; } = 1;
    /// <summary>The kind the case manager listed first.</summary>
    [Range(0, 100)] public double PreferredKind { get; set; } = 1;
}

using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Matching;

/// <summary>
/// The fallback resources a deployment lists, in the order shown. Each needs a name, its hours
/// and a phone number or a web address. A motel-voucher program belongs in the registry as a
/// program (emergency, voucher beds), not here: a motel must pass the same safety rules as a shelter.
/// </summary>
public sealed class FallbackOptions
{
    public const string Section = "Fallbacks";

    public List<FallbackResourceOptions> Resources { get; set; } = [];

    public IReadOnlyList<FallbackResource> ToResources() => Resources
        .Select(r => new FallbackResource(r.Name!, r.Phone, r.Text, r.Url, r.Hours!, r.Languages, r.Note))
        .ToList();

    public bool IsValid() => Resources.All(r =>
        !string.IsNullOrWhiteSpace(r.Name) && !string.IsNullOrWhiteSpace(r.Hours)
        && (!string.IsNullOrWhiteSpace(r.Phone) || !string.IsNullOrWhiteSpace(r.Url)));
}

public sealed class FallbackResourceOptions
{
    [Required] public string? Name { get; set; }
    public string? Phone { get; set; }
    /// <summary>A number or short code to text, if the resource takes texts.</summary>
    public string? Text { get; set; }
    public string? Url { get; set; }
    /// <summary>When it answers, in words: "24/7", "Mon–Fri 8:00–17:00".</summary>
    [Required] public string? Hours { get; set; }
    /// <summary>Languages it answers in, as ISO 639 codes.</summary>
    public List<string> Languages { get; set; } = [];
    public string? Note { get; set; }
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Housing.Api.Http;

namespace Housing.Api.Overflow;

/// <summary>Why overflow beds open: the weather or the air that makes a night outside dangerous.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<OverflowReason>))]
public enum OverflowReason { Cold, Rain, Heat, Smoke, Other }

/// <summary>Days an activation is in force (first and last, inclusive), for one program's region.</summary>
public readonly record struct OverflowWindow(DateOnly StartsOn, DateOnly EndsOn)
{
    public bool Covers(DateOnly day) => StartsOn <= day && day <= EndsOn;

    public static bool InForce(IReadOnlyList<OverflowWindow> windows, DateOnly day)
    {
        foreach (var w in windows) if (w.Covers(day)) return true;
        return false;
    }
}

public sealed record OverflowActivation(
    Guid Id, IReadOnlyList<string> Regions, DateOnly StartsOn, DateOnly EndsOn, OverflowReason Reason, string? Note,
    DateTimeOffset CreatedAt, DateTimeOffset? EndedAt)
{
    /// <summary>In force on <paramref name="day"/> as the catalog sees it now: an activation ended early is in force no more.</summary>
    public bool InForce(DateOnly day) => EndedAt is null && StartsOn <= day && day <= EndsOn;
}

/// <summary>An activation as callers see it, with the programs whose overflow beds it opens.</summary>
public sealed record OverflowActivationView(
    Guid Id, IReadOnlyList<string> Regions, DateOnly StartsOn, DateOnly EndsOn, OverflowReason Reason, string? Note,
    DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, bool InForce, int Programs, int OverflowBeds);

public sealed record ActivateOverflowRequest(
    [property: Required] IReadOnlyList<string>? Regions = null,
    [property: Required] DateOnly? StartsOn = null,
    [property: Required] DateOnly? EndsOn = null,
    [property: Required] OverflowReason? Reason = null,
    [property: StringLength(200)] string? Note = null);

/// <summary>What the organisations concerned hear by webhook: the activation and their programs it opens overflow beds at.</summary>
public sealed record OverflowEventData(Guid ActivationId, IReadOnlyList<string> Regions, DateOnly StartsOn, DateOnly EndsOn, OverflowReason Reason,
    IReadOnlyList<Guid> ProgramIds);

public sealed class OverflowOptions
{
    public const string Section = "Overflow";

    /// <summary>The longest one activation may run; a longer need is a new activation, decided again.</summary>
    [Range(1, 90)] public int MaxDays { get; set; } = 14;
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Offline;

/// <summary>Why beds are out of service.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<OfflineReason>))]
public enum OfflineReason { Renovation, Pests, Staffing, Quarantine, Other }

/// <summary>
/// Beds of one household type out of service at a program until the shelter returns them
/// (<see cref="ReturnedAt"/>): neither open nor occupied, never offered or held. Past
/// <see cref="ReturnsOn"/> they stay out (a bed that may not be there is never offered) and are overdue.
/// </summary>
public sealed record OfflineBeds(
    Guid Id, Guid ProgramId, HouseholdType HouseholdType, int Beds, OfflineReason Reason, string? Note, DateOnly ReturnsOn,
    DateTimeOffset CreatedAt, DateTimeOffset? ReturnedAt)
{
    /// <summary>Still out of service, and past the day they were expected back.</summary>
    public bool OverdueOn(DateOnly today) => ReturnedAt is null && ReturnsOn < today;

    /// <summary>The beds of <paramref name="type"/> out of service among <paramref name="offline"/> (those not returned).</summary>
    public static int Count(IReadOnlyList<OfflineBeds> offline, HouseholdType type)
    {
        var beds = 0;
        foreach (var o in offline) if (o.HouseholdType == type && o.ReturnedAt is null) beds += o.Beds;
        return beds;
    }
}

/// <summary>Offline beds as callers see them; <c>overdue</c>: not returned, and their expected day has passed.</summary>
public sealed record OfflineBedsView(
    Guid Id, Guid ProgramId, HouseholdType HouseholdType, int Beds, OfflineReason Reason, string? Note, DateOnly ReturnsOn,
    DateTimeOffset CreatedAt, DateTimeOffset? ReturnedAt, bool Overdue)
{
    public static OfflineBedsView Of(OfflineBeds o, DateOnly today) =>
        new(o.Id, o.ProgramId, o.HouseholdType, o.Beds, o.Reason, o.Note, o.ReturnsOn, o.CreatedAt, o.ReturnedAt, o.OverdueOn(today));
}

public sealed record OfflineBedsList(IReadOnlyList<OfflineBedsView> Items);

/// <summary>The note says what is wrong with the beds (“mould in room 4”), never who is or was in them.</summary>
public sealed record TakeBedsOfflineRequest(
    [property: Required] HouseholdType? HouseholdType = null,
    [property: Required, Range(1, ProgramRules.MaxCount)] int? Beds = null,
    [property: Required] OfflineReason? Reason = null,
    [property: Required] DateOnly? ReturnsOn = null,
    [property: StringLength(OfflineOptions.MaxNote)] string? Note = null);

public sealed class OfflineOptions
{
    public const string Section = "Offline";
    public const int MaxNote = 200;

    /// <summary>The furthest ahead a return may be expected; longer work is a change of inventory.</summary>
    [Range(1, 730)] public int MaxDays { get; set; } = 365;
}

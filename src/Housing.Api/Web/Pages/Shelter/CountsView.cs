using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Programs;
using Housing.Api.Referrals;

namespace Housing.Api.Web.Pages.Shelter;

/// <summary>
/// One program's open counts with their age, what its held beds wait for, and the forms that
/// change them (+/−, or a number typed); with what the last change on this card came to.
/// </summary>
public sealed record CountsView(
    Guid ProgramId, string ProgramName, ProgramKind Kind, string? BasedOn, DateTimeOffset? PostedAt, long? AgeSeconds, Freshness Freshness,
    IReadOnlyList<OpenCountView> Counts, IReadOnlyDictionary<HouseholdType, int> UnitCapacity, string ReturnUrl,
    IReadOnlyDictionary<HouseholdType, HeldSplit> Held)
{
    /// <summary>The program's unit sizes for a household type housed by unit (empty by bed).</summary>
    public IReadOnlyList<UnitCount> Rooms(HouseholdType type) => UnitSizes.Where(u => u.HouseholdType == type).Select(u => u.Size).ToList();

    /// <summary>The open rooms by size as last posted, before holds.</summary>
    public IReadOnlyList<UnitCount> Posted(HouseholdType type) => PostedUnits.GetValueOrDefault(type) ?? [];

    public IReadOnlyList<UnitSize> UnitSizes { get; init; } = [];

    public IReadOnlyDictionary<HouseholdType, IReadOnlyList<UnitCount>?> PostedUnits { get; init; } = new Dictionary<HouseholdType, IReadOnlyList<UnitCount>?>();

    /// <summary>What the last change on this card came to ("Saved", or why not), shown on the card so it is in view.</summary>
    public CardMessage? Message { get; init; }

    /// <summary>A typed count that was refused, kept in its field with the reason beside it.</summary>
    public TypedCount? Typed { get; init; }

    public static CountsView Of(CatalogEntry entry, DateTimeOffset now, string returnUrl, IEnumerable<HeldFor> held)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var program = entry.Program;
        var latest = entry.Latest;
        var split = held.Where(h => h.ProgramId == program.Id).GroupBy(h => h.HouseholdType).ToDictionary(g => g.Key, g => new HeldSplit(
            g.Where(h => h.Step == StepStatus.Pending).Sum(h => h.Count),
            g.Where(h => h.Step == StepStatus.Accepted && h.PlacedAt is null).Sum(h => h.Count),
            // Like the catalog: a placed household counts until the shelter's next post.
            g.Where(h => h.PlacedAt is { } placed && (latest is null || placed > latest.PostedAt)).Sum(h => h.Count)));
        return new CountsView(program.Id, program.Definition.Name, program.Definition.Kind, latest?.ETag, latest?.PostedAt,
            FreshnessGrade.AgeSeconds(latest?.PostedAt, now), FreshnessGrade.Of(latest?.PostedAt, now),
            AvailabilityRules.View(program, latest, today, entry.OverflowOn(today), entry.Offline, entry.Holds),
            AvailabilityRules.Capacity(program, today, entry.OverflowOn(today), entry.Offline).ToDictionary(c => c.Key, c => c.Value.Units), returnUrl, split)
        {
            UnitSizes = program.Definition.UnitSizes ?? [],
            PostedUnits = latest?.Counts.ToDictionary(c => c.HouseholdType, c => c.OpenUnits) ?? [],
        };
    }

    /// <summary>Where a typed count is posted: the page the card is on, so a refusal is shown there, on the card.</summary>
    public string SetAction => $"{ReturnUrl}?handler=Set#program-{ProgramId}";
}

/// <summary>Held beds (slots) of one household type by what they wait for: the shelter's answer, the household's arrival, or the shelter's next count.</summary>
public sealed record HeldSplit(int AwaitingAnswer, int AwaitingArrival, int ArrivedSinceCount);

public sealed record CardMessage(string Text, bool IsProblem);

public sealed record TypedCount(HouseholdType HouseholdType, string Field, string? Value, string Error);

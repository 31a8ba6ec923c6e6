using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Matching;
using Housing.Api.Programs;
using Housing.Api.Referrals;

namespace Housing.Api.Consistency;

/// <summary>
/// The checks themselves, pure: facts in, findings out. A hold is kept for a step while the step
/// is pending or accepted, and after placement until the shelter's next post (which then counts
/// the household in, so such a hold no longer counts and is left alone: that is the model, not a
/// leak). Anything else is a phantom and is released; a placed step's hold not marked placed is
/// marked. The counts are then checked as if those repairs were made.
/// </summary>
public static class ConsistencyRules
{
    private static readonly HashSet<string> Holding = [Text(StepStatus.Pending), Text(StepStatus.Accepted), Text(StepStatus.Placed)];

    public static IReadOnlyList<Planned> Find(ConsistencyFacts facts, Func<Guid, CatalogEntry?> catalog, DateTimeOffset flappingFrom, int maxChangesPerHour)
    {
        var kinds = facts.Programs.ToDictionary(p => p.Id, p => p.Definition.Kind);
        var planned = new List<Planned>();
        var kept = new List<ActiveHold>();
        foreach (var hold in facts.Holds)
        {
            var measure = Measure(kinds.GetValueOrDefault(hold.ProgramId));
            if (hold.StepStatus is not { } status || hold.StepProgramId != hold.ProgramId || !Holding.Contains(status))
            {
                planned.Add(new(new Finding(hold.ProgramId, FindingKind.PhantomHold, FindingAction.Released, hold.HouseholdType, measure, hold.Count), hold));
                continue;
            }
            if (status == Text(StepStatus.Placed) && hold.PlacedAt is null)
            {
                planned.Add(new(new Finding(hold.ProgramId, FindingKind.UnmarkedPlacement, FindingAction.MarkedPlaced, hold.HouseholdType, measure,
                    hold.Count), hold));
                kept.Add(hold.AsActive() with { PlacedAt = hold.StepDecidedAt ?? hold.CreatedAt });
                continue;
            }
            // A yes to an ask holds without the open-capacity check: the shelter's yes is newer
            // than its count. Until its next post, such a hold is not held against that count.
            var latest = facts.Latest.GetValueOrDefault(hold.ProgramId);
            if (hold.FromAsk && (latest is null || hold.CreatedAt >= latest.PostedAt)) continue;
            kept.Add(hold.AsActive());
        }

        foreach (var step in facts.StepsWithoutHold)
        {
            var kind = kinds.GetValueOrDefault(step.ProgramId);
            planned.Add(new(new Finding(step.ProgramId, FindingKind.MissingHold, FindingAction.Reported, step.HouseholdType, Measure(kind), 0,
                MatchRules.Needed(kind, step.HouseholdSize))));
        }

        var keptBy = kept.ToLookup(h => h.ProgramId);
        var unreleasedBy = facts.Holds.ToLookup(h => h.ProgramId);
        foreach (var program in facts.Programs)
        {
            var latest = facts.Latest.GetValueOrDefault(program.Id);
            planned.AddRange(Counts(program, latest, keptBy[program.Id].ToList(), OfflineBefore(facts.Offline?[program.Id], latest), facts.Today)
                .Select(f => new Planned(f)));
            if (CachedHoldsDiffer(program, latest, unreleasedBy[program.Id].ToList(), facts.Versions, catalog) is { } differs) planned.Add(new(differs));
            var most = CountChanges.MostInAnHour(facts.Changes[program.Id].ToList(), flappingFrom);
            if (most > maxChangesPerHour)
                planned.Add(new(new Finding(program.Id, FindingKind.Flapping, FindingAction.Reported, null, "changes", most, maxChangesPerHour)));
        }
        return planned;
    }

    /// <summary>
    /// The beds out of service that were already offline when the post was made: beds taken
    /// offline after it are capped like an inventory cut after a post, not a finding.
    /// </summary>
    private static IReadOnlyList<Offline.OfflineBeds> OfflineBefore(IEnumerable<Offline.OfflineBeds>? offline, Snapshot? latest) =>
        latest is null ? [] : [.. (offline ?? []).Where(o => o.CreatedAt <= latest.PostedAt)];

    /// <summary>
    /// Per household type: no post above today's beds in service (inventory less the beds out of
    /// service when it was posted), and no more held than open (the post, capped at those beds,
    /// as a hold reads it), which would make open negative.
    /// </summary>
    private static IEnumerable<Finding> Counts(HousingProgram program, Snapshot? latest, IReadOnlyList<ActiveHold> holds,
        IReadOnlyList<Offline.OfflineBeds> offline, DateOnly today)
    {
        // Overflow beds included: a post made on an overflow night may count them, and once the
        // night is over they are capped like any inventory cut after a post, not a finding.
        var capacity = AvailabilityRules.Capacity(program, today, overflow: true, offline);
        var slots = program.Definition.Kind == ProgramKind.RapidRehousing;
        var measure = Measure(program.Definition.Kind);
        var types = capacity.Keys.Concat(latest?.Counts.Select(c => c.HouseholdType) ?? []).Concat(holds.Select(h => h.HouseholdType)).Distinct().Order();
        foreach (var type in types)
        {
            var inForce = capacity.GetValueOrDefault(type);
            var (beds, units, slotCount) = (inForce.InService, inForce.Units, inForce.Slots);
            var posted = latest?.Counts.FirstOrDefault(c => c.HouseholdType == type) ?? new OpenCount(type, 0, 0, 0);
            var (postedOpen, inventory) = slots ? (posted.Slots, slotCount) : (posted.Beds, beds);
            if (postedOpen > inventory)
                yield return new Finding(program.Id, FindingKind.PostedBeyondInventory, FindingAction.Reported, type, measure, postedOpen, inventory);
            else if (!slots && posted.Units > units)
                yield return new Finding(program.Id, FindingKind.PostedBeyondInventory, FindingAction.Reported, type, "units", posted.Units, units);
            var open = Math.Min(postedOpen, inventory);
            var held = holds.Where(h => h.HouseholdType == type && h.CountsAgainst(latest)).Sum(h => h.Count);
            if (held > open) yield return new Finding(program.Id, FindingKind.HeldBeyondOpen, FindingAction.Reported, type, measure, held, open);
        }
    }

    /// <summary>
    /// This instance's catalog against the database, where both are at the same catalog version:
    /// there they must hold the same holds. At different versions the catalog is only behind (or
    /// ahead of this read), which its refresh mends by itself, so that is no finding.
    /// </summary>
    private static Finding? CachedHoldsDiffer(HousingProgram program, Snapshot? latest, IReadOnlyList<HoldFact> unreleased,
        IReadOnlyDictionary<Guid, long> versions, Func<Guid, CatalogEntry?> catalog)
    {
        if (catalog(program.Id) is not { } entry || !versions.TryGetValue(program.Id, out var version) || entry.HoldsVersion != version) return null;
        var database = unreleased.Select(h => h.AsActive()).ToList();
        if (SameHolds(entry.Holds, database)) return null;
        return new Finding(program.Id, FindingKind.CachedHoldsDiffer, FindingAction.Reloaded, null, Measure(program.Definition.Kind),
            Held(entry.Holds, latest), Held(database, latest));
    }

    public static bool SameHolds(IReadOnlyList<ActiveHold> a, IReadOnlyList<ActiveHold> b) =>
        a.Count == b.Count && a.OrderBy(h => h.Id).SequenceEqual(b.OrderBy(h => h.Id));

    private static int Held(IEnumerable<ActiveHold> holds, Snapshot? latest) => holds.Where(h => h.CountsAgainst(latest)).Sum(h => h.Count);

    private static string Measure(ProgramKind kind) => kind == ProgramKind.RapidRehousing ? "slots" : "beds";

    private static string Text(StepStatus status) => Http.HousingJson.Text(status);
}

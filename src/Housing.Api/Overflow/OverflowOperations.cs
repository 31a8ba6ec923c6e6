using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Programs;
using Microsoft.Extensions.Options;

namespace Housing.Api.Overflow;

/// <summary>
/// Overflow nights: an admin activates overflow inventory for regions and days; it counts in
/// searches, listings, holds and posts only while an activation is in force (the catalog carries
/// each program's windows, see <see cref="CatalogEntry.OverflowOn"/>). The organisations with
/// overflow beds there are told by webhook and on their console, and asked to post.
/// </summary>
public sealed class OverflowOperations(OverflowStore store, ProgramCatalog catalog, CatalogRefresher refresher, TimeProvider clock,
    IOptions<OverflowOptions> options)
{
    public const int MaxRegions = 50;

    public async Task<Outcome<OverflowActivationView>> ActivateAsync(Caller caller, ActivateOverflowRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = Today(now);
        var v = new Validation();
        var known = catalog.Entries.Select(e => e.Program.Definition.Region).ToHashSet(StringComparer.Ordinal);
        var regions = (request.Regions ?? []).Select(r => r?.Trim() ?? "").ToList();
        if (regions.Count == 0) v.Add("regions", ProblemText.Problem_Overflow_NoRegions);
        if (regions.Count > MaxRegions) v.Add("regions", Say.Format(ProblemText.Problem_Overflow_TooManyRegions, MaxRegions));
        for (var i = 0; i < regions.Count && i < MaxRegions; i++)
        {
            if (!known.Contains(regions[i]))
                v.Add($"regions[{i}]", Say.Format(ProblemText.Problem_Overflow_UnknownRegion, regions[i],
                    string.Join(", ", known.Order(StringComparer.Ordinal).Take(20))));
            else if (regions.IndexOf(regions[i]) < i) v.Add($"regions[{i}]", ProblemText.Problem_Overflow_RegionTwice);
        }
        var startsOn = v.Required("startsOn", request.StartsOn);
        var endsOn = v.Required("endsOn", request.EndsOn);
        var reason = v.Required("reason", request.Reason);
        var note = v.Text("note", request.Note);
        if (startsOn is { } s && endsOn is { } e)
        {
            if (e < s) v.Add("endsOn", ProblemText.Problem_Overflow_EndsBeforeStart);
            else if (e < today) v.Add("endsOn", Say.Format(ProblemText.Problem_Overflow_Past, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            else if (e.DayNumber - s.DayNumber + 1 > options.Value.MaxDays) v.Add("endsOn", Say.Format(ProblemText.Problem_Overflow_TooLong, options.Value.MaxDays));
        }
        if (!v.IsValid) return new Invalid(v);

        var activation = new OverflowActivation(Guid.CreateVersion7(now), regions, startsOn!.Value, endsOn!.Value, reason!.Value,
            string.IsNullOrWhiteSpace(note) ? null : note.Trim(), now, null);
        await store.CreateAsync(activation, Concerned(activation), Actor.Of(caller), ct);
        await refresher.RefreshAsync(ct); // this instance sees it at once; the others at their next refresh
        return View(activation, today);
    }

    public async Task<IReadOnlyList<OverflowActivationView>> ListAsync(CancellationToken ct)
    {
        var today = Today(clock.GetUtcNow());
        return [.. (await store.SinceAsync(today.AddDays(-30), ct)).Select(a => View(a, today))];
    }

    public async Task<Outcome<OverflowActivationView>> EndAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await store.GetAsync(id, ct) is not { } activation) return Refusal.NotFound("overflow");
        if (activation.EndedAt is not null || activation.EndsOn < Today(now))
            return Refusal.Conflict("illegal-transition", ProblemText.Problem_Illegal_Title, ProblemText.Problem_Overflow_AlreadyOver);
        if (!await store.EndAsync(activation, Concerned(activation), now, Actor.Of(caller), ct))
            return Refusal.Conflict("illegal-transition", ProblemText.Problem_Illegal_Title, ProblemText.Problem_Overflow_AlreadyOver);
        await refresher.RefreshAsync(ct);
        return View(activation with { EndedAt = now }, Today(now));
    }

    /// <summary>The programs with overflow inventory in the activation's regions, by organisation.</summary>
    private ILookup<Guid, Guid> Concerned(OverflowActivation a) =>
        WithOverflowIn(a).ToLookup(e => e.Program.Definition.OrganizationId, e => e.Program.Id);

    /// <summary>The programs in the activation's regions that have overflow inventory: those it opens beds at.</summary>
    private IEnumerable<CatalogEntry> WithOverflowIn(OverflowActivation a) =>
        catalog.Entries.Where(e => a.Regions.Contains(e.Program.Definition.Region) && HasOverflow(e.Program));

    private static bool HasOverflow(HousingProgram program) =>
        program.Definition.Inventory.Any(i => i.Availability == InventoryAvailability.Overflow);

    private OverflowActivationView View(OverflowActivation a, DateOnly today)
    {
        var programs = WithOverflowIn(a).ToList();
        var beds = programs.Sum(e => e.Program.Definition.Inventory
            .Where(i => i.Availability == InventoryAvailability.Overflow && i.IsActiveOn(Max(a.StartsOn, today))).Sum(i => i.Beds));
        return new OverflowActivationView(a.Id, a.Regions, a.StartsOn, a.EndsOn, a.Reason, a.Note, a.CreatedAt, a.EndedAt,
            a.InForce(today), programs.Count, beds);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);
}

using System.Globalization;
using Housing.Api.Auth;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Web.Pages.Shelter;

/// <summary>How a change of counts from the shelter's pages ended: saved (flagged when the counts change too often), stale, refused (with why), or not one of the caller's programs.</summary>
public enum CountOutcome { Saved, SavedFlapping, Stale, Invalid, NotFound }

/// <summary>
/// The shelter's page changing one program's counts (+/−, a typed number, or the same again),
/// through the availability operation the API's PUT uses, so each change is a validated,
/// audited snapshot. Both the dashboard and the program's page post here.
/// </summary>
public sealed class CountPosting(ProgramStore programs, AvailabilityStore availability, AvailabilityOperations counts, ProgramCatalog catalog, TimeProvider clock)
{
    public static bool IsField(string? field) => field is "beds" or "units" or "slots" || CountAdjustment.RoomSize(field) is not null;

    /// <summary>Whether the program's overflow beds count today, and its beds out of service (the API's post checks against the same).</summary>
    private InForce InForce(Guid id, DateOnly today) => Web.InForce.Of(catalog.Get(id), today);

    public Task<(CountOutcome Outcome, string? Error)> AdjustAsync(Caller caller, Guid id, HouseholdType type, string field, int delta, string? basedOn,
        CancellationToken ct) =>
        PostAsync(caller, id, basedOn, (program, latest, today, inForce) => CountAdjustment.Apply(program, latest, today, inForce, type, field, delta), ct);

    public Task<(CountOutcome Outcome, string? Error)> ConfirmAsync(Caller caller, Guid id, CancellationToken ct) =>
        PostAsync(caller, id, null, CountAdjustment.Confirm, ct);

    /// <summary>The number typed for one figure: a whole number from 0 to what the inventory allows today, else the reason, and nothing is written.</summary>
    public async Task<(CountOutcome Outcome, string? Error)> SetAsync(Caller caller, Guid id, HouseholdType type, string field, string? typed,
        string? basedOn, CancellationToken ct)
    {
        if (await programs.GetAsync(id, caller.ProgramScope, ct) is not { } program) return (CountOutcome.NotFound, null);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var max = CountAdjustment.Maximum(program, today, InForce(id, today), type, field);
        if (!int.TryParse(typed?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return (CountOutcome.Invalid, CountWords.NotANumber(max));
        if (value < 0) return (CountOutcome.Invalid, CountWords.BelowZero);
        if (value > max)
            return (CountOutcome.Invalid, CountWords.AboveInventory(max, field, Display.Household(type),
                field == "beds" ? Offline.OfflineBeds.Count(InForce(id, today).Offline, type) : 0));
        return await PostAsync(caller, id, basedOn, (p, latest, day, inForce) => CountAdjustment.Set(p, latest, day, inForce, type, field, value), ct);
    }

    private async Task<(CountOutcome, string?)> PostAsync(Caller caller, Guid id, string? basedOn,
        Func<HousingProgram, Snapshot?, DateOnly, InForce, PostAvailabilityRequest> change, CancellationToken ct)
    {
        if (await programs.GetAsync(id, caller.ProgramScope, ct) is not { } program) return (CountOutcome.NotFound, null);
        var latest = await availability.LatestAsync(id, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The page's snapshot guards the change: two people clicking + on the same count make one change, not two.
        var ifMatch = string.IsNullOrEmpty(basedOn) ? null : new IfMatch(false, [basedOn]);
        var (posted, _) = await counts.PostAsync(caller, id, change(program, latest, today, InForce(id, today)), ifMatch, ct);
        return posted switch
        {
            { Value.Warnings: { Count: > 0 } } => (CountOutcome.SavedFlapping, null),
            { Value: not null } => (CountOutcome.Saved, null),
            { Refusal.Kind: RefusalKind.NotFound } => (CountOutcome.NotFound, null),
            { Refusal.Kind: RefusalKind.Stale } => (CountOutcome.Stale, null),
            // The API's own words for what the inventory does not allow.
            _ => (CountOutcome.Invalid, posted.Errors?.Values.SelectMany(m => m).FirstOrDefault()),
        };
    }
}

using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;
using Microsoft.Extensions.Options;

namespace Housing.Api.Offline;

/// <summary>
/// Beds out of service (renovation, pests, staffing, quarantine): a program's own organisation
/// (or an admin) takes beds of a household type offline with a reason and the day they are
/// expected back, and returns them. Until returned they count in no open figure, no post may
/// offer them, no hold takes them (the hold's statement reads them in the database), and
/// reports show them apart. The catalog carries each program's (<see cref="CatalogEntry.Offline"/>).
/// </summary>
public sealed class OfflineOperations(ProgramStore programs, OfflineStore store, ProgramCatalog catalog, CatalogRefresher refresher,
    TimeProvider clock, IOptions<OfflineOptions> options)
{
    /// <summary>How far back returned beds are still listed.</summary>
    public const int ReturnedDays = 30;

    public async Task<Outcome<OfflineBedsView>> TakeAsync(Caller caller, Guid programId, TakeBedsOfflineRequest request, CancellationToken ct)
    {
        if (await programs.GetAsync(programId, caller.ProgramScope, ct) is not { } program) return Refusal.NotFound("program");
        var now = clock.GetUtcNow();
        var today = Today(now);
        var v = new Validation();
        RequestShape.Check(request, v);
        // Shape (required fields, the beds' range, the note's length) is checked above: these are the rules between fields.
        var (type, beds, reason, returnsOn) = (request.HouseholdType, request.Beds, request.Reason, request.ReturnsOn);
        var note = v.Text("note", request.Note);
        var entry = catalog.Get(programId);
        var overflow = entry?.OverflowOn(today) ?? false;
        if (program.Definition.Kind == ProgramKind.RapidRehousing)
            v.Add("householdType", ProblemText.Problem_Offline_Slots);
        else if (type is { } t)
        {
            if (InService(program, today, overflow, entry?.Offline ?? [], t) is not { } inService)
                v.Add("householdType", Say.Format(ProblemText.Problem_Availability_NoInventory, HousingJson.Text(t)));
            else if (beds is { } b && b > inService)
                AboveInService(v, inService, t);
        }
        if (returnsOn is { } r)
        {
            if (r < today) v.Add("returnsOn", Say.Format(ProblemText.Problem_Offline_Past, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            else if (r.DayNumber - today.DayNumber > options.Value.MaxDays)
                v.Add("returnsOn", Say.Format(ProblemText.Problem_Offline_TooFar, options.Value.MaxDays));
        }
        if (!v.IsValid) return new Invalid(v);

        var taken = new OfflineBeds(Guid.CreateVersion7(now), programId, type!.Value, beds!.Value, reason!.Value, note, returnsOn!.Value, now, null);
        // The check above read this instance's catalog; the store checks again against the beds
        // out of service in the database, under the program's lock, so that two takes at once (or
        // one on another instance this one has not heard of) never put more beds offline than there are.
        var inServiceNow = 0;
        if (!await store.CreateAsync(taken, Actor.Of(caller),
                current => (inServiceNow = InService(program, today, overflow, current, taken.HouseholdType) ?? 0) >= taken.Beds, ct))
        {
            AboveInService(v, inServiceNow, taken.HouseholdType);
            return new Invalid(v);
        }
        await refresher.RefreshAsync(ct); // this instance sees it at once; the others at their next refresh
        return OfflineBedsView.Of(taken, today);
    }

    public async Task<Outcome<OfflineBedsList>> ListAsync(Caller caller, Guid programId, CancellationToken ct)
    {
        if (await programs.GetAsync(programId, caller.ProgramScope, ct) is null) return Refusal.NotFound("program");
        var now = clock.GetUtcNow();
        var today = Today(now);
        return new OfflineBedsList([.. (await store.ForProgramAsync(programId, now.AddDays(-ReturnedDays), ct)).Select(o => OfflineBedsView.Of(o, today))]);
    }

    public async Task<Outcome<OfflineBedsView>> ReturnAsync(Caller caller, Guid programId, Guid offlineId, CancellationToken ct)
    {
        if (await programs.GetAsync(programId, caller.ProgramScope, ct) is null) return Refusal.NotFound("program");
        if (await store.GetAsync(programId, offlineId, ct) is not { } offline) return Refusal.NotFound("offline beds");
        var now = clock.GetUtcNow();
        if (offline.ReturnedAt is not null || !await store.ReturnAsync(offline, now, Actor.Of(caller), ct))
            return Refusal.Conflict("illegal-transition", ProblemText.Problem_Illegal_Title, ProblemText.Problem_Offline_AlreadyReturned);
        await refresher.RefreshAsync(ct);
        return OfflineBedsView.Of(offline with { ReturnedAt = now }, Today(now));
    }

    /// <summary>The program's beds of this household type in service today with these beds offline; null when it has none of the type.</summary>
    private static int? InService(HousingProgram program, DateOnly today, bool overflow, IReadOnlyList<OfflineBeds> offline, HouseholdType type) =>
        AvailabilityRules.Capacity(program, today, overflow, offline).TryGetValue(type, out var inventory) ? inventory.InService : null;

    private static void AboveInService(Validation v, int inService, HouseholdType type) =>
        v.Add("beds", inService == 0
            ? Say.Format(ProblemText.Problem_Offline_NoneInService, Terms.Of(type))
            : Say.Format(ProblemText.Problem_Offline_AboveInService, inService, Web.Display.Count(inService, "beds"), Terms.Of(type)));

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);
}

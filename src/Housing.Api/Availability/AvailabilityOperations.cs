using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;
using Microsoft.Extensions.Options;

namespace Housing.Api.Availability;

/// <summary>Counts posted: the open picture, and the snapshot's tag, which also comes with a refusal as stale (the version now).</summary>
public sealed record PostedCounts(Outcome<AvailabilityView> Outcome, string? ETag);

/// <summary>Posting a program's open counts, for the API's PUT and the console's +/− and confirm buttons alike.</summary>
public sealed class AvailabilityOperations(
    ProgramStore programs, AvailabilityStore availability, ProgramCatalog catalog, TimeProvider clock, IOptions<AvailabilityOptions> options)
{
    /// <summary>A new snapshot of the counts; <paramref name="ifMatch"/>, when given, must name the latest one.</summary>
    public async Task<PostedCounts> PostAsync(Caller caller, Guid id, PostAvailabilityRequest request, IfMatch? ifMatch, CancellationToken ct)
    {
        if (await programs.GetAsync(id, caller.ProgramScope, ct) is not { } program) return new(Refusal.NotFound("program"), null);

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var v = new Validation();
        var entry = catalog.Get(id);
        var counts = AvailabilityRules.Validate(request, program, today, entry?.OverflowOn(today) ?? false, entry?.Offline ?? [], v);
        if (counts is null) return new(new Invalid(v), null);

        var (outcome, snapshot) = await availability.PostAsync(id, counts, ifMatch, now, Actor.Of(caller), ct);
        if (outcome == PostOutcome.Stale)
            return new(Refusal.Stale(ProblemText.Problem_Availability_Stale), snapshot?.ETag);
        return new(View(program, snapshot, now, catalog) with { Warnings = await WarningsAsync(id, now, ct) }, snapshot?.ETag);
    }

    /// <summary>
    /// A post is saved however often the counts change; past Availability:MaxChangesPerHour in the
    /// last hour its answer says so (and the consistency check lists the program as flapping).
    /// </summary>
    private async Task<IReadOnlyList<ProgramWarning>?> WarningsAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var changes = await availability.ChangesInTheHourAsync(id, now, ct);
        var most = options.Value.MaxChangesPerHour;
        return changes > most ? [new ProgramWarning(Flapping, Say.Format(ConsistencyText.Warning_Flapping, changes, most))] : null;
    }

    /// <summary>The warning's code, as the consistency check's finding for it.</summary>
    public const string Flapping = "flapping";

    /// <summary>
    /// Programs' open capacity as the caller may see it, in id order from <paramref name="after"/>:
    /// the API's listing pages through it, the open-beds page sorts it by freshness.
    /// </summary>
    public IEnumerable<AvailabilityListItem> List(Caller caller, AvailabilityFilter filter, Guid? after)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return catalog.From(after)
            .Select(e => (Entry: e, Counts: AvailabilityRules.View(e.Program, e.Latest, today, e.OverflowOn(today), e.Offline, e.Holds)))
            .Where(x => filter.Accepts(x.Entry.Program, x.Counts, caller.ProgramScope))
            .Select(x =>
            {
                var listed = ProgramView.Listing(x.Entry.Program);
                var postedAt = x.Entry.Latest?.PostedAt;
                return new AvailabilityListItem(listed.Id, listed.Name, listed.OrganizationId, listed.Kind, listed.Region,
                    listed.Confidential, listed.Location, listed.IntakeContact, postedAt,
                    FreshnessGrade.AgeSeconds(postedAt, now), FreshnessGrade.Of(postedAt, now), x.Counts);
            });
    }

    /// <summary>Open counts net of the holds the catalog knows for the program.</summary>
    internal static AvailabilityView View(HousingProgram program, Snapshot? snapshot, DateTimeOffset now, ProgramCatalog catalog)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var entry = catalog.Get(program.Id);
        return new(program.Id, snapshot?.ETag, snapshot?.PostedAt, FreshnessGrade.AgeSeconds(snapshot?.PostedAt, now),
            FreshnessGrade.Of(snapshot?.PostedAt, now),
            AvailabilityRules.View(program, snapshot, today, entry?.OverflowOn(today) ?? false, entry?.Offline ?? [], entry?.Holds));
    }
}

using Dapper;
using Housing.Api.Audit;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Http;

namespace Housing.Api.Programs;

/// <summary>An organisation's default eligibility, and the version its <c>ETag</c> names.</summary>
public sealed record DefaultEligibility(Guid OrganizationId, EligibilityProfile Eligibility, int Version)
{
    public string ETag => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Organisations' default eligibility. A change rewrites, in the same transaction, every program
/// of the organisation that inherits a rule, so what matching reads is never behind the defaults.
/// </summary>
public sealed class DefaultEligibilityStore(IDbConnectionFactory connections, ProgramStore programs, ProgramCatalog catalog)
{
    /// <param name="organizationScope">A shelter's own organisation: another is not found.</param>
    public async Task<DefaultEligibility?> GetAsync(Guid organizationId, Guid? organizationScope, CancellationToken ct)
    {
        if (organizationScope is { } own && own != organizationId) return null;
        await using var db = await connections.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<(string Json, int Version)?>(new CommandDefinition("""
            SELECT default_eligibility_json, eligibility_version FROM organizations WHERE id = @organizationId;
            """, new { organizationId }, cancellationToken: ct));
        return row is { } r ? new DefaultEligibility(organizationId, HousingJson.Deserialize<EligibilityProfile>(r.Json), r.Version) : null;
    }

    public async Task<(UpdateOutcome Outcome, DefaultEligibility? Defaults, int ProgramsChanged)> SetAsync(
        Guid organizationId, EligibilityProfile eligibility, IfMatch? ifMatch, Guid? organizationScope, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (organizationScope is { } own && own != organizationId) return (UpdateOutcome.NotFound, null, 0);
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var row = await db.QuerySingleOrDefaultAsync<(string Json, int Version)?>(new CommandDefinition("""
            SELECT default_eligibility_json, eligibility_version FROM organizations WHERE id = @organizationId;
            """, new { organizationId }, tx, cancellationToken: ct));
        if (row is not { } current) return (UpdateOutcome.NotFound, null, 0);
        var existing = new DefaultEligibility(organizationId, HousingJson.Deserialize<EligibilityProfile>(current.Json), current.Version);
        var json = HousingJson.Serialize(eligibility);
        if (json == current.Json) return (UpdateOutcome.Unchanged, existing, 0);
        if (ifMatch is not null && !ifMatch.Matches(existing.ETag)) return (UpdateOutcome.Stale, existing, 0);

        var updated = existing with { Eligibility = eligibility, Version = existing.Version + 1 };
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE organizations SET default_eligibility_json = @json, eligibility_version = @Version
            WHERE id = @organizationId AND eligibility_version = @previous;
            """, new { json, updated.Version, organizationId, previous = existing.Version }, tx, cancellationToken: ct));
        if (rows != 1) return (UpdateOutcome.Stale, existing, 0);
        await AuditLog.WriteAsync(db, tx, now, actor, "organization.eligibility_updated", "organization", organizationId, ct);

        var changed = new List<HousingProgram>();
        var inheriting = await programs.ReadAsync(db, tx, "organization_id = @organizationId AND inherited_rules_json <> '[]'", new { organizationId }, ct);
        foreach (var program in inheriting)
        {
            var definition = program.Definition with
            {
                Eligibility = EligibilityInheritance.Apply(program.Definition.Eligibility, eligibility, program.Definition.InheritedRules),
            };
            if (HousingJson.Serialize(definition.Eligibility) == HousingJson.Serialize(program.Definition.Eligibility)) continue;
            var next = program with { Definition = definition, Version = program.Version + 1, UpdatedAt = now };
            if (!await programs.ReplaceAsync(db, tx, program, next, ct)) return (UpdateOutcome.Stale, existing, 0);
            await AuditLog.WriteAsync(db, tx, now, actor, "program.updated", "program", program.Id, ct, ProgramChanges.Between(program.Definition, definition));
            changed.Add(next);
        }
        await write.CommitAsync(ct);
        foreach (var program in changed) catalog.Upsert(program);
        return (UpdateOutcome.Updated, updated, changed.Count);
    }
}

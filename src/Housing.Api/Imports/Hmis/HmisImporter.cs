using System.Data.Common;
using System.Text.Json.Serialization;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Organizations;
using Housing.Api.Places;
using Housing.Api.Programs;

namespace Housing.Api.Imports.Hmis;

[JsonConverter(typeof(SnakeCaseEnumConverter<HmisAction>))]
public enum HmisAction { Create, Update, Unchanged, Skip }

/// <summary>Something an admin should know about a program the import makes or changes.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<HmisFlag>))]
public enum HmisFlag
{
    /// <summary>Confidential: its address is not imported, and the shelter adds it for placements.</summary>
    AddressNotImported,
    /// <summary>No region holds its ZIP code (<c>Regions:Zips</c>): its region is its CoC, which a search leaving out a region does not leave out.</summary>
    RegionFromCoc,
    /// <summary>In several CoCs: the first is kept.</summary>
    SeveralCocs,
    /// <summary>HMIS no longer marks it confidential, but it stays confidential here: only a person may make a program public.</summary>
    StaysConfidential,
    /// <summary>Its eligibility comes from its organisation's defaults until the shelter completes it, and it has no intake contact yet.</summary>
    NeedsCompleting,
}

[JsonConverter(typeof(SnakeCaseEnumConverter<HmisImportSkip>))]
public enum HmisImportSkip { NotServed, ServicesOnly, Ended, NoInventory, NoLocation, DoesNotFit }

public sealed record HmisOrganizationLine(string HmisId, string Name, HmisAction Action, Guid? OrganizationId);

/// <param name="Fields">When it does not fit (<c>does_not_fit</c>): which fields of the program it would make break which rule, without values.</param>
public sealed record HmisProgramLine(
    string HmisId, string Name, HmisAction Action, Guid? ProgramId, HmisImportSkip? Reason, bool Confidential,
    string? CocCode, string? Region, IReadOnlyList<HmisFlag> Flags, IReadOnlyDictionary<string, string[]>? Fields);

public sealed record HmisImportCounts(int OrganizationsCreated, int OrganizationsUpdated, int ProgramsCreated, int ProgramsUpdated, int ProgramsUnchanged, int ProgramsSkipped, int Confidential);

/// <summary>What an import did, or (a dry run) would do: the same lines either way.</summary>
public sealed record HmisImportResult(
    string Source, bool DryRun, HmisImportCounts Counts, IReadOnlyList<HmisOrganizationLine> Organizations, IReadOnlyList<HmisProgramLine> Programs);

/// <summary>How far an import has gone, for the log and the command's output.</summary>
public sealed record HmisImportProgress(string Stage, int Done, int Total);

/// <summary>
/// Brings an HMIS export's programs in (DOMAIN.md, "Onboarding from HMIS"). The export's ids are
/// kept as external ids per source, so next month's export updates the same programs in place.
/// The fields HMIS owns (name, kind and HUD type, CoC, where it is, HUD funding, inventory) follow
/// the export; what people set here (eligibility, intake contact, services, stay, a confidential
/// address) is never touched. A confidential program never becomes public by import.
/// All or nothing: one transaction, and a dry run plans exactly what the import would write.
/// </summary>
public sealed class HmisImporter(
    IDbConnectionFactory connections, ProgramStore programs, ProgramCatalog catalog, Gazetteer gazetteer, RegionNames regions,
    TimeProvider clock, ILogger<HmisImporter> logger)
{
    public const string SourcePattern = "^[a-z0-9][a-z0-9-]{0,39}$";
    private const int ProgressEvery = 500;
    private const string LockImports = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/hmis-import'));";

    /// <summary>Reads the export whole, then imports it; a problem anywhere in it means nothing is written.</summary>
    public async Task<(HmisImportResult? Result, IReadOnlyList<HmisProblem> Problems)> RunAsync(
        HmisSource files, string source, bool dryRun, Actor actor, IProgress<HmisImportProgress>? progress, CancellationToken ct)
    {
        var (export, problems) = HmisExport.Read(files);
        if (export is null)
        {
            logger.LogWarning("HMIS import from {Source} refused: {Count} problems in the export", source, problems.Count);
            return (null, problems);
        }
        progress?.Report(new HmisImportProgress("read", export.Projects.Count, export.Projects.Count));
        return (await ImportAsync(export, source, dryRun, actor, progress, ct), []);
    }

    public async Task<HmisImportResult> ImportAsync(HmisExport export, string source, bool dryRun, Actor actor, IProgress<HmisImportProgress>? progress, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var plan = HmisPlan.For(export, today);
        logger.LogInformation("HMIS import from {Source}: {Projects} projects, {Planned} to bring in, dry run {DryRun}",
            source, export.Projects.Count, plan.Programs.Count, dryRun);

        if (dryRun)
        {
            await using var read = await connections.OpenAsync(ct);
            return (await WorkAsync(read, null, plan, source, dryRun: true, actor, now, progress, ct)).Result;
        }

        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        // Two imports at once would both find an id new; on SQLite the write lock already orders them.
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockImports, transaction: tx, cancellationToken: ct));
        var (result, written) = await WorkAsync(db, tx, plan, source, dryRun: false, actor, now, progress, ct);
        await write.CommitAsync(ct);
        var partners = await PartnersAsync(written, ct);
        foreach (var program in written)
        {
            catalog.Upsert(program);
            if (program.Version == 1) catalog.PartnersChanged(program.Id, partners[program.Definition.OrganizationId].ToArray(), 1);
        }
        logger.LogInformation("HMIS import from {Source} done: {Created} programs created, {Updated} updated, {Unchanged} unchanged, {Skipped} skipped",
            source, result.Counts.ProgramsCreated, result.Counts.ProgramsUpdated, result.Counts.ProgramsUnchanged, result.Counts.ProgramsSkipped);
        return result;
    }

    private async Task<(HmisImportResult Result, List<HousingProgram> Written)> WorkAsync(
        DbConnection db, DbTransaction? tx, HmisPlan plan, string source, bool dryRun, Actor actor, DateTimeOffset now,
        IProgress<HmisImportProgress>? progress, CancellationToken ct)
    {
        var known = (await db.QueryAsync<(string Kind, string ExternalId, Guid LocalId)>(new CommandDefinition("""
            SELECT kind, external_id, local_id FROM external_ids WHERE source = @source;
            """, new { source }, tx, cancellationToken: ct))).ToList();
        var knownOrganizations = known.Where(k => k.Kind == "organization").ToDictionary(k => k.ExternalId, k => k.LocalId, StringComparer.Ordinal);
        var knownPrograms = known.Where(k => k.Kind == "program").ToDictionary(k => k.ExternalId, k => k.LocalId, StringComparer.Ordinal);
        var existing = (await programs.ReadAsync(db, tx, "id IN (SELECT local_id FROM external_ids WHERE source = @source AND kind = 'program')", new { source }, ct))
            .ToDictionary(p => p.Id);
        var organizationNames = (await db.QueryAsync<(Guid Id, string Name)>(new CommandDefinition("""
            SELECT id, name FROM organizations WHERE id IN (SELECT local_id FROM external_ids WHERE source = @source AND kind = 'organization');
            """, new { source }, tx, cancellationToken: ct))).ToDictionary(o => o.Id, o => o.Name);

        // Organisations first: those with a program to bring in, or already here.
        var wanted = plan.Programs.Select(p => p.OrganizationId).ToHashSet(StringComparer.Ordinal);
        var organizationLines = new List<HmisOrganizationLine>();
        var localOrganization = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var organization in plan.Organizations.Where(o => wanted.Contains(o.Id) || knownOrganizations.ContainsKey(o.Id)))
        {
            var name = Clip(organization.Name, 200);
            HmisOrganizationLine line;
            if (knownOrganizations.TryGetValue(organization.Id, out var id) && organizationNames.TryGetValue(id, out var currentName))
            {
                line = new(organization.Id, name, currentName == name ? HmisAction.Unchanged : HmisAction.Update, id);
                if (!dryRun && line.Action == HmisAction.Update)
                {
                    await db.ExecuteAsync(new CommandDefinition("UPDATE organizations SET name = @name WHERE id = @id;", new { name, id }, tx, cancellationToken: ct));
                    await AuditLog.WriteAsync(db, tx, now, actor, "organization.updated", "organization", id, ct);
                }
            }
            else
            {
                id = dryRun ? Guid.Empty : Guid.CreateVersion7();
                line = new(organization.Id, name, HmisAction.Create, dryRun ? null : id);
                if (!dryRun)
                {
                    await db.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO organizations (id, name, type, region, phone, email, created_at)
                        VALUES (@id, @name, 'provider', NULL, NULL, NULL, @now);
                        """, new { id, name, now }, tx, cancellationToken: ct));
                    await RememberAsync(db, tx!, source, "organization", organization.Id, id, ct);
                    await AuditLog.WriteAsync(db, tx, now, actor, "organization.created", "organization", id, ct);
                }
            }
            localOrganization[organization.Id] = id;
            organizationLines.Add(line);
        }

        var lines = plan.Skipped.Select(s => new HmisProgramLine(s.ProjectId, s.Name, HmisAction.Skip, null, Skip(s.Reason), false, null, null, [], null)).ToList();
        var written = new List<HousingProgram>();
        var done = 0;
        foreach (var planned in plan.Programs)
        {
            knownPrograms.TryGetValue(planned.ProjectId, out var programId);
            var line = await ProgramAsync(db, tx, planned, existing.GetValueOrDefault(programId), localOrganization[planned.OrganizationId],
                source, dryRun, actor, now, written, ct);
            lines.Add(line);
            if (++done % ProgressEvery == 0 || done == plan.Programs.Count)
            {
                progress?.Report(new HmisImportProgress(dryRun ? "planned" : "imported", done, plan.Programs.Count));
                logger.LogInformation("HMIS import from {Source}: {Done} of {Total} programs {Stage}", source, done, plan.Programs.Count, dryRun ? "planned" : "imported");
            }
        }

        var ordered = lines.OrderBy(l => l.HmisId, StringComparer.Ordinal).ToList();
        var counts = new HmisImportCounts(
            organizationLines.Count(o => o.Action == HmisAction.Create), organizationLines.Count(o => o.Action == HmisAction.Update),
            ordered.Count(l => l.Action == HmisAction.Create), ordered.Count(l => l.Action == HmisAction.Update),
            ordered.Count(l => l.Action == HmisAction.Unchanged), ordered.Count(l => l.Action == HmisAction.Skip),
            ordered.Count(l => l.Action != HmisAction.Skip && l.Confidential));
        return (new HmisImportResult(source, dryRun, counts, organizationLines, ordered), written);
    }

    private async Task<HmisProgramLine> ProgramAsync(
        DbConnection db, DbTransaction? tx, PlannedProgram planned, HousingProgram? current, Guid organizationId, string source, bool dryRun,
        Actor actor, DateTimeOffset now, List<HousingProgram> written, CancellationToken ct)
    {
        var flags = new List<HmisFlag>();
        var coc = planned.CocCodes.FirstOrDefault();
        if (planned.CocCodes.Count > 1) flags.Add(HmisFlag.SeveralCocs);
        var zip = planned.Zip is { Length: >= 5 } z && z[..5].All(char.IsAsciiDigit) ? z[..5] : null;
        if (zip is null || gazetteer.Zip(zip) is not { } place)
            return new HmisProgramLine(planned.ProjectId, planned.Name, HmisAction.Skip, current?.Id, HmisImportSkip.NoLocation, planned.Confidential, coc, null, flags, null);

        var region = regions.ForZip(zip);
        if (region is null)
        {
            region = coc?.ToLowerInvariant() ?? "unassigned";
            flags.Add(HmisFlag.RegionFromCoc);
        }

        var confidential = planned.Confidential || current?.Definition.Confidential == true;
        if (confidential && !planned.Confidential) flags.Add(HmisFlag.StaysConfidential);
        if (confidential) flags.Add(HmisFlag.AddressNotImported);
        var kept = current?.Definition;
        var proposed = new ProgramDefinition(
            kept?.OrganizationId ?? organizationId, Clip(planned.Name, 200), planned.Kind, planned.HudProjectType,
            kept is not null && kept.Kind == planned.Kind ? kept.MaxStayDays : ProgramRules.DefaultMaxStayDays(planned.Kind) is > 0 and var days ? days : 730,
            region, new GeoPoint(place.Latitude, place.Longitude), confidential,
            confidential ? kept?.Address : planned.Address,
            kept?.IntakeContact ?? new IntakeContact(),
            planned.HudFunded, kept?.Services ?? [], planned.Inventory,
            kept?.Eligibility ?? new EligibilityProfile(), coc,
            kept?.InheritedRules ?? EligibilityInheritance.Rules,
            // HMIS carries no rooms by size nor intake hours: a program's own, set by its shelter, are kept.
            kept?.UnitSizes, kept?.AdjoiningUnits, kept?.TimeZone, kept?.IntakeHours);
        if (kept is null || kept.InheritedRules.Count == EligibilityInheritance.Rules.Count && kept.IntakeContact.Phone is null && kept.IntakeContact.Email is null)
            flags.Add(HmisFlag.NeedsCompleting);

        var v = new Validation();
        var definition = Fits(proposed, v);
        if (definition is null)
            return new HmisProgramLine(planned.ProjectId, planned.Name, HmisAction.Skip, current?.Id, HmisImportSkip.DoesNotFit, confidential, coc, region, flags, v.Errors.ToDictionary());

        if (current is null)
        {
            var id = dryRun ? (Guid?)null : Guid.CreateVersion7();
            if (!dryRun)
            {
                var program = await programs.InsertAsync(db, tx!, id!.Value, definition, now, ct);
                await RememberAsync(db, tx!, source, "program", planned.ProjectId, program.Id, ct);
                await AuditLog.WriteAsync(db, tx, now, actor, "program.created", "program", program.Id, ct);
                written.Add(program);
            }
            return new HmisProgramLine(planned.ProjectId, definition.Name, HmisAction.Create, id, null, confidential, coc, region, flags, null);
        }

        if (ProgramStore.Hash(definition) == ProgramStore.Hash(current.Definition))
            return new HmisProgramLine(planned.ProjectId, definition.Name, HmisAction.Unchanged, current.Id, null, confidential, coc, region, flags, null);
        if (!dryRun)
        {
            var next = current with { Definition = definition, Version = current.Version + 1, UpdatedAt = now };
            if (!await programs.ReplaceAsync(db, tx!, current, next, ct))
                throw new InvalidOperationException($"Program {current.Id} changed while the import held the write lock.");
            await AuditLog.WriteAsync(db, tx, now, actor, "program.updated", "program", current.Id, ct, ProgramChanges.Between(current.Definition, definition));
            written.Add(next);
        }
        return new HmisProgramLine(planned.ProjectId, definition.Name, HmisAction.Update, current.Id, null, confidential, coc, region, flags, null);
    }

    /// <summary>
    /// The definition checked by the rules every program meets (the API's own), except the two a
    /// shelter completes after an import: a confidential program's address, and an intake contact.
    /// </summary>
    private static ProgramDefinition? Fits(ProgramDefinition d, Validation v)
    {
        const string Placeholder = "to be completed";
        var request = new ProgramRequest(
            d.OrganizationId, d.Name, d.Kind, d.HudProjectType, d.MaxStayDays, d.Region, d.Location, d.Confidential,
            d.Confidential ? d.Address ?? Placeholder : d.Address,
            d.IntakeContact.Phone is null && d.IntakeContact.Email is null ? d.IntakeContact with { Phone = "000" } : d.IntakeContact,
            d.HudFunded, d.Services,
            [.. d.Inventory.Select(i => new InventoryRequest(i.HouseholdType, i.Units, i.Beds, i.Slots, i.Availability, i.BedType, i.StartDate, i.EndDate))],
            d.Eligibility, d.CocCode, d.InheritedRules,
            d.UnitSizes?.Select(u => new UnitSizeRequest(u.HouseholdType, u.Beds, u.Cribs, u.Count)).ToList(), d.AdjoiningUnits,
            d.TimeZone, d.IntakeHours);
        return ProgramRules.Validate(request, v) is { } checkedDefinition
            ? checkedDefinition with { Address = d.Address, IntakeContact = d.IntakeContact }
            : null;
    }

    private static Task RememberAsync(DbConnection db, DbTransaction tx, string source, string kind, string externalId, Guid localId, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO external_ids (source, kind, external_id, local_id) VALUES (@source, @kind, @externalId, @localId);
            """, new { source, kind, externalId, localId }, tx, cancellationToken: ct));

    private async Task<ILookup<Guid, Guid>> PartnersAsync(List<HousingProgram> written, CancellationToken ct)
    {
        var organizations = written.Where(p => p.Version == 1).Select(p => p.Definition.OrganizationId).Distinct().ToList();
        if (organizations.Count == 0) return Array.Empty<Guid>().ToLookup(g => g);
        await using var db = await connections.OpenAsync(ct);
        return await PartnerStore.OfAsync(db, null, organizations, ct);
    }

    private static HmisImportSkip Skip(HmisSkip reason) => reason switch
    {
        HmisSkip.NotServed => HmisImportSkip.NotServed,
        HmisSkip.ServicesOnly => HmisImportSkip.ServicesOnly,
        HmisSkip.Ended => HmisImportSkip.Ended,
        _ => HmisImportSkip.NoInventory,
    };

    private static string Clip(string text, int length) => text.Trim() is var t && t.Length > length ? t[..length].TrimEnd() : t.Trim();
}

using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Organizations;
using Housing.Api.Security;

namespace Housing.Api.Programs;

public enum UpdateOutcome { Updated, Unchanged, NotFound, Stale }

public sealed record ProgramFilter(ProgramKind? Kind, string? Region, Guid? OrganizationId, string? CocCode = null);

/// <summary>Programs and their inventory. Addresses are sealed at rest (<see cref="Sealers.Addresses"/>).</summary>
public sealed class ProgramStore(IDbConnectionFactory connections, ProgramCatalog catalog, Sealers sealers)
{
    private const string Columns = """
        id, organization_id, name, kind, hud_project_type,
        max_stay_days, region, latitude, longitude,
        confidential, address, intake_phone, intake_email,
        intake_hours, hud_funded, services_json,
        eligibility_json, version, content_hash,
        created_at, updated_at, coc_code, inherited_rules_json,
        unit_sizes_json, adjoining_units, time_zone, intake_hours_json
        """;

    private const string InventoryColumns = """
        program_id, household_type, units, beds, slots,
        availability, bed_type, start_date, end_date
        """;

    public async Task<HousingProgram> CreateAsync(ProgramDefinition definition, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var program = await InsertAsync(db, tx, Guid.CreateVersion7(), definition, now, ct);
        // Read after the insert: on PostgreSQL its foreign key holds the organisation's row, so a
        // change of partners either committed before this read or waits and then counts this program.
        var partners = (await PartnerStore.OfAsync(db, tx, [definition.OrganizationId], ct))[definition.OrganizationId].ToArray();
        await AuditLog.WriteAsync(db, tx, now, actor, "program.created", "program", program.Id, ct);
        await write.CommitAsync(ct);
        catalog.Upsert(program);
        catalog.PartnersChanged(program.Id, partners, 1);
        return program;
    }

    /// <summary>
    /// Inserts a program inside the caller's transaction, its inherited eligibility rules taken from
    /// its organisation's defaults as they are in that transaction; the caller audits and commits,
    /// then upserts the catalog.
    /// </summary>
    internal async Task<HousingProgram> InsertAsync(DbConnection db, DbTransaction tx, Guid id, ProgramDefinition definition, DateTimeOffset now, CancellationToken ct)
    {
        definition = await InheritAsync(db, tx, definition, ct);
        var program = new HousingProgram(id, definition, 1, now, now);
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO programs (id, organization_id, name, kind, hud_project_type, max_stay_days, region,
                                  latitude, longitude, confidential, address, intake_phone, intake_email, intake_hours,
                                  hud_funded, services_json, eligibility_json, version, content_hash, created_at, updated_at,
                                  coc_code, inherited_rules_json, unit_sizes_json, adjoining_units, time_zone, intake_hours_json)
            VALUES (@Id, @OrganizationId, @Name, @Kind, @HudProjectType, @MaxStayDays, @Region,
                    @Latitude, @Longitude, @Confidential, @Address, @IntakePhone, @IntakeEmail, @IntakeHours,
                    @HudFunded, @ServicesJson, @EligibilityJson, @Version, @ContentHash, @CreatedAt, @UpdatedAt,
                    @CocCode, @InheritedRulesJson, @UnitSizesJson, @AdjoiningUnits, @TimeZone, @IntakeHoursJson);
            """, Parameters(program, sealers.Addresses), tx, cancellationToken: ct));
        await InsertInventoryAsync(db, tx, program.Id, definition.Inventory, ct);
        await CatalogVersions.AddAsync(db, tx, program.Id, ct);
        return program;
    }

    /// <summary>The definition with its inherited rules taken from its organisation's defaults, read in this transaction.</summary>
    internal static async Task<ProgramDefinition> InheritAsync(DbConnection db, DbTransaction tx, ProgramDefinition definition, CancellationToken ct)
    {
        if (definition.InheritedRules.Count == 0) return definition;
        var defaults = await DefaultsAsync(db, tx, definition.OrganizationId, ct);
        return definition with { Eligibility = EligibilityInheritance.Apply(definition.Eligibility, defaults, definition.InheritedRules) };
    }

    internal static async Task<EligibilityProfile> DefaultsAsync(DbConnection db, DbTransaction? tx, Guid organizationId, CancellationToken ct)
    {
        var json = await db.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT default_eligibility_json FROM organizations WHERE id = @organizationId;", new { organizationId }, tx, cancellationToken: ct));
        return json is null ? new EligibilityProfile() : HousingJson.Deserialize<EligibilityProfile>(json);
    }

    /// <param name="scope">A shelter's own organisation: other organisations' programs are not found.</param>
    public async Task<HousingProgram?> GetAsync(Guid id, ProgramScope scope, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            SELECT {Columns}
            FROM programs
            WHERE id = @id
              AND (@organizationScope IS NULL OR organization_id = @organizationScope)
              AND NOT (@publicOnly AND confidential);
            """, new { id, organizationScope = scope.Organization, publicOnly = scope.PublicOnly }, cancellationToken: ct));
        if (row is null) return null;
        var inventory = await InventoryAsync(db, [id], ct);
        return row.ToProgram(inventory[id], sealers.Addresses);
    }

    /// <summary>Every program, for loading the catalog.</summary>
    public async Task<IReadOnlyList<HousingProgram>> AllAsync(CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM programs ORDER BY id;
            """, cancellationToken: ct));
        var inventory = (await db.QueryAsync<InventoryRow>(new CommandDefinition($"""
            SELECT {InventoryColumns} FROM program_inventory ORDER BY program_id, position;
            """, cancellationToken: ct))).ToLookup(r => r.ProgramId, r => r.ToItem());
        return rows.Select(r => r.ToProgram(inventory[r.Id], sealers.Addresses)).ToList();
    }

    private static readonly DialectSql Many = DialectSql.WithList($"SELECT {Columns} FROM programs WHERE id IN @ids;");

    private static readonly DialectSql InventoryOf = DialectSql.WithList(
        $"SELECT {InventoryColumns} FROM program_inventory WHERE program_id IN @ids ORDER BY program_id, position;");

    /// <summary>These programs (those that exist), for refreshing the catalog.</summary>
    public async Task<IReadOnlyList<HousingProgram>> ManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<Row>(new CommandDefinition(Many.For(db), new { ids = TypeHandlers.AsText(ids) }, cancellationToken: ct));
        var inventory = await InventoryAsync(db, ids.ToList(), ct);
        return rows.Select(r => r.ToProgram(inventory[r.Id], sealers.Addresses)).ToList();
    }

    public async Task<IReadOnlyList<HousingProgram>> ListAsync(ProgramFilter filter, ProgramScope scope, Guid? after, int limit, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = (await db.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns}
            FROM programs
            WHERE (@kind IS NULL OR kind = @kind)
              AND (@region IS NULL OR region = @region)
              AND (@organizationId IS NULL OR organization_id = @organizationId)
              AND (@cocCode IS NULL OR coc_code = @cocCode)
              AND (@organizationScope IS NULL OR organization_id = @organizationScope)
              AND NOT (@publicOnly AND confidential)
              AND (@after IS NULL OR id > @after)
            ORDER BY id
            LIMIT @take;
            """, new
        {
            kind = filter.Kind is { } k ? HousingJson.Text(k) : null,
            region = filter.Region,
            organizationId = filter.OrganizationId,
            cocCode = filter.CocCode,
            organizationScope = scope.Organization,
            publicOnly = scope.PublicOnly,
            after,
            take = limit + 1,
        }, cancellationToken: ct))).ToList();
        var inventory = await InventoryAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => r.ToProgram(inventory[r.Id], sealers.Addresses)).ToList();
    }

    /// <summary>
    /// A full replacement. The read and the write share one transaction and the write is
    /// conditional on the version read, so two writers with the same If-Match cannot both win
    /// (on PostgreSQL the second waits for the first's row lock, then finds the version moved on). A request whose content is already
    /// stored succeeds without a new version (RFC 9110 §13.1.1 allows this), so a retry is harmless.
    /// </summary>
    public async Task<(UpdateOutcome Outcome, HousingProgram? Program)> UpdateAsync(
        Guid id, ProgramDefinition definition, IfMatch? ifMatch, Guid? organizationScope, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var current = await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            SELECT {Columns}
            FROM programs
            WHERE id = @id AND (@organizationScope IS NULL OR organization_id = @organizationScope);
            """, new { id, organizationScope }, tx, cancellationToken: ct));
        if (current is null) return (UpdateOutcome.NotFound, null);

        var inventory = await InventoryAsync(db, [id], ct, tx);
        var existing = current.ToProgram(inventory[id], sealers.Addresses);
        definition = await InheritAsync(db, tx, definition, ct);
        if (current.ContentHash == Hash(definition)) return (UpdateOutcome.Unchanged, existing);
        if (ifMatch is not null && !ifMatch.Matches(existing.ETag)) return (UpdateOutcome.Stale, existing);

        var updated = existing with { Definition = definition, Version = existing.Version + 1, UpdatedAt = now };
        if (!await ReplaceAsync(db, tx, existing, updated, ct)) return (UpdateOutcome.Stale, existing);
        await AuditLog.WriteAsync(db, tx, now, actor, "program.updated", "program", id, ct, ProgramChanges.Between(existing.Definition, definition));
        await write.CommitAsync(ct);
        catalog.Upsert(updated);
        return (UpdateOutcome.Updated, updated);
    }

    /// <summary>Writes a new version of a program in the caller's transaction, if the stored one is still <paramref name="existing"/>'s.</summary>
    internal async Task<bool> ReplaceAsync(DbConnection db, DbTransaction tx, HousingProgram existing, HousingProgram updated, CancellationToken ct)
    {
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE programs
            SET name = @Name, kind = @Kind, hud_project_type = @HudProjectType, max_stay_days = @MaxStayDays,
                region = @Region, latitude = @Latitude, longitude = @Longitude, confidential = @Confidential,
                address = @Address, intake_phone = @IntakePhone, intake_email = @IntakeEmail, intake_hours = @IntakeHours,
                hud_funded = @HudFunded, services_json = @ServicesJson, eligibility_json = @EligibilityJson,
                version = @Version, content_hash = @ContentHash, updated_at = @UpdatedAt,
                coc_code = @CocCode, inherited_rules_json = @InheritedRulesJson,
                unit_sizes_json = @UnitSizesJson, adjoining_units = @AdjoiningUnits,
                time_zone = @TimeZone, intake_hours_json = @IntakeHoursJson
            WHERE id = @Id AND version = @PreviousVersion;
            """, new DynamicParameters(Parameters(updated, sealers.Addresses)).With("PreviousVersion", existing.Version), tx, cancellationToken: ct));
        if (rows != 1) return false;
        if (!existing.Definition.Inventory.SequenceEqual(updated.Definition.Inventory))
        {
            await db.ExecuteAsync(new CommandDefinition(
                "DELETE FROM program_inventory WHERE program_id = @id;", new { id = existing.Id }, tx, cancellationToken: ct));
            await InsertInventoryAsync(db, tx, existing.Id, updated.Definition.Inventory, ct);
        }
        await CatalogVersions.BumpAsync(db, tx, existing.Id, ct);
        return true;
    }

    /// <summary>Programs by id, read in the caller's transaction (to be replaced in it).</summary>
    internal async Task<IReadOnlyList<HousingProgram>> ReadAsync(DbConnection db, DbTransaction? tx, string where, object parameters, CancellationToken ct)
    {
        var rows = (await db.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM programs WHERE {where} ORDER BY id;",
            parameters, tx, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return [];
        var inventory = await InventoryAsync(db, [.. rows.Select(r => r.Id)], ct, tx);
        return [.. rows.Select(r => r.ToProgram(inventory[r.Id], sealers.Addresses))];
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await db.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM programs;", cancellationToken: ct)) > 0;
    }

    public static string Hash(ProgramDefinition definition) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(HousingJson.Serialize(definition))));

    private static object Parameters(HousingProgram p, Sealer addresses)
    {
        var d = p.Definition;
        return new
        {
            p.Id,
            d.OrganizationId,
            d.Name,
            Kind = HousingJson.Text(d.Kind),
            d.HudProjectType,
            d.MaxStayDays,
            d.Region,
            d.Location.Latitude,
            d.Location.Longitude,
            d.Confidential,
            Address = addresses.Seal(d.Address),
            IntakePhone = d.IntakeContact.Phone,
            IntakeEmail = d.IntakeContact.Email,
            IntakeHours = d.IntakeContact.Hours,
            d.HudFunded,
            ServicesJson = HousingJson.Serialize(d.Services),
            EligibilityJson = HousingJson.Serialize(d.Eligibility),
            p.Version,
            ContentHash = Hash(d),
            p.CreatedAt,
            p.UpdatedAt,
            d.CocCode,
            InheritedRulesJson = HousingJson.Serialize(d.InheritedRules),
            UnitSizesJson = d.UnitSizes is null ? null : HousingJson.Serialize(d.UnitSizes),
            d.AdjoiningUnits,
            d.TimeZone,
            IntakeHoursJson = d.IntakeHours is { } hours ? HousingJson.Serialize(hours) : null,
        };
    }

    private static async Task InsertInventoryAsync(DbConnection db, DbTransaction tx, Guid programId, IReadOnlyList<InventoryItem> items, CancellationToken ct)
    {
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO program_inventory (program_id, position, household_type, units, beds, slots, availability, bed_type, start_date, end_date)
            VALUES (@ProgramId, @Position, @HouseholdType, @Units, @Beds, @Slots, @Availability, @BedType, @StartDate, @EndDate);
            """, items.Select((i, n) => new
        {
            ProgramId = programId,
            Position = n,
            HouseholdType = (int)i.HouseholdType,
            i.Units,
            i.Beds,
            i.Slots,
            Availability = (int?)i.Availability,
            BedType = (int?)i.BedType,
            i.StartDate,
            i.EndDate,
        }), tx, cancellationToken: ct));
    }

    private static async Task<ILookup<Guid, InventoryItem>> InventoryAsync(DbConnection db, IReadOnlyList<Guid> ids, CancellationToken ct, DbTransaction? tx = null)
    {
        if (ids.Count == 0) return Array.Empty<InventoryItem>().ToLookup(_ => Guid.Empty);
        var rows = await db.QueryAsync<InventoryRow>(new CommandDefinition(InventoryOf.For(db),
            new { ids = TypeHandlers.AsText(ids) }, tx, cancellationToken: ct));
        return rows.ToLookup(r => r.ProgramId, r => r.ToItem());
    }

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid OrganizationId { get; set; }
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public int HudProjectType { get; set; }
        public int MaxStayDays { get; set; }
        public string Region { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public bool Confidential { get; set; }
        public string? Address { get; set; }
        public string? IntakePhone { get; set; }
        public string? IntakeEmail { get; set; }
        public string? IntakeHours { get; set; }
        public bool HudFunded { get; set; }
        public string ServicesJson { get; set; } = "[]";
        public string EligibilityJson { get; set; } = "{}";
        public int Version { get; set; }
        public string ContentHash { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public string? CocCode { get; set; }
        public string InheritedRulesJson { get; set; } = "[]";
        public string? UnitSizesJson { get; set; }
        public int? AdjoiningUnits { get; set; }
        public string? TimeZone { get; set; }
        public string? IntakeHoursJson { get; set; }

        public HousingProgram ToProgram(IEnumerable<InventoryItem> inventory, Sealer addresses)
        {
            HousingJson.TryParse<ProgramKind>(Kind, out var kind);
            var definition = new ProgramDefinition(OrganizationId, Name, kind, HudProjectType, MaxStayDays, Region,
                new GeoPoint(Latitude, Longitude), Confidential, addresses.Open(Address), new IntakeContact(IntakePhone, IntakeEmail, IntakeHours),
                HudFunded, HousingJson.Deserialize<List<ProgramService>>(ServicesJson), inventory.ToList(),
                HousingJson.Deserialize<EligibilityProfile>(EligibilityJson), CocCode, HousingJson.Deserialize<List<string>>(InheritedRulesJson),
                UnitSizesJson is null ? null : HousingJson.Deserialize<List<UnitSize>>(UnitSizesJson), AdjoiningUnits,
                TimeZone, IntakeHoursJson is null ? null : HousingJson.Deserialize<List<IntakeWindow>>(IntakeHoursJson));
            return new HousingProgram(Id, definition, Version, CreatedAt, UpdatedAt);
        }
    }

    private sealed class InventoryRow
    {
        public Guid ProgramId { get; set; }
        public int HouseholdType { get; set; }
        public int Units { get; set; }
        public int Beds { get; set; }
        public int Slots { get; set; }
        public int? Availability { get; set; }
        public int? BedType { get; set; }
        public DateOnly StartDate { get; set; }
        public DateOnly? EndDate { get; set; }

        public InventoryItem ToItem() => new((Programs.HouseholdType)HouseholdType, Units, Beds, Slots,
            (InventoryAvailability?)Availability, (Programs.BedType?)BedType, StartDate, EndDate);
    }
}

internal static class DynamicParametersExtensions
{
    public static DynamicParameters With(this DynamicParameters parameters, string name, object? value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}

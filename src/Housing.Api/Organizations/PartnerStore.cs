using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Organizations;

/// <summary>The agencies an organisation takes referrals from, in id order.</summary>
public sealed record Partners(Guid OrganizationId, IReadOnlyList<Guid> AgencyIds)
{
    /// <summary>
    /// Taken from the list itself (it has no version of its own): two reads give the same tag
    /// exactly when they give the same agencies, which is what If-Match needs to refuse a
    /// replacement built on a list that has since changed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ETag => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.ASCII.GetBytes(string.Join(",", AgencyIds.Select(a => a.ToString("D"))))))[..16];
}

/// <summary>The agencies an organisation's referral-only programs take referrals from; an empty list takes none.</summary>
public sealed record SetPartnersRequest(
    [property: Required, MaxLength(PartnerStore.MaxPartners, ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Partners_Max))]
    [property: UniqueItems(ErrorMessageResourceType = typeof(ProblemText), ErrorMessageResourceName = nameof(ProblemText.Problem_Partners_Unique))]
    IReadOnlyList<Guid>? AgencyIds = null);

public enum SetPartnersOutcome { Set, NotFound, NotAgencies, Stale }

/// <summary>
/// <c>organization_partners</c>: who may refer to an organisation's referral-only programs.
/// A change moves on the catalog counter of each of the organisation's programs in its own
/// transaction, so every instance reloads the partners with the program (<see cref="CatalogRefresher"/>),
/// and on PostgreSQL a referral's hold, which locks those counters first, is put in order with it.
/// </summary>
public sealed class PartnerStore(IDbConnectionFactory connections, ProgramCatalog catalog)
{
    public const int MaxPartners = 200;

    /// <param name="organizationScope">A shelter's own organisation: any other is not found.</param>
    public async Task<Partners?> GetAsync(Guid organizationId, Guid? organizationScope, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var found = await db.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM organizations WHERE id = @organizationId AND (@organizationScope IS NULL OR id = @organizationScope);
            """, new { organizationId, organizationScope }, cancellationToken: ct));
        if (found == 0) return null;
        var partners = await OfAsync(db, null, [organizationId], ct);
        return new Partners(organizationId, partners[organizationId].ToList());
    }

    private static readonly DialectSql AgenciesAmong = DialectSql.WithList("""
        SELECT id FROM organizations WHERE type IN ('agency', 'provider_and_agency') AND id IN @ids;
        """);

    /// <summary>
    /// Replaces the organisation's partners. <see cref="SetPartnersOutcome.NotAgencies"/> comes with
    /// the positions in <paramref name="agencyIds"/> that name no organisation of an agency type;
    /// <see cref="SetPartnersOutcome.Stale"/>, with the list as it stands.
    /// </summary>
    public async Task<(SetPartnersOutcome Outcome, Partners? Partners, IReadOnlyList<int> NotAgencies)> SetAsync(
        Guid organizationId, IReadOnlyList<Guid> agencyIds, Guid? organizationScope, IfMatch? ifMatch, Actor actor, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        // On PostgreSQL the row lock puts two changes of one organisation's partners in order (the
        // second would otherwise insert rows the first is inserting), and waits for a program of
        // the organisation being created, which reads the partners it starts with.
        var found = await db.ExecuteScalarAsync<int>(new CommandDefinition($"""
            SELECT COUNT(*) FROM (SELECT id FROM organizations
            WHERE id = @organizationId AND (@organizationScope IS NULL OR id = @organizationScope){(db.IsPostgres() ? " FOR UPDATE" : "")}) o;
            """, new { organizationId, organizationScope }, tx, cancellationToken: ct));
        if (found == 0) return (SetPartnersOutcome.NotFound, null, []);
        if (ifMatch is not null)
        {
            var current = new Partners(organizationId, (await OfAsync(db, tx, [organizationId], ct))[organizationId].ToList());
            if (!ifMatch.Matches(current.ETag)) return (SetPartnersOutcome.Stale, current, []);
        }

        var agencies = agencyIds.Count == 0
            ? []
            : (await db.QueryAsync<IdRow>(new CommandDefinition(AgenciesAmong.For(db), new { ids = TypeHandlers.AsText(agencyIds) }, tx, cancellationToken: ct)))
                .Select(r => r.Id).ToHashSet();
        var notAgencies = Enumerable.Range(0, agencyIds.Count).Where(i => !agencies.Contains(agencyIds[i])).ToList();
        if (notAgencies.Count > 0) return (SetPartnersOutcome.NotAgencies, null, notAgencies);

        await db.ExecuteAsync(new CommandDefinition("""
            DELETE FROM organization_partners WHERE organization_id = @organizationId;
            """, new { organizationId }, tx, cancellationToken: ct));
        var sorted = agencyIds.Distinct().Order(GuidOrder.Instance).ToArray();
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO organization_partners (organization_id, partner_id) VALUES (@organizationId, @partnerId);
            """, sorted.Select(partnerId => new { organizationId, partnerId }), tx, cancellationToken: ct));
        var bumped = (await db.QueryAsync<VersionRow>(new CommandDefinition("""
            UPDATE catalog_versions SET version = version + 1
            WHERE program_id IN (SELECT id FROM programs WHERE organization_id = @organizationId)
            RETURNING program_id, version;
            """, new { organizationId }, tx, cancellationToken: ct))).ToList();
        await AuditLog.WriteAsync(db, tx, now, actor, "organization.partners_set", "organization", organizationId, ct);
        await write.CommitAsync(ct);
        foreach (var row in bumped) catalog.PartnersChanged(row.ProgramId, sorted, row.Version);
        return (SetPartnersOutcome.Set, new Partners(organizationId, sorted), []);
    }

    private static readonly DialectSql PartnersOf = DialectSql.WithList("""
        SELECT organization_id, partner_id FROM organization_partners WHERE organization_id IN @ids;
        """);

    /// <summary>Each organisation's partners in id order (every organisation's when <paramref name="organizationIds"/> is null).</summary>
    public static async Task<ILookup<Guid, Guid>> OfAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<Guid>? organizationIds, CancellationToken ct)
    {
        if (organizationIds is { Count: 0 }) return Array.Empty<Guid>().ToLookup(g => g);
        var rows = organizationIds is null
            ? await db.QueryAsync<PartnerRow>(new CommandDefinition("""
                SELECT organization_id, partner_id FROM organization_partners;
                """, transaction: tx, cancellationToken: ct))
            : await db.QueryAsync<PartnerRow>(new CommandDefinition(PartnersOf.For(db), new { ids = TypeHandlers.AsText(organizationIds) }, tx, cancellationToken: ct));
        return rows.OrderBy(r => r.PartnerId, GuidOrder.Instance).ToLookup(r => r.OrganizationId, r => r.PartnerId);
    }

    /// <summary>Every organisation's partners, for loading the catalog.</summary>
    public async Task<ILookup<Guid, Guid>> AllAsync(CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await OfAsync(db, null, null, ct);
    }

    /// <summary>These organisations' partners, for refreshing the catalog.</summary>
    public async Task<ILookup<Guid, Guid>> ForAsync(IReadOnlyCollection<Guid> organizationIds, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await OfAsync(db, null, organizationIds, ct);
    }

    private static readonly DialectSql ReferralTerms = DialectSql.WithList("""
        SELECT p.id AS ProgramId, p.eligibility_json,
               CASE WHEN EXISTS (SELECT 1 FROM organization_partners op
                                 WHERE op.organization_id = p.organization_id AND op.partner_id = @agencyId) THEN 1 ELSE 0 END AS Partner
        FROM programs p WHERE p.id IN @ids;
        """);

    /// <summary>
    /// Which of these programs take referrals only from partner agencies that <paramref name="agencyId"/>
    /// is not one of, as the database says inside the referral's transaction: on PostgreSQL after
    /// the programs' catalog counters are locked (<see cref="CatalogVersions.LockAsync"/>), which a
    /// change of partners also takes, so neither can slip past the other.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> NotPartnerOfAsync(DbConnection db, DbTransaction tx, Guid agencyId, IReadOnlyCollection<Guid> programIds,
        CancellationToken ct)
    {
        if (programIds.Count == 0) return new HashSet<Guid>();
        var rows = await db.QueryAsync<TermsRow>(new CommandDefinition(ReferralTerms.For(db),
            new { agencyId, ids = TypeHandlers.AsText(programIds) }, tx, cancellationToken: ct));
        return rows.Where(r => r.Partner == 0 && HousingJson.Deserialize<EligibilityProfile>(r.EligibilityJson).ReferralOnly)
            .Select(r => r.ProgramId).ToHashSet();
    }

    private sealed class IdRow
    {
        public Guid Id { get; set; }
    }

    private sealed class PartnerRow
    {
        public Guid OrganizationId { get; set; }
        public Guid PartnerId { get; set; }
    }

    private sealed class VersionRow
    {
        public Guid ProgramId { get; set; }
        public long Version { get; set; }
    }

    private sealed class TermsRow
    {
        public Guid ProgramId { get; set; }
        public string EligibilityJson { get; set; } = "{}";
        public long Partner { get; set; }
    }
}

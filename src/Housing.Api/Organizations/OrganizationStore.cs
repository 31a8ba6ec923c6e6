using Dapper;
using Housing.Api.Audit;
using Housing.Api.Data;
using Housing.Api.Http;

namespace Housing.Api.Organizations;

public sealed class OrganizationStore(IDbConnectionFactory connections)
{
    private const string Columns = """
        id, name, type, region, phone, email, created_at
        """;

    public async Task<Organization> CreateAsync(CreateOrganizationRequest request, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var organization = new Organization(Guid.CreateVersion7(), request.Name!.Trim(), request.Type!.Value,
            request.Region, request.Phone?.Trim(), request.Email?.Trim(), now);
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO organizations (id, name, type, region, phone, email, created_at)
            VALUES (@Id, @Name, @Type, @Region, @Phone, @Email, @CreatedAt);
            """, new
        {
            organization.Id,
            organization.Name,
            Type = HousingJson.Text(organization.Type),
            organization.Region,
            organization.Phone,
            organization.Email,
            organization.CreatedAt,
        }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(db, tx, now, actor, "organization.created", "organization", organization.Id, ct);
        await write.CommitAsync(ct);
        return organization;
    }

    public async Task<Organization?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM organizations WHERE id = @id;
            """, new { id }, cancellationToken: ct));
        return row?.ToOrganization();
    }

    private static readonly DialectSql Existing = DialectSql.WithList("SELECT id FROM organizations WHERE id IN @ids;");

    /// <summary>Which of these organisations exist.</summary>
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new HashSet<Guid>();
        await using var db = await connections.OpenAsync(ct);
        var found = await db.QueryAsync<Guid>(new CommandDefinition(Existing.For(db), new { ids = TypeHandlers.AsText(ids) }, cancellationToken: ct));
        return found.ToHashSet();
    }

    /// <param name="onlyId">When set (a shelter's own organisation), nothing else is listed.</param>
    public async Task<IReadOnlyList<Organization>> ListAsync(OrganizationType? type, Guid? onlyId, Guid? after, int limit, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns}
            FROM organizations
            WHERE (@type IS NULL OR type = @type)
              AND (@onlyId IS NULL OR id = @onlyId)
              AND (@after IS NULL OR id > @after)
            ORDER BY id
            LIMIT @take;
            """, new { type = type is { } t ? HousingJson.Text(t) : null, onlyId, after, take = limit + 1 }, cancellationToken: ct));
        return rows.Select(r => r.ToOrganization()).ToList();
    }

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
        public string? Region { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public Organization ToOrganization()
        {
            HousingJson.TryParse<OrganizationType>(Type, out var type);
            return new Organization(Id, Name, type, Region, Phone, Email, CreatedAt);
        }
    }
}

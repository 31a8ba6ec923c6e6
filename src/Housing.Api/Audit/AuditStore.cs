using Dapper;
using Housing.Api.Data;

namespace Housing.Api.Audit;

/// <summary>One audited action: who (key id and role) did what to which entity, and when. Never client data.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string KeyId, string Role, string Action, string EntityType, string EntityId);

public sealed class AuditStore(IDbConnectionFactory connections)
{
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? entityType, string? entityId, string? action, string? keyId,
        long? after, int limit, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<Row>(new CommandDefinition("""
            SELECT id, at, key_id, role, action, entity_type, entity_id
            FROM audit_log
            WHERE (@entityType IS NULL OR entity_type = @entityType)
              AND (@entityId IS NULL OR entity_id = @entityId)
              AND (@action IS NULL OR action = @action)
              AND (@keyId IS NULL OR key_id = @keyId)
              AND (@after IS NULL OR id > @after)
            ORDER BY id
            LIMIT @take;
            """, new { entityType, entityId, action, keyId, after, take = limit + 1 }, cancellationToken: ct));
        return rows.Select(r => new AuditEntry(r.Id, r.At, r.KeyId, r.Role, r.Action, r.EntityType, r.EntityId)).ToList();
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public DateTimeOffset At { get; set; }
        public string KeyId { get; set; } = "";
        public string Role { get; set; } = "";
        public string Action { get; set; } = "";
        public string EntityType { get; set; } = "";
        public string EntityId { get; set; } = "";
    }
}

/// <summary>A page of audit entries; pass <c>next</c> back as <c>after</c>.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Next);

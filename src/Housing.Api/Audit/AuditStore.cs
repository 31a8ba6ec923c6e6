using Dapper;
using Housing.Api.Data;

namespace Housing.Api.Audit;

/// <summary>
/// One audited action: who (key id and role; <c>personId</c> when a person signed in to the
/// console acted, whose id is then also the key id) did what to which entity, and when; for a
/// program's update, <c>changes</c> names the fields it changed (never their values). Never client data.
/// </summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string KeyId, string Role, string Action, string EntityType, string EntityId,
    IReadOnlyList<string>? Changes = null, Guid? PersonId = null);

/// <summary>Which entries to list; each filter left null lets every entry through. <c>Before</c> is exclusive.</summary>
public sealed record AuditFilter(string? EntityType = null, string? EntityId = null, string? Action = null, string? KeyId = null,
    DateTimeOffset? Since = null, DateTimeOffset? Before = null, Guid? PersonId = null);

public sealed class AuditStore(IDbConnectionFactory connections)
{
    /// <summary>Oldest first. Times are stored as UTC text of one width, so comparing the text compares the times.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter, long? after, int limit, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<Row>(new CommandDefinition("""
            SELECT id, at, key_id, role, action, entity_type, entity_id, changes, person_id
            FROM audit_log
            WHERE (@EntityType IS NULL OR entity_type = @EntityType)
              AND (@EntityId IS NULL OR entity_id = @EntityId)
              AND (@Action IS NULL OR action = @Action)
              AND (@KeyId IS NULL OR key_id = @KeyId)
              AND (@PersonId IS NULL OR person_id = @PersonId)
              AND (@Since IS NULL OR at >= @Since)
              AND (@Before IS NULL OR at < @Before)
              AND (@after IS NULL OR id > @after)
            ORDER BY id
            LIMIT @take;
            """, new { filter.EntityType, filter.EntityId, filter.Action, filter.KeyId, filter.Since, filter.Before, filter.PersonId, after, take = limit + 1 },
            cancellationToken: ct));
        return rows.Select(r => new AuditEntry(r.Id, r.At, r.KeyId, r.Role, r.Action, r.EntityType, r.EntityId, AuditLog.Changes.Split(r.Changes), r.PersonId)).ToList();
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
        public string? Changes { get; set; }
        public Guid? PersonId { get; set; }
    }
}

/// <summary>A page of audit entries; pass <c>next</c> back as <c>after</c>.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Next);

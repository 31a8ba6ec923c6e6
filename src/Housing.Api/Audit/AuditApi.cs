using System.ComponentModel;
using Dapper;
using Housing.Api.Auth;
using Housing.Api.Data;
using Housing.Api.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

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
            SELECT id AS Id, at AS At, key_id AS KeyId, role AS Role, action AS Action, entity_type AS EntityType, entity_id AS EntityId
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

public static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/audit").WithTags("Audit").RequireRoles(Role.Admin);
        group.MapGet("/", List).WithName("ListAudit")
            .WithSummary("Who did what to which referral, program, organisation or API key, and when, oldest first");
        return group;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> List(
        AuditStore audit, CancellationToken ct,
        [Description("Only entries about this kind of entity: referral, ask, program, organization, api_key, webhook or webhook_delivery.")] string? entityType = null,
        [Description("Only entries about this entity id.")] string? entityId = null,
        [Description("Only this action, such as referral.accepted, placement.read, program.updated or availability.posted.")] string? action = null,
        [Description("Only entries made with this key id.")] string? keyId = null,
        [Description("Return entries after this one (the previous page's `next`).")] long? after = null,
        [Description("Page size, 1 to 200 (default 50).")] int? limit = null)
    {
        var v = new Validation();
        var take = Paging.Limit(v, limit);
        entityType = v.Filter("entityType", entityType, 40);
        entityId = v.Filter("entityId", entityId, 64);
        action = v.Filter("action", action, 64);
        keyId = v.Filter("keyId", keyId, 64);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = await audit.ListAsync(entityType, entityId, action, keyId, after, take, ct);
        return TypedResults.Ok(rows.Count > take ? new AuditPage(rows.Take(take).ToList(), rows[take - 1].Id) : new AuditPage(rows, null));
    }
}

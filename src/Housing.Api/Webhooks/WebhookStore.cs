using Dapper;
using Housing.Api.Audit;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Security;

namespace Housing.Api.Webhooks;

public enum SetOutcome { Created, Updated, Unchanged, Stale, NoOrganization }

/// <summary>Webhook registrations: one per organisation. Secrets are sealed at rest (<see cref="Sealers.WebhookSecrets"/>).</summary>
public sealed class WebhookStore(IDbConnectionFactory connections, Sealers sealers)
{
    private const string Columns = """
        organization_id, url, secret, version, created_at, updated_at
        """;

    public async Task<Webhook?> GetAsync(Guid organizationId, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM webhooks WHERE organization_id = @organizationId;
            """, new { organizationId }, cancellationToken: ct));
        return row?.ToWebhook(sealers.WebhookSecrets);
    }

    private static readonly DialectSql Many = DialectSql.WithList($"SELECT {Columns} FROM webhooks WHERE organization_id IN @ids;");

    /// <summary>The webhooks of these organisations, by organisation (those without one are absent).</summary>
    public async Task<IReadOnlyDictionary<Guid, Webhook>> GetManyAsync(IEnumerable<Guid> organizationIds, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<Row>(new CommandDefinition(Many.For(db), new { ids = TypeHandlers.AsText(organizationIds.Distinct()) }, cancellationToken: ct));
        return rows.Select(r => r.ToWebhook(sealers.WebhookSecrets)).ToDictionary(w => w.OrganizationId);
    }

    /// <summary>
    /// The registration as the If-Match check reads it: on PostgreSQL its row stays locked until
    /// the write, so two instances cannot both replace the same version; SQLite's write lock does that already.
    /// </summary>
    private static readonly DialectSql ReadForUpdate = new(
        Sqlite: $"SELECT {Columns} FROM webhooks WHERE organization_id = @organizationId;",
        Postgres: $"SELECT {Columns} FROM webhooks WHERE organization_id = @organizationId FOR UPDATE;");

    /// <summary>
    /// Registers or replaces the webhook. Sending the one already stored changes nothing (no new
    /// version), so a retried PUT is harmless; an If-Match that names another version is refused.
    /// </summary>
    public async Task<(SetOutcome Outcome, Webhook? Webhook)> SetAsync(Guid organizationId, string url, string secret, IfMatch? ifMatch,
        Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var known = await db.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM organizations WHERE id = @organizationId);
            """, new { organizationId }, tx, cancellationToken: ct));
        if (!known) return (SetOutcome.NoOrganization, null);
        var existing = (await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(ReadForUpdate.For(db),
            new { organizationId }, tx, cancellationToken: ct)))?.ToWebhook(sealers.WebhookSecrets);
        if (ifMatch is not null && (existing is null || !ifMatch.Matches(existing.ETag))) return (SetOutcome.Stale, existing);
        if (existing is not null && existing.Url == url && existing.Secret == secret) return (SetOutcome.Unchanged, existing);

        var stored = (await db.QuerySingleAsync<Row>(new CommandDefinition($"""
            INSERT INTO webhooks (organization_id, url, secret, version, created_at, updated_at)
            VALUES (@organizationId, @url, @secret, 1, @now, @now)
            ON CONFLICT (organization_id) DO UPDATE
                SET url = excluded.url, secret = excluded.secret, version = webhooks.version + 1, updated_at = excluded.updated_at
            RETURNING {Columns};
            """, new { organizationId, url, secret = sealers.WebhookSecrets.Seal(secret), now }, tx, cancellationToken: ct))).ToWebhook(sealers.WebhookSecrets);
        await AuditLog.WriteAsync(db, tx, now, actor, existing is null ? "webhook.created" : "webhook.updated", "webhook", organizationId, ct);
        await write.CommitAsync(ct);
        return (existing is null ? SetOutcome.Created : SetOutcome.Updated, stored);
    }

    /// <summary>Removes the webhook; events still waiting for it are marked failed, since there is nowhere to send them.</summary>
    public async Task<bool> DeleteAsync(Guid organizationId, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            DELETE FROM webhooks WHERE organization_id = @organizationId;
            """, new { organizationId }, tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET status = 'failed', last_error = @error
            WHERE organization_id = @organizationId AND status = 'pending';
            """, new { organizationId, error = DeliveryStore.NoWebhookError }, tx, cancellationToken: ct));
        if (rows == 1) await AuditLog.WriteAsync(db, tx, now, actor, "webhook.deleted", "webhook", organizationId, ct);
        await write.CommitAsync(ct);
        return rows == 1;
    }

    private sealed class Row
    {
        public Guid OrganizationId { get; set; }
        public string Url { get; set; } = "";
        public string Secret { get; set; } = "";
        public long Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public Webhook ToWebhook(Sealer secrets) => new(OrganizationId, Url, secrets.Open(Secret)!, Version, CreatedAt, UpdatedAt);
    }
}

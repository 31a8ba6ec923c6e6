using Dapper;
using Housing.Api.Audit;
using Housing.Api.Data;
using Housing.Api.Http;

namespace Housing.Api.Webhooks;

public enum RetryOutcome { Requeued, NotFound, NotFailed, NoWebhook }

/// <summary>The outbox as deliveries: what the worker claims and records, and what an organisation lists.</summary>
public sealed class DeliveryStore(IDbConnectionFactory connections)
{
    public const string NoWebhookError = "The organisation has no webhook.";

    private const string ViewColumns = """
        event_id, type, status, attempts, created_at,
        next_attempt_at, last_attempt_at, last_status_code,
        last_error, delivered_at
        """;

    /// <summary>An organisation's deliveries, newest first; <paramref name="after"/> is the previous page's last event id.</summary>
    public async Task<IReadOnlyList<DeliveryView>> ListAsync(Guid organizationId, DeliveryStatus? status, Guid? after, int limit, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<ViewRow>(new CommandDefinition($"""
            SELECT {ViewColumns}
            FROM outbox
            WHERE organization_id = @organizationId
              AND (@status IS NULL OR status = @status)
              AND (@after IS NULL OR id < (SELECT id FROM outbox WHERE event_id = @after AND organization_id = @organizationId))
            ORDER BY id DESC
            LIMIT @take;
            """, new { organizationId, status = status is { } s ? HousingJson.Text(s) : null, after, take = limit + 1 }, cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    /// <summary>Sends a failed event again, from its first attempt, if the organisation still has a webhook.</summary>
    public async Task<(RetryOutcome Outcome, DeliveryView? Delivery)> RetryAsync(Guid organizationId, Guid eventId, Actor actor, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var row = await db.QuerySingleOrDefaultAsync<ViewRow>(new CommandDefinition($"""
            SELECT {ViewColumns} FROM outbox WHERE organization_id = @organizationId AND event_id = @eventId;
            """, new { organizationId, eventId }, tx, cancellationToken: ct));
        if (row is null) return (RetryOutcome.NotFound, null);
        if (row.Status != "failed") return (RetryOutcome.NotFailed, row.ToView());
        var hasWebhook = await db.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM webhooks WHERE organization_id = @organizationId);
            """, new { organizationId }, tx, cancellationToken: ct));
        if (!hasWebhook) return (RetryOutcome.NoWebhook, row.ToView());
        // Still failed: another retry (here or on another instance) may have requeued it since the read.
        var requeued = await db.QuerySingleOrDefaultAsync<ViewRow>(new CommandDefinition($"""
            UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @now
            WHERE organization_id = @organizationId AND event_id = @eventId AND status = 'failed'
            RETURNING {ViewColumns};
            """, new { organizationId, eventId, now }, tx, cancellationToken: ct));
        if (requeued is null) return (RetryOutcome.NotFailed, row.ToView());
        await AuditLog.WriteAsync(db, tx, now, actor, "webhook.delivery_retried", "webhook_delivery", eventId, ct);
        await write.CommitAsync(ct);
        return (RetryOutcome.Requeued, requeued.ToView());
    }

    /// <summary>
    /// Claiming due events: moving their next attempt to the end of the lease is the claim. On
    /// SQLite the transaction holds the file's write lock, so one claimer runs at a time. On
    /// PostgreSQL several instances claim at once: each skips the rows another is claiming
    /// (<c>FOR UPDATE SKIP LOCKED</c>) and takes the next due ones, and the outer condition is
    /// checked again on the row as it is when locked, so an event is never claimed twice.
    /// </summary>
    private static readonly DialectSql Claim = new(
        Sqlite: """
            UPDATE outbox SET next_attempt_at = @leaseUntil
            WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY id LIMIT @limit)
              AND status = 'pending' AND next_attempt_at <= @now
            RETURNING id, event_id, organization_id, type, payload_json, attempts, created_at;
            """,
        Postgres: """
            UPDATE outbox SET next_attempt_at = @leaseUntil
            WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED)
              AND status = 'pending' AND next_attempt_at <= @now
            RETURNING id, event_id, organization_id, type, payload_json, attempts, created_at;
            """);

    /// <summary>
    /// Reserves up to <paramref name="limit"/> due events, oldest first, until <paramref name="leaseUntil"/>:
    /// no other pass, here or on another instance, takes them meanwhile, and if this process dies they fall due again.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var rows = await db.QueryAsync<MessageRow>(new CommandDefinition(Claim.For(db), new { now, leaseUntil, limit }, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
        return rows.Select(r => new OutboxMessage(r.Id, r.EventId, r.OrganizationId, r.Type, r.PayloadJson, r.Attempts, r.CreatedAt)).OrderBy(m => m.Id).ToList();
    }

    /// <summary>Records a real attempt: delivered, failed for good (<paramref name="nextAttemptAt"/> null), or due again later.</summary>
    public Task RecordAttemptAsync(long id, DeliveryStatus status, int? statusCode, string? error, DateTimeOffset now, DateTimeOffset? nextAttemptAt,
        CancellationToken ct) => ExecuteAsync("""
            UPDATE outbox
            SET status = @status, attempts = attempts + 1, last_attempt_at = @now, last_status_code = @statusCode, last_error = @error,
                next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at),
                delivered_at = CASE WHEN @status = 'delivered' THEN @now END
            WHERE id = @id AND status = 'pending';
            """, new { id, status = HousingJson.Text(status), statusCode, error, now, nextAttemptAt }, ct);

    /// <summary>Nothing was sent (the endpoint's circuit is open): due again later, no attempt counted.</summary>
    public Task PostponeAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken ct) => ExecuteAsync("""
        UPDATE outbox SET next_attempt_at = @nextAttemptAt, last_error = @error WHERE id = @id AND status = 'pending';
        """, new { id, error, nextAttemptAt }, ct);

    public Task GiveUpAsync(long id, string error, CancellationToken ct) => ExecuteAsync("""
        UPDATE outbox SET status = 'failed', last_error = @error WHERE id = @id AND status = 'pending';
        """, new { id, error }, ct);

    /// <summary>Deletes finished events created before <paramref name="cutoff"/>; pending ones stay until they finish.</summary>
    public Task PurgeAsync(DateTimeOffset cutoff, CancellationToken ct) => ExecuteAsync("""
        DELETE FROM outbox WHERE status <> 'pending' AND created_at < @cutoff;
        """, new { cutoff }, ct);

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await db.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
    }

    private sealed class ViewRow
    {
        public Guid EventId { get; set; }
        public string Type { get; set; } = "";
        public string Status { get; set; } = "";
        public int Attempts { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; }
        public DateTimeOffset? LastAttemptAt { get; set; }
        public int? LastStatusCode { get; set; }
        public string? LastError { get; set; }
        public DateTimeOffset? DeliveredAt { get; set; }

        public DeliveryView ToView()
        {
            HousingJson.TryParse<DeliveryStatus>(Status, out var status);
            return new DeliveryView(EventId, Type, status, Attempts, CreatedAt, status == DeliveryStatus.Pending ? NextAttemptAt : null,
                LastAttemptAt, LastStatusCode, LastError, DeliveredAt);
        }
    }

    private sealed class MessageRow
    {
        public long Id { get; set; }
        public Guid EventId { get; set; }
        public Guid OrganizationId { get; set; }
        public string Type { get; set; } = "";
        public string PayloadJson { get; set; } = "";
        public int Attempts { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}

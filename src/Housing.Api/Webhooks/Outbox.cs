using System.Data.Common;
using Dapper;
using Housing.Api.Http;

namespace Housing.Api.Webhooks;

/// <summary>
/// Writes events inside the caller's transaction, so an event exists exactly when the change
/// it reports was committed. Only organisations with a webhook get a row; the others poll.
/// </summary>
public static class Outbox
{
    /// <summary>Queues <paramref name="type"/> for <paramref name="organizationId"/>, if it has a webhook; returns whether it was queued.</summary>
    public static async Task<bool> AddAsync<TData>(DbConnection db, DbTransaction tx, Guid organizationId, string type, TData data,
        DateTimeOffset now, CancellationToken ct)
    {
        var eventId = Guid.CreateVersion7(now);
        var payload = HousingJson.Serialize(new WebhookEvent<TData>(eventId, type, now, data));
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO outbox (event_id, organization_id, type, payload_json, created_at, status, attempts, next_attempt_at)
            SELECT @eventId, @organizationId, @type, @payload, @now, 'pending', 0, @now
            WHERE EXISTS (SELECT 1 FROM webhooks WHERE organization_id = @organizationId);
            """, new { eventId, organizationId, type, payload, now }, tx, cancellationToken: ct));
        return rows == 1;
    }
}

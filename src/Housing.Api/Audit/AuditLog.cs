using System.Data.Common;
using Dapper;
using Housing.Api.Auth;
using Housing.Api.Http;

namespace Housing.Api.Audit;

/// <summary>Who acted: an API key's id and role, or the service itself (the demo seed, the sweeper).</summary>
public sealed record Actor(string KeyId, string Role)
{
    public static Actor Of(Caller caller) => new(caller.KeyId, HousingJson.Text(caller.Role));

    public static Actor Service(string what) => new(what, "service");
}

/// <summary>
/// Writes an audit row inside the transaction that makes the change it records, so there is
/// never a change without its row, nor a row for a change that rolled back. Never client data:
/// who, what, which entity, when.
/// </summary>
public static class AuditLog
{
    public static Task WriteAsync(DbConnection db, DbTransaction? tx, DateTimeOffset at, Actor actor, string action, string entityType, Guid entityId, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_log (at, key_id, role, action, entity_type, entity_id)
            VALUES (@at, @KeyId, @Role, @action, @entityType, @entityId);
            """, new { at, actor.KeyId, actor.Role, action, entityType, entityId }, tx, cancellationToken: ct));
}

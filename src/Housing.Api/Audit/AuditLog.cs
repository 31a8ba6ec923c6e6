using System.Data.Common;
using Dapper;
using Housing.Api.Auth;
using Housing.Api.Http;

namespace Housing.Api.Audit;

/// <summary>Who acted: an API key's id and role, a person signed in to the console (whose id is then the key id), or the service itself (the demo seed, the sweeper).</summary>
public sealed record Actor(string KeyId, string Role)
{
    public static Actor Of(Caller caller) => new(caller.KeyId, HousingJson.Text(caller.Role));

    public static Actor Service(string what) => new(what, "service");
}

/// <summary>
/// Writes an audit row inside the transaction that makes the change it records, so there is
/// never a change without its row, nor a row for a change that rolled back. Never client data:
/// who, what, which entity, when, and for an update the names of the fields it changed (never
/// their values). The person who acted is recorded wherever an actor's id is a person's, so
/// every path that writes an entry (with an <see cref="Actor"/>, or an id kept on a referral or
/// a watch since) names the person without carrying them separately.
/// </summary>
public static class AuditLog
{
    public static Task WriteAsync(DbConnection db, DbTransaction? tx, DateTimeOffset at, Actor actor, string action, string entityType, Guid entityId,
        CancellationToken ct, IReadOnlyList<string>? changes = null) =>
        db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_log (at, key_id, role, action, entity_type, entity_id, changes, person_id)
            VALUES (@at, @KeyId, @Role, @action, @entityType, @entityId, @changes, (SELECT id FROM people WHERE id = @KeyId));
            """, new { at, actor.KeyId, actor.Role, action, entityType, entityId, changes = Changes.Join(changes) }, tx, cancellationToken: ct));

    /// <summary>Field names as stored: comma-separated (a field's API name has no comma).</summary>
    public static class Changes
    {
        public static string? Join(IReadOnlyList<string>? names) => names is { Count: > 0 } ? string.Join(',', names) : null;

        public static IReadOnlyList<string>? Split(string? stored) => stored is { Length: > 0 } ? stored.Split(',') : null;
    }
}

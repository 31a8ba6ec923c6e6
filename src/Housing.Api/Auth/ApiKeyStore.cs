using System.Collections.Concurrent;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Data;
using Housing.Api.Http;
using Microsoft.Extensions.Options;

namespace Housing.Api.Auth;

public sealed record ApiKeyInfo(Guid Id, Role Role, Guid? OrganizationId, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed class ApiKeyStore(IDbConnectionFactory connections, TimeProvider clock, IOptions<AuthOptions> options)
{
    private readonly ConcurrentDictionary<Guid, (KeyRow Row, DateTimeOffset ReadAt)> _cache = new();

    public async Task<Caller?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        if (!ApiKeySecret.TryParseId(presented, out var id)) return null;
        var row = await ReadAsync(id, ct);
        if (row is null || !ApiKeySecret.Matches(presented, row.KeyHash) || row.RevokedAt is not null) return null;
        HousingJson.TryParse<Role>(row.Role, out var role);
        return new Caller(id.ToString(), role, row.OrganizationId);
    }

    /// <summary>
    /// Whether a key that was valid at sign-in still is: the console re-checks its session's key on
    /// every request, through the same short cache as the API, so revoking a key ends its sessions too.
    /// </summary>
    public async Task<bool> IsActiveAsync(Guid id, CancellationToken ct) =>
        await ReadAsync(id, ct) is { RevokedAt: null };

    /// <summary>Known keys are cached briefly (the hash is still compared on every request); unknown ids are not.</summary>
    private async Task<KeyRow?> ReadAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ttl = TimeSpan.FromSeconds(options.Value.KeyCacheSeconds);
        if (_cache.TryGetValue(id, out var cached) && now - cached.ReadAt < ttl) return cached.Row;

        await using var db = await connections.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition("""
            SELECT key_hash, role, organization_id, revoked_at
            FROM api_keys
            WHERE id = @id;
            """, new { id }, cancellationToken: ct));
        if (row is not null && ttl > TimeSpan.Zero) _cache[id] = (row, now);
        return row;
    }

    public async Task<(ApiKeyInfo Info, string Key)> CreateAsync(Role role, Guid? organizationId, string label, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var (id, key) = ApiKeySecret.Generate();
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO api_keys (id, key_hash, role, organization_id, label, created_at)
            VALUES (@id, @hash, @role, @organizationId, @label, @now);
            """, new { id, hash = ApiKeySecret.Hash(key), role = HousingJson.Text(role), organizationId, label, now }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(db, tx, now, actor, "api_key.created", "api_key", id, ct);
        await write.CommitAsync(ct);
        return (new ApiKeyInfo(id, role, organizationId, label, now, null), key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<InfoRow>(new CommandDefinition("""
            SELECT id, role, organization_id, label,
                   created_at, revoked_at
            FROM api_keys
            ORDER BY id;
            """, cancellationToken: ct));
        return rows.Select(r => r.ToInfo()).ToList();
    }

    /// <summary>Revoking twice is harmless: the first revocation time is kept.</summary>
    public async Task<bool> RevokeAsync(Guid id, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @id;
            """, new { id, now }, tx, cancellationToken: ct));
        if (rows == 1) await AuditLog.WriteAsync(db, tx, now, actor, "api_key.revoked", "api_key", id, ct);
        await write.CommitAsync(ct);
        _cache.TryRemove(id, out _);
        return rows == 1;
    }

    /// <summary>Revokes every key with this label (demo keys are re-issued on each demo start).</summary>
    public async Task RevokeByLabelAsync(string label, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        await write.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE api_keys SET revoked_at = @now WHERE label = @label AND revoked_at IS NULL;
            """, new { label, now }, write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
        _cache.Clear();
    }

    // Row classes with setters: Dapper applies our type handlers to properties, not to constructor arguments.
    private sealed class KeyRow
    {
        public byte[] KeyHash { get; set; } = [];
        public string Role { get; set; } = "";
        public Guid? OrganizationId { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }
    }

    private sealed class InfoRow
    {
        public Guid Id { get; set; }
        public string Role { get; set; } = "";
        public Guid? OrganizationId { get; set; }
        public string Label { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }

        public ApiKeyInfo ToInfo()
        {
            HousingJson.TryParse<Role>(Role, out var role);
            return new ApiKeyInfo(Id, role, OrganizationId, Label, CreatedAt, RevokedAt);
        }
    }
}

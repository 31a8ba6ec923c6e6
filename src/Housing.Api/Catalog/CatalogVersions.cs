using System.Data.Common;
using Dapper;
using Housing.Api.Data;

namespace Housing.Api.Catalog;

/// <summary>
/// The SQL of <c>catalog_versions</c>: one counter per program, moved on in the transaction of
/// every write that changes what the catalog holds for the program, so that other instances
/// can tell what to reload (<see cref="CatalogRefresher"/>). On PostgreSQL its rows are also
/// the locks that put holds and posts on one program in order across instances.
/// </summary>
public static class CatalogVersions
{
    /// <summary>Starts a new program's counter, in the transaction that creates it.</summary>
    public static Task AddAsync(DbConnection db, DbTransaction tx, Guid programId, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO catalog_versions (program_id, version) VALUES (@programId, 1);
            """, new { programId }, tx, cancellationToken: ct));

    /// <summary>Moves the program's counter on and returns it (on PostgreSQL this also locks its row until the transaction ends).</summary>
    public static Task<long> BumpAsync(DbConnection db, DbTransaction tx, Guid programId, CancellationToken ct) =>
        db.ExecuteScalarAsync<long>(new CommandDefinition("""
            UPDATE catalog_versions SET version = version + 1 WHERE program_id = @programId RETURNING version;
            """, new { programId }, tx, cancellationToken: ct));

    /// <summary>
    /// Locks these programs until the transaction ends, before it reads their open capacity. On
    /// PostgreSQL that is a row lock on each, taken in id order, so two transactions wanting some
    /// of the same programs queue instead of deadlocking; a hold then re-reads the counts and holds
    /// other instances committed meanwhile. On SQLite there is nothing to do: a write transaction
    /// already holds the database's only write lock.
    /// </summary>
    public static async Task LockAsync(DbConnection db, DbTransaction tx, IEnumerable<Guid> programIds, CancellationToken ct)
    {
        if (!db.IsPostgres()) return;
        var ids = TypeHandlers.AsText(programIds.Distinct());
        if (ids.Count == 0) return;
        await db.ExecuteAsync(new CommandDefinition("""
            SELECT program_id FROM catalog_versions WHERE program_id = ANY(@ids) ORDER BY program_id FOR UPDATE;
            """, new { ids }, tx, cancellationToken: ct));
    }

    /// <summary>Every program's counter (in <paramref name="tx"/>, when given).</summary>
    public static async Task<Dictionary<Guid, long>> AllAsync(DbConnection db, CancellationToken ct, DbTransaction? tx = null) =>
        (await db.QueryAsync<Row>(new CommandDefinition("""
            SELECT program_id, version FROM catalog_versions;
            """, transaction: tx, cancellationToken: ct))).ToDictionary(r => r.ProgramId, r => r.Version);

    /// <summary>The program's counter now.</summary>
    public static Task<long> OfAsync(DbConnection db, DbTransaction tx, Guid programId, CancellationToken ct) =>
        db.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT version FROM catalog_versions WHERE program_id = @programId;
            """, new { programId }, tx, cancellationToken: ct));

    private sealed class Row
    {
        public Guid ProgramId { get; set; }
        public long Version { get; set; }
    }
}

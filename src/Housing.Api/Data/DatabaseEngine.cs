using System.Data.Common;
using Npgsql;

namespace Housing.Api.Data;

/// <summary>The storage engines: SQLite embedded (one instance per file), PostgreSQL for several instances.</summary>
public enum DatabaseEngine { Sqlite, Postgres }

/// <summary>
/// A statement whose text differs between the engines: both versions sit side by side in the
/// store that runs it, and the connection picks one. Every other statement is the same SQL on both.
/// </summary>
public sealed record DialectSql(string Sqlite, string Postgres)
{
    public string For(DbConnection db) => db.IsPostgres() ? Postgres : Sqlite;
}

public static class Dialect
{
    /// <summary>
    /// Whether the connection is PostgreSQL's. Statements that exist only there (row and advisory
    /// locks: on SQLite every write transaction already holds the file's single write lock) run
    /// under this test.
    /// </summary>
    public static bool IsPostgres(this DbConnection db) => db is NpgsqlConnection;
}

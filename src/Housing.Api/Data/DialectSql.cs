using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace Housing.Api.Data;

/// <summary>
/// A statement whose text differs between the engines: both versions sit side by side in the
/// store that runs it, and the connection picks one (<see cref="WithList"/> writes the commonest
/// difference once). Every other statement is the same SQL on both.
/// </summary>
public sealed partial record DialectSql(string Sqlite, string Postgres)
{
    public string For(DbConnection db) => db.IsPostgres() ? Postgres : Sqlite;

    /// <summary>
    /// A statement that filters by a list, written once as SQLite takes it, <c>column IN @list</c>
    /// (Dapper sends one parameter per item); PostgreSQL's is the same text with
    /// <c>column = ANY(@list)</c> (one array parameter).
    /// </summary>
    public static DialectSql WithList(string sqlite) => new(sqlite, InList().Replace(sqlite, "= ANY($1)"));

    [GeneratedRegex(@"\bIN (@\w+)")]
    private static partial Regex InList();
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

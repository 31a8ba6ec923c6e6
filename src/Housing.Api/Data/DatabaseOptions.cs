using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"sqlite" (the default, one instance per database file) or "postgres" (one or several instances on one database).</summary>
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Seconds a command may wait, including SQLite's retries on a busy database.</summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>PostgreSQL: retries of opening a connection after a transient failure (the server restarting, a failover, a dropped network).</summary>
    [Range(0, 10)]
    public int OpenRetries { get; set; } = 3;

    /// <summary>PostgreSQL: how long one attempt to open a connection may take.</summary>
    [Range(1, 120)]
    public int OpenTimeoutSeconds { get; set; } = 10;

    public DatabaseEngine Engine => Provider == "postgres" ? DatabaseEngine.Postgres : DatabaseEngine.Sqlite;
}

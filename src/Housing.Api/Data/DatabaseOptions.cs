using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Only "sqlite" today; "postgres" arrives with the PostgreSQL store.</summary>
    [RegularExpression("^sqlite$", ErrorMessage = "Database:Provider must be 'sqlite'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Seconds a command may wait, including SQLite's retries on a busy database.</summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}

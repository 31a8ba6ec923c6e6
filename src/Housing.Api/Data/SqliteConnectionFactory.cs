using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Housing.Api.Data;

public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;

    public SqliteConnectionFactory(string connectionString, string contentRoot, int commandTimeoutSeconds = 30)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = commandTimeoutSeconds,
        };
        var isMemory = builder.Mode == SqliteOpenMode.Memory
            || builder.DataSource == ":memory:"
            || builder.DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase);
        if (!isMemory && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public string DataSource { get; }

    public DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // synchronous is per connection, not stored in the file: FULL makes every
        // acknowledged commit survive a power cut (WAL itself is set once by the migrator).
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}

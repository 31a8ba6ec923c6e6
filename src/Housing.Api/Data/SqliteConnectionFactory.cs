using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Housing.Api.Data;

/// <summary>
/// Connections to one SQLite file, pooled. Disposed with the app's services (after every
/// background worker has stopped and made its last write), it closes the pooled connections,
/// so the last close folds the write-ahead log back into the file and nothing stays open.
/// </summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeSpan _writeWait;

    /// <summary>
    /// The file's one writer, taken in memory and in arrival order before BEGIN. When two write
    /// transactions met inside SQLite, the second slept in its busy handler and retried, so
    /// writes under load stalled in steps of 150 ms. Another process writing the same file
    /// (a CLI verb) still meets this one in SQLite's busy handler.
    /// </summary>
    private readonly SemaphoreSlim _writer = new(1, 1);

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
        _writeWait = TimeSpan.FromSeconds(commandTimeoutSeconds);
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

    /// <summary>Waits for the writer's turn, as long as a command may take, then begins IMMEDIATE (taking the file's write lock at once).</summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        if (!await _writer.WaitAsync(_writeWait, cancellationToken))
            throw new TimeoutException($"Waited {_writeWait.TotalSeconds:0} s for another write to the database to finish.");
        return await WriteTransaction.BeginAsync(OpenAsync, _writer, cancellationToken);
    }

    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}

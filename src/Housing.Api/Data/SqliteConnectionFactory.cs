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

    /// <summary>The file's one writer in this process, which commits writes that arrive together under one fsync.</summary>
    private readonly SqliteWriter _writer;

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
        _writer = new SqliteWriter(OpenAsync, TimeSpan.FromSeconds(commandTimeoutSeconds));
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

    /// <summary>Waits for the writer's turn, as long as a command may take; the write runs in the transaction its group shares (see <see cref="SqliteWriter"/>).</summary>
    public Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken) => _writer.BeginAsync(cancellationToken);

    /// <summary>Writers waiting for their turn now.</summary>
    internal int WritersWaiting => _writer.Waiting;

    /// <summary>Writes committed, and the transactions that held them.</summary>
    internal (long Writes, long Commits) Committed => _writer.Committed;

    public void Dispose()
    {
        _writer.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}

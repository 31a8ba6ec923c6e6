using System.Data.Common;

namespace Housing.Api.Data;

/// <summary>Opens a new connection per unit of work; pooling keeps that cheap.</summary>
public interface IDbConnectionFactory
{
    DatabaseEngine Engine { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens a connection and begins a transaction that will write. Every write goes through
    /// here, so that on SQLite, which has one write lock per file, writers queue in memory in
    /// arrival order rather than meeting inside SQLite, whose busy handler sleeps and retries.
    /// </summary>
    Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken);
}

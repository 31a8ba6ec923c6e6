using System.Data.Common;

namespace Housing.Api.Data;

/// <summary>
/// A write transaction, from <see cref="IDbConnectionFactory.BeginWriteAsync"/>. Run its
/// statements on <see cref="Connection"/> in <see cref="Transaction"/>, then
/// <see cref="CommitAsync"/>: when that returns, the write is durable. Never commit
/// <see cref="Transaction"/> itself, and never use the connection after the commit: on SQLite
/// both belong to a group of writes that commit together. Disposing it rolls back whatever was
/// not committed and lets the next writer in.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IWriteLease _lease;

    internal WriteTransaction(DbConnection connection, DbTransaction transaction, IWriteLease lease) =>
        (Connection, Transaction, _lease) = (connection, transaction, lease);

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public void Deconstruct(out DbConnection connection, out DbTransaction transaction) =>
        (connection, transaction) = (Connection, Transaction);

    /// <summary>Commits; returns once the write is durable (on SQLite, once its group's commit is).</summary>
    public Task CommitAsync(CancellationToken ct) => _lease.CommitAsync(ct);

    public ValueTask DisposeAsync() => _lease.EndAsync();

    /// <summary>A connection and a transaction of its own (PostgreSQL, where writers do not share).</summary>
    internal static async Task<WriteTransaction> BeginOwnAsync(Func<CancellationToken, Task<DbConnection>> open, CancellationToken ct)
    {
        var connection = await open(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            return new WriteTransaction(connection, transaction, new OwnLease(connection, transaction));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class OwnLease(DbConnection connection, DbTransaction transaction) : IWriteLease
    {
        public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

        public async ValueTask EndAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>What committing and ending a <see cref="WriteTransaction"/> mean for its engine.</summary>
internal interface IWriteLease
{
    Task CommitAsync(CancellationToken ct);

    ValueTask EndAsync();
}

using System.Data.Common;

namespace Housing.Api.Data;

/// <summary>
/// A connection with a write transaction begun on it, from <see cref="IDbConnectionFactory.BeginWriteAsync"/>.
/// Disposing it rolls back whatever was not committed, closes the connection and, on SQLite,
/// lets the next writer in.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly SemaphoreSlim? _turn;

    private WriteTransaction(DbConnection connection, DbTransaction transaction, SemaphoreSlim? turn) =>
        (Connection, Transaction, _turn) = (connection, transaction, turn);

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public void Deconstruct(out DbConnection connection, out DbTransaction transaction) =>
        (connection, transaction) = (Connection, Transaction);

    public Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    /// <summary>Opens and begins; <paramref name="turn"/>, when given, is already taken and is released on dispose, or now if this fails.</summary>
    internal static async Task<WriteTransaction> BeginAsync(Func<CancellationToken, Task<DbConnection>> open, SemaphoreSlim? turn, CancellationToken ct)
    {
        DbConnection? connection = null;
        try
        {
            connection = await open(ct);
            return new WriteTransaction(connection, await connection.BeginTransactionAsync(ct), turn);
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            turn?.Release();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            _turn?.Release();
        }
    }
}

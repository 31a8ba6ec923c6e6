using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Housing.Api.Data;

/// <summary>
/// The one writer of an SQLite file in this process, committing writes that arrive together
/// under one fsync (group commit).
/// <para>
/// Writers take turns, in memory and in arrival order. Each runs in a savepoint of one
/// transaction on one connection; its commit releases the savepoint. If no writer is waiting, it
/// then commits the transaction itself, as a lone writer always did; if some are, it lets the next
/// one in and queues the commit behind those already waiting, so the writes that queued up during
/// one fsync share the next. A commit returns only once the transaction that holds it has
/// committed (<c>synchronous=FULL</c>), so nothing is acknowledged that a power cut could take;
/// if that commit fails, every write in it fails, and none was acknowledged.
/// </para>
/// <para>
/// A write that rolls back undoes only its savepoint. A later writer in the same transaction sees
/// the earlier ones' writes, as it would have after their commits, and so returns only once they
/// are durable, whether it commits or not; readers on other connections see them only then.
/// </para>
/// </summary>
internal sealed class SqliteWriter(Func<CancellationToken, Task<DbConnection>> open, TimeSpan writeWait) : IDisposable
{
    private const string Savepoint = "write";

    /// <summary>
    /// The turn, taken in arrival order (a <see cref="SemaphoreSlim"/>'s asynchronous waiters are
    /// served first in, first out). When two write transactions met inside SQLite, the second slept
    /// in its busy handler and retried, so writes under load stalled in steps of 150 ms. Another
    /// process writing the same file (a CLI verb) still meets this one in SQLite's busy handler.
    /// </summary>
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Writers waiting for the turn (not counting queued commits).</summary>
    private int _waiting;

    private long _writes;
    private long _commits;

    /// <summary>Writers waiting for their turn now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Writes committed, and the transactions that held them: how well writes share a commit.</summary>
    public (long Writes, long Commits) Committed => (Interlocked.Read(ref _writes), Interlocked.Read(ref _commits));

    // Held by whoever holds the turn.
    private SqliteConnection? _connection;
    private SqliteTransaction? _transaction;
    private Group? _group;

    public async Task<WriteTransaction> BeginAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _waiting);
        bool turn;
        try
        {
            turn = await _turn.WaitAsync(writeWait, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        if (!turn) throw new TimeoutException($"Waited {writeWait.TotalSeconds:0} s for another write to the database to finish.");
        try
        {
            if (_transaction is null)
            {
                _connection ??= (SqliteConnection)await open(ct);
                _transaction = _connection.BeginTransaction(); // IMMEDIATE: the file's write lock, now
                _group = new Group();
            }
            _transaction.Save(Savepoint);
            return new WriteTransaction(_connection!, _transaction, new Lease(this, _group!));
        }
        catch (Exception e)
        {
            Abandon(e);
            _turn.Release();
            throw;
        }
    }

    /// <summary>Called with the turn held; gives it back.</summary>
    private Task CommitAsync(Group group)
    {
        try
        {
            if (_group != group) throw new InvalidOperationException("This write's transaction has already ended.");
            _transaction!.Release(Savepoint);
            group.Members++;
            if (Volatile.Read(ref _waiting) == 0) CommitGroup();
            else if (!group.CommitQueued)
            {
                group.CommitQueued = true;
                _ = CommitInTurnAsync(group);
            }
        }
        catch (Exception e)
        {
            Abandon(e);
            throw;
        }
        finally
        {
            _turn.Release();
        }
        return group.Committed.Task;
    }

    /// <summary>
    /// Called with the turn held, for a write that did not commit; gives the turn back. If earlier
    /// writes in its transaction are waiting for their commit, so does this one: what it read
    /// (that a request was a retry of theirs, that a hold was already taken) is theirs, and it
    /// must not answer on it before it is durable, nor at all if their commit fails.
    /// </summary>
    private Task RollBackAsync(Group group)
    {
        try
        {
            if (_group != group) return Task.CompletedTask;
            if (TransactionLost()) throw new SqliteException("SQLite rolled back the whole transaction after an error in one of its writes.", 1);
            _transaction!.Rollback(Savepoint);
            _transaction.Release(Savepoint);
            if (group.Members > 0)
            {
                if (Volatile.Read(ref _waiting) == 0) CommitGroup();
                return group.Committed.Task;
            }
            // Nothing to keep: end the transaction, so the file's write lock is free for other processes.
            _transaction.Rollback();
            _transaction.Dispose();
            (_transaction, _group) = (null, null);
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            Abandon(e);
            return group.Members > 0 ? group.Committed.Task : Task.CompletedTask;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task CommitInTurnAsync(Group group)
    {
        await _turn.WaitAsync();
        try
        {
            if (_group == group) CommitGroup();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>With the turn held: commits the transaction and tells its writers.</summary>
    private void CommitGroup()
    {
        var group = _group!;
        try
        {
            _transaction!.Commit();
        }
        catch (Exception e)
        {
            Abandon(e);
            return;
        }
        _transaction.Dispose();
        (_transaction, _group) = (null, null);
        Interlocked.Add(ref _writes, group.Members);
        Interlocked.Increment(ref _commits);
        group.Committed.TrySetResult();
    }

    /// <summary>
    /// With the turn held, after an error that may have ended the transaction: fails the writes
    /// waiting for its commit (none of them was acknowledged), and drops the connection so the
    /// next writer starts clean.
    /// </summary>
    private void Abandon(Exception error)
    {
        var (group, transaction, connection) = (_group, _transaction, _connection);
        (_group, _transaction, _connection) = (null, null, null);
        try
        {
            transaction?.Dispose();
        }
        catch (Exception)
        {
            // Already rolled back by SQLite, or the connection is broken: the connection goes too.
        }
        connection?.Dispose();
        if (group is { Members: > 0 }) group.Committed.TrySetException(error);
    }

    /// <summary>SQLite rolls back the whole transaction after some errors (a full disk, an I/O error): then the connection is back in autocommit.</summary>
    private bool TransactionLost() => SQLitePCL.raw.sqlite3_get_autocommit(_connection!.Handle) != 0;

    /// <summary>When the app stops, after its last write: commits what is waiting to be, and closes the connection.</summary>
    public void Dispose()
    {
        if (!_turn.Wait(writeWait)) return;
        try
        {
            if (_group is { Members: > 0 }) CommitGroup();
            else if (_transaction is not null) Abandon(new ObjectDisposedException(nameof(SqliteWriter)));
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>The writes in one transaction, each committed as far as its savepoint.</summary>
    private sealed class Group
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Members { get; set; }

        public bool CommitQueued { get; set; }
    }

    private sealed class Lease(SqliteWriter writer, Group group) : IWriteLease
    {
        private bool _ended;

        public Task CommitAsync(CancellationToken ct)
        {
            if (_ended) throw new InvalidOperationException("This write has already been committed or rolled back.");
            _ended = true;
            return writer.CommitAsync(group);
        }

        public ValueTask EndAsync()
        {
            if (_ended) return ValueTask.CompletedTask;
            _ended = true;
            return new ValueTask(writer.RollBackAsync(group));
        }
    }
}

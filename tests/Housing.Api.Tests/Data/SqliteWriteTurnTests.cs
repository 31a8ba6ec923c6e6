using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Housing.Api.Tests.Data;

/// <summary>
/// SQLite has one write lock per file: the service's writers take turns for it in memory,
/// so that a second writer waits in line instead of sleeping and retrying in SQLite's busy handler.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class SqliteWriteTurnTests
{
    [Test]
    public async Task ASecondWriterWaitsForTheFirstToFinishAndThenWrites()
    {
        using var dir = new TempDirectory();
        var factory = await NotesAsync(dir);

        var first = await factory.BeginWriteAsync(CancellationToken.None);
        var second = factory.BeginWriteAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.That(second.IsCompleted, Is.False, "the second writer began while the first still held the write lock");

        await InsertAsync(first, 1);
        var firstCommitted = first.CommitAsync(CancellationToken.None);
        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(10));
        await InsertAsync(next, 2);
        await next.CommitAsync(CancellationToken.None);
        await firstCommitted.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(await NotesInAsync(factory), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task WritesThatArriveTogetherShareOneCommitAndEachReturnsOnlyOnceItIsDurable()
    {
        using var dir = new TempDirectory();
        var factory = await NotesAsync(dir);
        var (writesBefore, commitsBefore) = factory.Committed;

        var first = await factory.BeginWriteAsync(CancellationToken.None);
        var second = factory.BeginWriteAsync(CancellationToken.None);
        await InsertAsync(first, 1);
        var firstCommitted = first.CommitAsync(CancellationToken.None);
        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(10));

        // The first write waits for the commit it shares with the second: until then no one else sees it.
        await InsertAsync(next, 2);
        Assert.That(firstCommitted.IsCompleted, Is.False, "acknowledged before its commit");
        Assert.That(await NotesInAsync(factory), Is.Empty);
        await next.CommitAsync(CancellationToken.None);
        await firstCommitted.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(await NotesInAsync(factory), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(factory.Committed, Is.EqualTo((writesBefore + 2, commitsBefore + 1)), "two writes, one commit");
    }

    [Test]
    public async Task WritersThatQueuedUpBehindOneAllCommitInOneCommit()
    {
        using var dir = new TempDirectory();
        var factory = await NotesAsync(dir);
        var (writesBefore, commitsBefore) = factory.Committed;

        var first = await factory.BeginWriteAsync(CancellationToken.None);
        var others = Enumerable.Range(2, 49).Select(n => Task.Run(async () =>
        {
            await using var write = await factory.BeginWriteAsync(CancellationToken.None);
            await InsertAsync(write, n);
            await write.CommitAsync(CancellationToken.None);
        })).ToList();
        for (var waited = 0; factory.WritersWaiting < 49; waited += 10)
        {
            Assert.That(waited, Is.LessThan(30_000), "the other writers never queued up");
            await Task.Delay(10);
        }
        await InsertAsync(first, 1);
        await first.CommitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync();
        await Task.WhenAll(others).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(await NotesInAsync(factory), Is.EqualTo(Enumerable.Range(1, 50)));
        Assert.That(factory.Committed, Is.EqualTo((writesBefore + 50, commitsBefore + 1)), "fifty writes, one commit");
    }

    [Test]
    public async Task AWriteThatRollsBackInsideAGroupUndoesOnlyItself()
    {
        using var dir = new TempDirectory();
        var factory = await NotesAsync(dir);

        var first = await factory.BeginWriteAsync(CancellationToken.None);
        var second = factory.BeginWriteAsync(CancellationToken.None);
        await InsertAsync(first, 1);
        var firstCommitted = first.CommitAsync(CancellationToken.None);
        await first.DisposeAsync();
        await using (var next = await second.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            await InsertAsync(next, 2); // and no commit: disposed, it rolls back
            Assert.That(await next.Connection.QueryAsync<int>("SELECT n FROM notes ORDER BY n;", transaction: next.Transaction), Is.EqualTo(new[] { 1, 2 }));
        }

        // It saw the first write: it returns only once that is durable, as a retry answered from it must.
        Assert.That(await NotesInAsync(factory), Is.EqualTo(new[] { 1 }));
        Assert.That(firstCommitted.IsCompletedSuccessfully, Is.True);
        await using (var third = await factory.BeginWriteAsync(CancellationToken.None))
        {
            await InsertAsync(third, 3);
            await third.CommitAsync(CancellationToken.None);
        }
        Assert.That(await NotesInAsync(factory), Is.EqualTo(new[] { 1, 3 }));
    }

    [Test]
    public async Task ACommitThatFailsFailsEveryWriteInItAndTheNextWriterStartsClean()
    {
        using var dir = new TempDirectory();
        var factory = await NotesAsync(dir);
        await using (var setup = await factory.BeginWriteAsync(CancellationToken.None))
        {
            // A deferred foreign key is checked only at COMMIT: the way to make a group's commit fail.
            await setup.Connection.ExecuteAsync("""
                CREATE TABLE parents (id INTEGER PRIMARY KEY);
                CREATE TABLE children (parent INTEGER NOT NULL REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);
                """, transaction: setup.Transaction);
            await setup.CommitAsync(CancellationToken.None);
        }

        var first = await factory.BeginWriteAsync(CancellationToken.None);
        var second = factory.BeginWriteAsync(CancellationToken.None);
        await first.Connection.ExecuteAsync("INSERT INTO children VALUES (99);", transaction: first.Transaction);
        var firstCommitted = first.CommitAsync(CancellationToken.None);
        await first.DisposeAsync();
        var next = await second.WaitAsync(TimeSpan.FromSeconds(10));
        await InsertAsync(next, 2);
        var secondCommitted = next.CommitAsync(CancellationToken.None);
        await next.DisposeAsync();

        Assert.That(async () => await firstCommitted, Throws.InstanceOf<SqliteException>());
        Assert.That(async () => await secondCommitted, Throws.InstanceOf<SqliteException>(), "its commit was the group's, and failed");
        await using (var third = await factory.BeginWriteAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            await InsertAsync(third, 3);
            await third.CommitAsync(CancellationToken.None);
        }
        Assert.That(await NotesInAsync(factory), Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public async Task AWriterWaitsNoLongerThanACommandMayTakeAndSaysWhy()
    {
        using var dir = new TempDirectory();
        var factory = new SqliteConnectionFactory($"Data Source={dir.PathOf("turns.db")}", dir.Path, commandTimeoutSeconds: 1);
        await using var first = await factory.BeginWriteAsync(CancellationToken.None);

        // Had the second writer reached SQLite, it would have failed there with "database is locked".
        var waited = Assert.ThrowsAsync<TimeoutException>(() => factory.BeginWriteAsync(CancellationToken.None));

        Assert.That(waited!.Message, Is.EqualTo("Waited 1 s for another write to the database to finish."));
    }

    [Test]
    public async Task AWriterGivingUpWhileItWaitsLeavesTheLineAsItWas()
    {
        using var dir = new TempDirectory();
        var factory = new SqliteConnectionFactory($"Data Source={dir.PathOf("turns.db")}", dir.Path);
        var first = await factory.BeginWriteAsync(CancellationToken.None);
        using var giveUp = new CancellationTokenSource();

        var abandoned = factory.BeginWriteAsync(giveUp.Token);
        await giveUp.CancelAsync();

        Assert.That(async () => await abandoned, Throws.InstanceOf<OperationCanceledException>());
        await first.DisposeAsync();
        await using var next = await factory.BeginWriteAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(next.Transaction, Is.Not.Null);
    }

    [Test]
    public async Task AWriterThatCannotOpenTheDatabaseGivesTheNextOneItsTurn()
    {
        using var dir = new TempDirectory();
        var path = dir.PathOf("not-a-database.db");
        await File.WriteAllTextAsync(path, "these bytes are not an SQLite database, and never were, not even a header");
        var factory = new SqliteConnectionFactory($"Data Source={path}", dir.Path, commandTimeoutSeconds: 1);

        Assert.ThrowsAsync<SqliteException>(() => factory.BeginWriteAsync(CancellationToken.None));

        // Still SQLite's own error, not a writer left waiting for a turn that was never given back.
        var again = Assert.ThrowsAsync<SqliteException>(() => factory.BeginWriteAsync(CancellationToken.None));
        Assert.That(again!.SqliteErrorCode, Is.EqualTo(26), "SQLITE_NOTADB");
    }

    private static async Task<SqliteConnectionFactory> NotesAsync(TempDirectory dir)
    {
        var factory = new SqliteConnectionFactory($"Data Source={dir.PathOf("turns.db")}", dir.Path);
        await using var setup = await factory.BeginWriteAsync(CancellationToken.None);
        await setup.Connection.ExecuteAsync("CREATE TABLE notes (n INTEGER NOT NULL);", transaction: setup.Transaction);
        await setup.CommitAsync(CancellationToken.None);
        return factory;
    }

    private static Task InsertAsync(WriteTransaction write, int n) =>
        write.Connection.ExecuteAsync("INSERT INTO notes VALUES (@n);", new { n }, write.Transaction);

    /// <summary>What a reader sees: a connection of its own, outside every write.</summary>
    private static async Task<IReadOnlyList<int>> NotesInAsync(SqliteConnectionFactory factory)
    {
        await using var db = await factory.OpenAsync(CancellationToken.None);
        return (await db.QueryAsync<int>("SELECT n FROM notes ORDER BY n;")).ToList();
    }
}

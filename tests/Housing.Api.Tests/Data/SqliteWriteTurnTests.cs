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
        var factory = new SqliteConnectionFactory($"Data Source={dir.PathOf("turns.db")}", dir.Path);
        await using (var setup = await factory.BeginWriteAsync(CancellationToken.None))
        {
            await setup.Connection.ExecuteAsync("CREATE TABLE notes (n INTEGER NOT NULL);", transaction: setup.Transaction);
            await setup.CommitAsync(CancellationToken.None);
        }

        var first = await factory.BeginWriteAsync(CancellationToken.None);
        var second = factory.BeginWriteAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.That(second.IsCompleted, Is.False, "the second writer began while the first still held the write lock");

        await first.Connection.ExecuteAsync("INSERT INTO notes VALUES (1);", transaction: first.Transaction);
        await first.CommitAsync(CancellationToken.None);
        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(10));
        await next.Connection.ExecuteAsync("INSERT INTO notes VALUES (2);", transaction: next.Transaction);
        await next.CommitAsync(CancellationToken.None);

        Assert.That(await next.Connection.QueryAsync<int>("SELECT n FROM notes ORDER BY n;"), Is.EqualTo(new[] { 1, 2 }));
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
}

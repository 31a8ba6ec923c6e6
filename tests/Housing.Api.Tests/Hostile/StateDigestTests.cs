using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Hostile;

/// <summary>
/// The fuzzer's "a refused request stored nothing" is only as good as <see cref="StateDigest"/>'s
/// cheap look before it hashes every table: a commit the look missed would hide a bug. So, on
/// both engines, the look sees every kind of commit, including one by a transaction that was
/// already writing at the last look, and no commit is no change.
/// </summary>
public sealed class StateDigestTests(DatabaseEngine engine) : HousingTest(engine)
{
    /// <summary>No background report run or consistency check: each test's commits are its own.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Reports:Schedule"] = "false", ["Consistency:Schedule"] = "false" };

    [Test]
    public async Task TheDigestSeesEveryCommitThatChangesATable()
    {
        await using var digest = await StateDigest.OpenAsync(App);
        Assert.That(await digest.ChangedAsync(), Is.False, "nothing committed");

        var id = Guid.NewGuid().ToString();
        await ExecuteAsync("INSERT INTO organizations (id, name, type, created_at) VALUES (@id, 'Digest House', 'provider', '2026-03-02T21:30:00.0000000Z');", id);
        Assert.That(await digest.ChangedAsync(), Is.True, "an insert");
        var inserted = await digest.ReadAsync();

        await ExecuteAsync("UPDATE organizations SET phone = '555-0100' WHERE id = @id;", id);
        Assert.That(await digest.ChangedAsync(), Is.True, "an update");
        var updated = await digest.ReadAsync();
        Assert.That(StateDigest.Difference(inserted, updated), Does.StartWith("organizations (1 rows"), "the update changed the hash");

        await ExecuteAsync("DELETE FROM organizations WHERE id = @id;", id);
        Assert.That(await digest.ChangedAsync(), Is.True, "a delete");
        Assert.That(StateDigest.Difference(updated, await digest.ReadAsync()), Does.StartWith("organizations (1 rows").And.Contain("→ 0 rows"));
        Assert.That(await digest.ChangedAsync(), Is.False, "nothing committed since");
    }

    [Test]
    public async Task TheDigestSeesACommitByATransactionThatWasAlreadyWritingAtTheLastLookThoughALaterOneEndedFirst()
    {
        var id = Guid.NewGuid().ToString();
        await ExecuteAsync("INSERT INTO organizations (id, name, type, created_at) VALUES (@id, 'Digest House', 'provider', '2026-03-02T21:30:00.0000000Z');", id);
        await using var digest = await StateDigest.OpenAsync(App);

        await using var writer = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        IReadOnlyDictionary<string, string> lastLook;
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await writer.ExecuteAsync("UPDATE organizations SET phone = '555-0100' WHERE id = @id;", new { id }, transaction);
            // A transaction that began later ends first: that moves PostgreSQL's snapshot xmax past
            // the one still writing, so xmax alone would not move again when it commits. (SQLite
            // has one writer at a time: there, a later one waits.)
            if (Engine == DatabaseEngine.Postgres) await RecordSearchAsync();
            await digest.ChangedAsync();
            lastLook = await digest.ReadAsync();
            await transaction.CommitAsync();
        }

        Assert.That(await digest.ChangedAsync(), Is.True, "committed after the last look");
        Assert.That(StateDigest.Difference(lastLook, await digest.ReadAsync()), Does.StartWith("organizations"));
    }

    [Test]
    public async Task ATransactionRolledBackIsNoChange()
    {
        await using var digest = await StateDigest.OpenAsync(App);
        await using var writer = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await writer.ExecuteAsync("INSERT INTO organizations (id, name, type, created_at) VALUES (@id, 'Never', 'provider', '2026-03-02T21:30:00.0000000Z');",
                new { id = Guid.NewGuid().ToString() }, transaction);
            await transaction.RollbackAsync();
        }

        Assert.That(await digest.ChangedAsync(), Is.False);
    }

    [Test]
    public async Task ASearchRecordedChangesNoHashedTable()
    {
        await using var digest = await StateDigest.OpenAsync(App);
        var before = await digest.ReadAsync();

        await RecordSearchAsync();

        // On SQLite any commit to the file moves data_version: an alarm, then the same hashes. On
        // PostgreSQL the search log's rows are not looked at, so its writes raise no alarm at all.
        Assert.That(await digest.ChangedAsync(), Is.EqualTo(Engine == DatabaseEngine.Sqlite));
        Assert.That(StateDigest.Difference(before, await digest.ReadAsync()), Is.Empty);
    }

    /// <summary>A row in the search log, as its background writer adds them.</summary>
    private Task RecordSearchAsync() => ExecuteAsync("""
        INSERT INTO match_searches (searched_at, household_type, adults, children, children_under_5, boys_over_12, kinds, considered, matched, excluded_json)
        VALUES ('2026-03-02T21:30:00.0000000Z', 1, 1, 0, 0, 0, 'emergency', 3, 1, '{}');
        """, "");

    private async Task ExecuteAsync(string sql, string id)
    {
        await using var db = await App.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await db.ExecuteAsync(sql, new { id });
    }
}

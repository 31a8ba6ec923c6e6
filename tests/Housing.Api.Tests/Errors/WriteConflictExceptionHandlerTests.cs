using System.Text.Json.Nodes;
using Housing.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Housing.Api.Tests.Errors;

/// <summary>
/// A write that loses a race on a unique key, on either engine, is a 409 that says nothing was
/// saved, not a 500: the answer for any race an operation does not already name itself.
/// </summary>
public class WriteConflictExceptionHandlerTests
{
    private static Exception SqliteUniqueViolation(string table)
    {
        using var db = new SqliteConnection("Data Source=:memory:");
        db.Open();
        using var create = db.CreateCommand();
        create.CommandText = $"CREATE TABLE {table} (id INTEGER PRIMARY KEY, email TEXT UNIQUE); INSERT INTO {table} VALUES (1, 'a');";
        create.ExecuteNonQuery();
        using var insert = db.CreateCommand();
        insert.CommandText = table == "by_key" ? $"INSERT INTO {table} VALUES (1, 'b');" : $"INSERT INTO {table} VALUES (2, 'a');";
        try
        {
            insert.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            return new InvalidOperationException("wrapped, as a caller might", e);
        }
        throw new AssertionException("SQLite took a duplicate");
    }

    public static IEnumerable<TestCaseData> Races()
    {
        yield return new TestCaseData(SqliteUniqueViolation("by_unique")).SetName("SQLite, a unique column");
        yield return new TestCaseData(SqliteUniqueViolation("by_key")).SetName("SQLite, a primary key");
        yield return new TestCaseData(new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation))
            .SetName("PostgreSQL, 23505");
    }

    [TestCaseSource(nameof(Races))]
    public async Task ALostRaceOnAUniqueKeyIsAConflictThatSaysNothingWasSaved(Exception race)
    {
        var (handled, context) = await HandleAsync(race);

        Assert.That(handled, Is.True);
        Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status409Conflict));
        context.Response.Body.Position = 0;
        var problem = JsonNode.Parse(context.Response.Body)!;
        Assert.That((string?)problem["type"], Is.EqualTo("/problems/write-conflict"));
        Assert.That((string?)problem["detail"], Does.Contain("nothing of yours was saved"));
    }

    [Test]
    public async Task OtherDatabaseErrorsAreNotCalledConflicts()
    {
        Assert.That((await HandleAsync(new PostgresException("check", "ERROR", "ERROR", PostgresErrorCodes.CheckViolation))).Handled, Is.False);
        Assert.That((await HandleAsync(new SqliteException("constraint failed", 19, 275))).Handled, Is.False, "a CHECK constraint is a defect, not a race");
        Assert.That((await HandleAsync(new TimeoutException())).Handled, Is.False);
    }

    private static async Task<(bool Handled, DefaultHttpContext Context)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddHousingErrors()
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = "/v1/people";
        context.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<WriteConflictExceptionHandler>(services);
        return (await handler.TryHandleAsync(context, exception, CancellationToken.None), context);
    }
}

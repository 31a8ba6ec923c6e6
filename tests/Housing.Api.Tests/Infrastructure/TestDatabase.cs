using System.Data.Common;
using Housing.Api.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// A database of a test's own, on either engine: a SQLite file in a temp directory, or a
/// schema of its own in the PostgreSQL database that <see cref="PostgresTestDatabase.Variable"/>
/// names; and beside it, in a temp directory of its own, the key ring that seals stored values.
/// Several apps may share one (a restart, a second instance); whoever created it disposes it.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    protected TempDirectory Folder { get; } = new();

    public static async Task<TestDatabase> CreateAsync(DatabaseEngine engine) =>
        engine == DatabaseEngine.Postgres ? await PostgresTestDatabase.CreateAsync() : new SqliteTestDatabase();

    public abstract DatabaseEngine Engine { get; }

    /// <summary>The settings that point an app at this database.</summary>
    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The key ring's folder, shared by every app on this database, so a restarted app opens what it sealed.</summary>
    public string KeysPath => Folder.PathOf("keys");

    /// <summary>The temp directory beside the database (the SQLite file's own): an app process's working directory.</summary>
    public string FolderPath => Folder.Path;

    /// <summary>A new connection, not yet open, that can only read: for checks made beside a running app, not through it.</summary>
    public abstract DbConnection ReadOnlyConnection();

    public virtual ValueTask DisposeAsync()
    {
        Folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class SqliteTestDatabase : TestDatabase
{
    public string Path => Folder.PathOf("housing.db");

    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "sqlite",
        ["ConnectionStrings:Housing"] = $"Data Source={Path}",
    };

    public override DbConnection ReadOnlyConnection() => new SqliteConnection($"Data Source={Path};Mode=ReadOnly;Pooling=False");
}

/// <summary>
/// A schema of its own (<c>test_</c> and a random suffix) in the database that
/// <c>HOUSING_TEST_POSTGRES</c> names, reached with <c>Search Path</c>, dropped on dispose: far
/// quicker than a database per test. Without the variable, a test on PostgreSQL is ignored
/// with that reason (reported as skipped), and under <c>CI=true</c> it fails.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "HOUSING_TEST_POSTGRES";

    private PostgresTestDatabase(string schema, string connectionString) => (Schema, ConnectionString) = (schema, connectionString);

    public string Schema { get; }

    public string ConnectionString { get; }

    /// <summary>The server this schema is on, for a test that puts a <see cref="TcpProxy"/> in between.</summary>
    public (string Host, int Port) Server
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return (builder.Host!, builder.Port);
        }
    }

    /// <summary>The settings that point an app at this database through another port on 127.0.0.1.</summary>
    public IReadOnlyDictionary<string, string?> SettingsThrough(int port) => new Dictionary<string, string?>(Settings)
    {
        ["ConnectionStrings:Housing"] = new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = port }.ConnectionString,
    };

    /// <summary>The configured user's password, for tests that check it never reaches the logs.</summary>
    public string? Password => new NpgsqlConnectionStringBuilder(ConnectionString).Password;

    public override DatabaseEngine Engine => DatabaseEngine.Postgres;

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "postgres",
        ["ConnectionStrings:Housing"] = ConnectionString,
    };

    public override DbConnection ReadOnlyConnection() => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString)
    {
        Pooling = false,
        Options = "-c default_transaction_read_only=on",
    }.ConnectionString);

    /// <summary>The configured server's connection string, or the test is ignored (failed under CI).</summary>
    public static string Configured()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        const string reason = $"PostgreSQL not configured: set {Variable}=\"Host=127.0.0.1;Database=housing_test;Username=housing;Password=...\" " +
            "(a user that may create schemas) to run the tests on PostgreSQL too; .ci/run does.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(reason);
        Assert.Ignore(reason);
        return "";
    }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var schema = "test_" + Guid.NewGuid().ToString("N");
        await using (var admin = await OpenAdminAsync())
        await using (var create = new NpgsqlCommand($"CREATE SCHEMA {schema};", admin))
        {
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(Configured())
        {
            SearchPath = schema,
            // Tests run side by side on one server (100 connections by default): keep each app's pool small.
            MaxPoolSize = 8,
        };
        return new PostgresTestDatabase(schema, builder.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await using var admin = await OpenAdminAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE;", admin);
        await drop.ExecuteNonQueryAsync();
        await base.DisposeAsync();
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        // Not pooled: creating and dropping schemas is rare, and an idle admin connection per worker would only take a slot.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Configured()) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

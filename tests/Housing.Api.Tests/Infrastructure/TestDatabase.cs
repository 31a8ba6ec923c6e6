using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
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

    /// <summary>A new, empty database: the app that starts on it migrates it.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseEngine engine) =>
        engine == DatabaseEngine.Postgres ? await PostgresTestDatabase.CreateAsync() : new SqliteTestDatabase();

    /// <summary>
    /// A database for one test's app, as good as new when the app starts: on PostgreSQL a schema
    /// another test has finished with and emptied (<see cref="PostgresTestDatabase.RentAsync"/>),
    /// else a new one. For a test of migrating itself, use <see cref="CreateAsync"/>.
    /// </summary>
    public static async Task<TestDatabase> RentAsync(DatabaseEngine engine) =>
        engine == DatabaseEngine.Postgres ? await PostgresTestDatabase.RentAsync() : new SqliteTestDatabase();

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

    /// <summary>Emptied schemas, migrated, waiting for the next test (<see cref="RentAsync"/>).</summary>
    private static readonly ConcurrentBag<string> Idle = [];

    /// <summary>Every schema made for renting, dropped when the run ends (<see cref="TestDatabases"/>).</summary>
    private static readonly ConcurrentDictionary<string, bool> Rented = new();

    /// <summary>The tables the migrations make: a schema goes back to the pool only with exactly these.</summary>
    private static readonly Lazy<HashSet<string>> MigratedTables = new(() => [.. Migrator.Embedded(DatabaseEngine.Postgres)
        .SelectMany(m => Regex.Matches(m.Sql, @"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", RegexOptions.IgnoreCase).Select(t => t.Groups[1].Value.ToLowerInvariant()))
        .Append("schema_version")]);

    private readonly bool _rented;

    private PostgresTestDatabase(string schema, string connectionString, bool rented = false) =>
        (Schema, ConnectionString, _rented) = (schema, connectionString, rented);

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

    /// <summary>
    /// A schema emptied after an earlier test, else a new one. Making and migrating a schema, then
    /// dropping it, costs the server about 0.8 s of CPU (about 500 rows of its catalogs) and a new
    /// connection pool that loads the server's types again; emptying one is a single
    /// <c>TRUNCATE</c>, and the next test's app finds it migrated and its pool warm.
    /// </summary>
    public static async Task<PostgresTestDatabase> RentAsync()
    {
        if (Idle.TryTake(out var schema)) return new PostgresTestDatabase(schema, ConnectionStringFor(schema), rented: true);
        var created = await CreateAsync();
        Rented[created.Schema] = true;
        return new PostgresTestDatabase(created.Schema, created.ConnectionString, rented: true);
    }

    /// <summary>Drops the schemas made for renting: the run is over.</summary>
    public static async Task DropRentedAsync()
    {
        if (Rented.IsEmpty) return;
        await using var admin = await OpenAdminAsync();
        foreach (var schema in Rented.Keys)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE;", admin);
            await drop.ExecuteNonQueryAsync();
        }
        Rented.Clear();
    }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var schema = "test_" + Guid.NewGuid().ToString("N");
        await using (var admin = await OpenAdminAsync())
        await using (var create = new NpgsqlCommand($"CREATE SCHEMA {schema};", admin))
        {
            await create.ExecuteNonQueryAsync();
        }
        return new PostgresTestDatabase(schema, ConnectionStringFor(schema));
    }

    private static string ConnectionStringFor(string schema) => new NpgsqlConnectionStringBuilder(Configured())
    {
        SearchPath = schema,
        // Tests run side by side on one server (100 connections by default): keep each app's pool small.
        MaxPoolSize = 8,
    }.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        if (!_rented || !await TryEmptyAsync())
        {
            await using var admin = await OpenAdminAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE;", admin);
            await drop.ExecuteNonQueryAsync();
            Rented.TryRemove(Schema, out _);
        }
        else Idle.Add(Schema);
        await base.DisposeAsync();
    }

    /// <summary>
    /// Empties every table but <c>schema_version</c> and restarts the ids, so the schema is as
    /// the migrations left it; false (and the caller drops it) when it is not fully migrated or
    /// a test has changed its tables.
    /// </summary>
    private async Task<bool> TryEmptyAsync()
    {
        await using var db = new NpgsqlConnection(ConnectionString);
        await db.OpenAsync();
        await using var tables = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @schema;", db);
        tables.Parameters.AddWithValue("schema", Schema);
        var found = new HashSet<string>();
        await using (var reader = await tables.ExecuteReaderAsync())
            while (await reader.ReadAsync()) found.Add(reader.GetString(0));
        if (!found.SetEquals(MigratedTables.Value)) return false;
        await using var version = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", db);
        if (Convert.ToInt32(await version.ExecuteScalarAsync()) != Migrator.LatestVersion) return false;
        EmptyAll ??= await EmptyAllAsync(db, found);
        await using var empty = new NpgsqlCommand(EmptyAll, db);
        await empty.ExecuteNonQueryAsync();
        return true;
    }

    /// <summary>The statements that empty a migrated schema, made once from the first one's catalogs (they are all alike).</summary>
    private static string? EmptyAll;

    /// <summary>
    /// A <c>DELETE</c> per table, those that others refer to after them, and each id sequence set
    /// back to 1. Not <c>TRUNCATE</c>: it gives every table and index new files, and with them
    /// an emptying cost half a second of the server's time.
    /// </summary>
    private static async Task<string> EmptyAllAsync(NpgsqlConnection db, HashSet<string> tables)
    {
        var parents = tables.ToDictionary(t => t, _ => new HashSet<string>());
        await using (var references = new NpgsqlCommand("""
            SELECT c.relname, p.relname FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace;
            """, db))
        await using (var reader = await references.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                if (reader.GetString(0) != reader.GetString(1)) parents[reader.GetString(0)].Add(reader.GetString(1));
        var order = new List<string>();
        var left = tables.Where(t => t != "schema_version").Order(StringComparer.Ordinal).ToList();
        while (left.Count > 0)
        {
            // A table no table left refers to can go now.
            var next = left.First(t => !left.Any(other => parents[other].Contains(t)));
            order.Add(next);
            left.Remove(next);
        }
        var sequences = new List<string>();
        await using (var identities = new NpgsqlCommand("""
            SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES';
            """, db))
        await using (var reader = await identities.ExecuteReaderAsync())
            while (await reader.ReadAsync()) sequences.Add($"SELECT setval(pg_get_serial_sequence('{reader.GetString(0)}', '{reader.GetString(1)}'), 1, false);");
        return string.Concat(order.Select(t => $"DELETE FROM {t};")) + string.Concat(sequences.Order(StringComparer.Ordinal));
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        // Not pooled: creating and dropping schemas is rare, and an idle admin connection per worker would only take a slot.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Configured()) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}


using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Housing.Api.Data;

/// <summary>
/// Applies the numbered scripts embedded under Data/Migrations/{sqlite,postgres}/ in order,
/// each in its own transaction with its row in schema_version, so a crash mid-way leaves the
/// database at the last whole version. Both engines have the same scripts by number and name,
/// meaning the same schema in each one's types (checked when they are loaded).
/// Several instances starting together apply each script once: on SQLite the transaction holds
/// the file's write lock; on PostgreSQL each transaction first takes an advisory lock on the schema.
/// </summary>
public sealed class Migrator(IDbConnectionFactory connections, ILogger<Migrator> logger)
{
    private static readonly IReadOnlyList<Migration> SqliteScripts = LoadEmbedded("sqlite");
    private static readonly IReadOnlyList<Migration> PostgresScripts = LoadEmbedded("postgres");

    public static IReadOnlyList<Migration> Embedded(DatabaseEngine engine) =>
        engine == DatabaseEngine.Postgres ? PostgresScripts : SqliteScripts;

    public static int LatestVersion { get; } = CheckSameVersions();

    // One lock per schema, so instances of one deployment wait for each other and nobody else.
    private const string LockSchema = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/housing-migrations'));";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var postgres = connections.Engine == DatabaseEngine.Postgres;
        // WAL is a property of the file and cannot change inside a transaction.
        if (!postgres) await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
        await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (postgres) await connection.ExecuteAsync(new CommandDefinition(LockSchema, transaction: tx, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("""
                CREATE TABLE IF NOT EXISTS schema_version (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                );
                """, transaction: tx, cancellationToken: cancellationToken));
            await tx.CommitAsync(cancellationToken);
        }

        foreach (var migration in Embedded(connections.Engine))
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            if (postgres) await connection.ExecuteAsync(new CommandDefinition(LockSchema, transaction: tx, cancellationToken: cancellationToken));
            // Read inside the write transaction: two instances starting together apply each script once.
            var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_version WHERE version = @Version;",
                new { migration.Version }, tx, cancellationToken: cancellationToken));
            if (applied > 0) continue;

            logger.LogInformation("Applying migration {Version} {Name}", migration.Version, migration.Name);
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt);",
                new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow }, tx, cancellationToken: cancellationToken));
            await tx.CommitAsync(cancellationToken);
        }
    }

    public static async Task<int> CurrentVersionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT MAX(version) FROM schema_version;", cancellationToken: cancellationToken)) ?? 0;

    private static int CheckSameVersions()
    {
        var sqlite = SqliteScripts.Select(m => m.Name);
        var postgres = PostgresScripts.Select(m => m.Name);
        if (!sqlite.SequenceEqual(postgres))
            throw new InvalidOperationException(
                $"SQLite and PostgreSQL migrations differ: {string.Join(", ", sqlite)} against {string.Join(", ", postgres)}.");
        return SqliteScripts[^1].Version;
    }

    private static List<Migration> LoadEmbedded(string provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"migrations/{provider}/";
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => Read(assembly, n, n[prefix.Length..]))
            .OrderBy(m => m.Version)
            .ToList();
        if (migrations.Count == 0) throw new InvalidOperationException($"No migrations embedded for {provider}.");
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3…: found {migrations[i].Name} at position {i + 1}.");
        }
        return migrations;
    }

    private static Migration Read(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var name = Path.GetFileNameWithoutExtension(fileName);
        var version = int.Parse(name.Split('_')[0], System.Globalization.CultureInfo.InvariantCulture);
        return new Migration(version, name, reader.ReadToEnd());
    }
}

public sealed record Migration(int Version, string Name, string Sql);

using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Hostile;

/// <summary>
/// Everything the service has stored, as one hash per table. Reading every table after every
/// request would cost more than the requests, so it is read only when a cheap look says a commit
/// may have changed something since the last look (<see cref="ChangedAsync"/>: a false alarm only
/// costs a read, a missed commit would hide a bug). <c>match_searches</c> is left out: a search is
/// recorded by a background writer a moment after it was answered, so its rows arrive at
/// arbitrary points; the fuzzer counts them separately.
/// </summary>
public sealed class StateDigest : IAsyncDisposable
{
    public static readonly string[] Unhashed = ["match_searches"];

    private static readonly DialectSql Tables = new(
        Sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;",
        Postgres: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name;");

    private readonly DbConnection _db;
    private readonly string _version;
    private readonly Stopwatch _reading = new();
    private string? _lastVersion;

    private StateDigest(DbConnection db, string version) => (_db, _version) = (db, version);

    public static async Task<StateDigest> OpenAsync(HousingApp app)
    {
        var db = await app.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        var hashed = (await db.QueryAsync<string>(Tables.For(db))).Where(t => !Unhashed.Contains(t)).ToList();
        var digest = new StateDigest(db, db.IsPostgres() ? RowVersions(hashed) : "PRAGMA data_version;");
        await digest.ChangedAsync();
        return digest;
    }

    /// <summary>
    /// PostgreSQL has no counter of commits per database, let alone per schema (its snapshot and
    /// WAL position move with every other test's writes, and with the search log's), so this names
    /// every row version the hashed tables show: where it is (ctid) and the transaction that wrote
    /// it (xmin). A commit that inserts or updates a row adds a version whose xmin was not yet
    /// committed at the last look, so a pair that was not there; one that deletes a row takes a pair
    /// away. A live row never moves (only VACUUM FULL and table rewrites do that), and reading writes
    /// nothing. So the answer changes with every commit to these tables, whenever it began, and not
    /// with the search log's nor other tests'; a rewrite of a row to the same values is a false alarm.
    /// </summary>
    private static string RowVersions(IEnumerable<string> tables) =>
        "SELECT md5(string_agg(versions, ' ' ORDER BY name)) FROM ("
        + string.Join(" UNION ALL ", tables.Select(t =>
            $"SELECT '{t}' AS name, '{t}:' || coalesce(string_agg(ctid::text || xmin::text, ',' ORDER BY ctid), '') AS versions FROM \"{t}\""))
        + ") AS tables;";

    /// <summary>
    /// Whether a commit may have changed the hashed tables since the last call. SQLite's
    /// <c>data_version</c> moves when another connection commits to the file (it is per connection,
    /// so this one connection stays open); PostgreSQL's row versions, above. Call it before
    /// <see cref="ReadAsync"/>: a commit between the two is then seen at the next call.
    /// </summary>
    public async Task<bool> ChangedAsync()
    {
        var version = Convert.ToString(await _db.ExecuteScalarAsync(_version), CultureInfo.InvariantCulture);
        var changed = version != _lastVersion;
        _lastVersion = version;
        return changed;
    }

    /// <summary>How many times every table was read, and how long that took: the price of the alarms.</summary>
    public (int Reads, TimeSpan Time) Reading { get; private set; }

    /// <summary>Each table's row count and a hash of its rows, in an order that depends only on what is stored (<see cref="Rows"/>).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync()
    {
        _reading.Start();
        var tables = await _db.QueryAsync<string>(Tables.For(_db));
        var digest = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !Unhashed.Contains(t)))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var command = _db.CreateCommand();
            command.CommandText = Rows(table);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "\u0000null" : reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                    hash.AppendData(Encoding.UTF8.GetBytes(value + "\u001f"));
                }
                hash.AppendData("\u001e"u8);
            }
            digest[table] = $"{rows} rows {Convert.ToHexString(hash.GetHashAndReset())[..16]}";
        }
        _reading.Stop();
        Reading = (Reading.Reads + 1, _reading.Elapsed);
        return digest;
    }

    /// <summary>
    /// A table's rows: on SQLite in rowid order, and of sqlite_sequence (a row per AUTOINCREMENT
    /// table) only the hashed tables'. PostgreSQL has no rowid, so its rows go in the order of their
    /// text; its sequences are not read, as one moves even when its transaction rolls back (a gap in
    /// the ids, nothing stored).
    /// </summary>
    private string Rows(string table) =>
        _db.IsPostgres() ? $"SELECT * FROM \"{table}\" AS r ORDER BY r::text;"
        : table == "sqlite_sequence" ? $"SELECT * FROM sqlite_sequence WHERE name NOT IN ({string.Join(", ", Unhashed.Select(u => $"'{u}'"))}) ORDER BY rowid;"
        : $"SELECT * FROM \"{table}\" ORDER BY rowid;";

    /// <summary>The tables whose content differs, with their row counts before and after.</summary>
    public static string Difference(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        string.Join(", ", before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t} ({before.GetValueOrDefault(t) ?? "absent"} → {after.GetValueOrDefault(t) ?? "absent"})"));

    public async Task<int> CountAsync(string table) => await _db.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM \"{table}\";");

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}

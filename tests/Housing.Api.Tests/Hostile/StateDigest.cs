using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Housing.Api.Tests.Hostile;

/// <summary>
/// Everything the service has stored, as one hash per table. Reading every table after every
/// request would cost more than the requests, so it is read only when SQLite's data_version
/// says another connection committed since the last look (the pragma is per connection, so
/// this one connection stays open). <c>match_searches</c> is left out: a search is recorded by
/// a background writer a moment after it was answered, so its rows arrive at arbitrary points;
/// the fuzzer counts them separately.
/// </summary>
public sealed class StateDigest : IAsyncDisposable
{
    public static readonly string[] Unhashed = ["match_searches"];

    private readonly DbConnection _db;
    private long _version;

    private StateDigest(DbConnection db) => _db = db;

    public static async Task<StateDigest> OpenAsync(HousingApp app)
    {
        var db = await app.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        var digest = new StateDigest(db);
        await digest.ChangedAsync();
        return digest;
    }

    /// <summary>Whether anything was committed since the last call.</summary>
    public async Task<bool> ChangedAsync()
    {
        var version = await _db.ExecuteScalarAsync<long>("PRAGMA data_version;");
        var changed = version != _version;
        _version = version;
        return changed;
    }

    /// <summary>Each table's row count and a hash of its rows in rowid order.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync()
    {
        var tables = await _db.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;");
        var digest = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !Unhashed.Contains(t)))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var command = _db.CreateCommand();
            // sqlite_sequence has a row per AUTOINCREMENT table: the unhashed tables' rows are left out too.
            command.CommandText = table == "sqlite_sequence"
                ? $"SELECT * FROM sqlite_sequence WHERE name NOT IN ({string.Join(", ", Unhashed.Select(u => $"'{u}'"))}) ORDER BY rowid;"
                : $"SELECT * FROM \"{table}\" ORDER BY rowid;";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "\u0000null" : reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                    hash.AppendData(Encoding.UTF8.GetBytes(value + "\u001f"));
                }
                hash.AppendData("\u001e"u8);
            }
            digest[table] = $"{rows} rows {Convert.ToHexString(hash.GetHashAndReset())[..16]}";
        }
        return digest;
    }

    /// <summary>The tables whose content differs, with their row counts before and after.</summary>
    public static string Difference(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        string.Join(", ", before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t} ({before.GetValueOrDefault(t) ?? "absent"} → {after.GetValueOrDefault(t) ?? "absent"})"));

    public async Task<int> CountAsync(string table) => await _db.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM \"{table}\";");

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}

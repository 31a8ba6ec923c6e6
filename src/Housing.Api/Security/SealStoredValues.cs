using Dapper;
using Housing.Api.Data;

namespace Housing.Api.Security;

/// <summary>
/// Seals stored values in place: at every start, those written before sealing existed (plain
/// text), and on key rotation, all of them again with the newest key. Each table's rows are
/// rewritten in small transactions; a row is read and written back by its key, so a crash
/// part-way leaves every value either as it was or sealed, both of which read correctly.
/// </summary>
public sealed class SealStoredValues(IDbConnectionFactory connections, Sealers sealers, ILogger<SealStoredValues> logger)
{
    private const int BatchSize = 200;

    /// <param name="all">Reseal values already sealed too (after a new key is made), not only plain ones.</param>
    public async Task<int> RunAsync(bool all, CancellationToken ct)
    {
        var addresses = await SealColumnAsync("programs", "id", "address", sealers.Addresses, all, ct);
        var secrets = await SealColumnAsync("webhooks", "organization_id", "secret", sealers.WebhookSecrets, all, ct);
        // Always written sealed; resealed here on rotation so old key files open nothing.
        var safety = await SealColumnAsync("watches", "id", "safety", sealers.WatchSafety, all, ct);
        var totp = await SealColumnAsync("people", "id", "totp_secret", sealers.TotpSecrets, all, ct);
        if (addresses + secrets + safety + totp > 0)
            logger.LogInformation("Sealed {Addresses} program addresses, {Secrets} webhook secrets, {Watches} watches' safety constraints and {Totp} authenticator secrets with the current key",
                addresses, secrets, safety, totp);
        return addresses + secrets + safety + totp;
    }

    private async Task<int> SealColumnAsync(string table, string key, string column, Sealer sealer, bool all, CancellationToken ct)
    {
        List<(string Key, string Value)> rows;
        await using (var db = await connections.OpenAsync(ct))
        {
            // Table and column names are this class's constants, never input.
            rows = (await db.QueryAsync<(string Key, string Value)>(new CommandDefinition($"""
                SELECT CAST({key} AS TEXT), {column}
                FROM {table}
                WHERE {column} IS NOT NULL AND (@all OR {column} NOT LIKE '{Sealer.Prefix}%');
                """, new { all }, cancellationToken: ct))).ToList();
        }
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await using var write = await connections.BeginWriteAsync(ct);
            var tx = write.Transaction;
            foreach (var (id, value) in batch)
            {
                await write.Connection.ExecuteAsync(new CommandDefinition($"""
                    UPDATE {table} SET {column} = @sealed WHERE CAST({key} AS TEXT) = @id AND {column} = @value;
                    """, new { id, value, @sealed = sealer.Seal(sealer.Open(value)) }, tx, cancellationToken: ct));
            }
            await write.CommitAsync(ct);
        }
        return rows.Count;
    }
}

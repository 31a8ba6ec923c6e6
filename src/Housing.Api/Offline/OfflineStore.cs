using System.Data.Common;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Offline;

public sealed class OfflineStore(IDbConnectionFactory connections)
{
    private const string Columns = "id, program_id, household_type, beds, reason, note, returns_on, created_at, returned_at";

    /// <summary>
    /// Takes the beds out of service and moves the program's catalog counter on (so every
    /// instance reloads it without them), audited, in one transaction; false, writing nothing,
    /// when <paramref name="fits"/> refuses them given the program's beds out of service now,
    /// read in that transaction under the program's lock.
    /// </summary>
    public async Task<bool> CreateAsync(OfflineBeds offline, Actor actor, Func<IReadOnlyList<OfflineBeds>, bool> fits, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await CatalogVersions.LockAsync(db, tx, [offline.ProgramId], ct);
        if (!fits([.. (await CurrentAsync(db, tx, [offline.ProgramId], ct))[offline.ProgramId]])) return false;
        await db.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO offline_beds ({Columns}, created_by)
            VALUES (@Id, @ProgramId, @type, @Beds, @reason, @Note, @ReturnsOn, @CreatedAt, NULL, @createdBy);
            """, new
        {
            offline.Id,
            offline.ProgramId,
            type = (int)offline.HouseholdType,
            offline.Beds,
            reason = HousingJson.Text(offline.Reason),
            offline.Note,
            offline.ReturnsOn,
            offline.CreatedAt,
            createdBy = actor.KeyId,
        }, tx, cancellationToken: ct));
        await CatalogVersions.BumpAsync(db, tx, offline.ProgramId, ct);
        await AuditLog.WriteAsync(db, tx, offline.CreatedAt, actor, "program.beds_offline", "program", offline.ProgramId, ct);
        await write.CommitAsync(ct);
        return true;
    }

    /// <summary>Puts the beds back in service now; false when they are not out of service at this program (any more).</summary>
    public async Task<bool> ReturnAsync(OfflineBeds offline, DateTimeOffset now, Actor actor, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var returned = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE offline_beds SET returned_at = @now, returned_by = @returnedBy
            WHERE id = @Id AND program_id = @ProgramId AND returned_at IS NULL;
            """, new { offline.Id, offline.ProgramId, now, returnedBy = actor.KeyId }, tx, cancellationToken: ct));
        if (returned == 0) return false;
        await CatalogVersions.BumpAsync(db, tx, offline.ProgramId, ct);
        await AuditLog.WriteAsync(db, tx, now, actor, "program.beds_returned", "program", offline.ProgramId, ct);
        await write.CommitAsync(ct);
        return true;
    }

    public async Task<OfflineBeds?> GetAsync(Guid programId, Guid id, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM offline_beds WHERE id = @id AND program_id = @programId;
            """, new { id, programId }, cancellationToken: ct));
        return row?.ToOffline();
    }

    /// <summary>A program's beds out of service now, and those returned since <paramref name="since"/>; out of service first, then newest first.</summary>
    public async Task<IReadOnlyList<OfflineBeds>> ForProgramAsync(Guid programId, DateTimeOffset since, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return [.. (await db.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM offline_beds
            WHERE program_id = @programId AND (returned_at IS NULL OR returned_at >= @since)
            ORDER BY CASE WHEN returned_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC;
            """, new { programId, since }, cancellationToken: ct))).Select(r => r.ToOffline())];
    }

    private static readonly DialectSql CurrentOf = DialectSql.WithList($"""
        SELECT {Columns} FROM offline_beds WHERE returned_at IS NULL AND program_id IN @ids ORDER BY created_at, id;
        """);

    /// <summary>The beds out of service now, at every program or at these ones, for the catalog.</summary>
    public async Task<ILookup<Guid, OfflineBeds>> CurrentAsync(IReadOnlyCollection<Guid>? programIds, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await CurrentAsync(db, null, programIds, ct);
    }

    /// <summary>The beds out of service now, at every program or at these ones, read in the caller's transaction.</summary>
    public static async Task<ILookup<Guid, OfflineBeds>> CurrentAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<Guid>? programIds,
        CancellationToken ct)
    {
        var rows = programIds is null
            ? await db.QueryAsync<Row>(new CommandDefinition($"""
                SELECT {Columns} FROM offline_beds WHERE returned_at IS NULL ORDER BY created_at, id;
                """, transaction: tx, cancellationToken: ct))
            : await db.QueryAsync<Row>(new CommandDefinition(CurrentOf.For(db), new { ids = TypeHandlers.AsText(programIds) }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToOffline()).ToLookup(o => o.ProgramId);
    }

    /// <summary>The beds out of service at <paramref name="end"/> (taken out before it, returned after it if at all), for the day's report.</summary>
    public static async Task<IReadOnlyList<OfflineBeds>> AtAsync(DbConnection db, DateTimeOffset end, CancellationToken ct) =>
        [.. (await db.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM offline_beds
            WHERE created_at < @end AND (returned_at IS NULL OR returned_at >= @end)
            ORDER BY created_at, id;
            """, new { end }, cancellationToken: ct))).Select(r => r.ToOffline() with { ReturnedAt = null })];

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid ProgramId { get; set; }
        public int HouseholdType { get; set; }
        public int Beds { get; set; }
        public string Reason { get; set; } = "";
        public string? Note { get; set; }
        public DateOnly ReturnsOn { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? ReturnedAt { get; set; }

        public OfflineBeds ToOffline() => new(Id, ProgramId, (HouseholdType)HouseholdType, Beds,
            HousingJson.TryParse<OfflineReason>(Reason, out var reason) ? reason : OfflineReason.Other, Note, ReturnsOn, CreatedAt, ReturnedAt);
    }
}

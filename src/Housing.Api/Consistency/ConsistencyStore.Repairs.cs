using Dapper;
using Housing.Api.Audit;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Referrals;

namespace Housing.Api.Consistency;

public sealed partial class ConsistencyStore
{
    /// <summary>Who the audit log says acted when the check repairs something.</summary>
    public static readonly Actor Actor = Actor.Service("consistency-check");

    /// <summary>PostgreSQL: the referral's row, as a decision locks it, so a decision and a repair of its hold take turns.</summary>
    private const string LockReferral = "SELECT id FROM referrals WHERE id = @id FOR UPDATE;";

    /// <summary>
    /// Releases a phantom hold as a decline or an expiry would: in one transaction, under the
    /// referral's and the program's locks (the order a decision takes them), only if its step still
    /// holds no beds, with the program's catalog version moved on (so every instance reloads its
    /// holds, its searches offer the beds again and waiting watches look) and an audit row. Null
    /// when there was nothing to release: the step came back to life, or the hold was released meanwhile.
    /// </summary>
    public async Task<long?> ReleaseAsync(HoldFact hold, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockReferral, new { id = hold.ReferralId }, tx, cancellationToken: ct));
        await CatalogVersions.LockAsync(db, tx, [hold.ProgramId], ct);
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE holds SET released_at = @now
            WHERE id = @id AND released_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM referral_steps s
                              WHERE s.referral_id = holds.referral_id AND s.position = holds.position AND s.program_id = holds.program_id
                                AND s.status IN ('pending', 'accepted', 'placed'));
            """, new { id = hold.Id, now }, tx, cancellationToken: ct));
        if (rows != 1) return null;
        return await CommitAsync(write, hold, "referral.hold_released", now, ct);
    }

    /// <summary>
    /// Marks a placed step's hold placed at the step's placement, as placing it would have: from
    /// the shelter's next post on it no longer counts against the program. Null when the step or
    /// the hold changed meanwhile.
    /// </summary>
    public async Task<long?> MarkPlacedAsync(HoldFact hold, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockReferral, new { id = hold.ReferralId }, tx, cancellationToken: ct));
        await CatalogVersions.LockAsync(db, tx, [hold.ProgramId], ct);
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE holds SET placed_at = @placedAt
            WHERE id = @id AND released_at IS NULL AND placed_at IS NULL
              AND EXISTS (SELECT 1 FROM referral_steps s
                          WHERE s.referral_id = holds.referral_id AND s.position = holds.position AND s.program_id = holds.program_id
                            AND s.status = 'placed');
            """, new { id = hold.Id, placedAt = hold.StepDecidedAt ?? now }, tx, cancellationToken: ct));
        if (rows != 1) return null;
        return await CommitAsync(write, hold, "referral.hold_placed", now, ct);
    }

    private async Task<long> CommitAsync(WriteTransaction write, HoldFact hold, string action, DateTimeOffset now, CancellationToken ct)
    {
        var (db, tx) = write;
        var version = await CatalogVersions.BumpAsync(db, tx, hold.ProgramId, ct);
        await AuditLog.WriteAsync(db, tx, now, Actor, action, "referral", hold.ReferralId, ct);
        var holds = await HoldStore.ActiveAsync(db, tx, [hold.ProgramId], ct);
        await write.CommitAsync(ct);
        catalog.HoldsChanged(hold.ProgramId, holds, version);
        return version;
    }

    /// <summary>
    /// Reloads the program's holds into this instance's catalog when, under the program's lock,
    /// they still differ from the database's at the same catalog version; moves the version on,
    /// so other instances reload them too. False when they agree by now (nothing to mend).
    /// </summary>
    public async Task<bool> ReloadHoldsAsync(Guid programId, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await CatalogVersions.LockAsync(db, tx, [programId], ct);
        var version = await CatalogVersions.OfAsync(db, tx, programId, ct);
        var holds = await HoldStore.ActiveAsync(db, tx, [programId], ct);
        if (catalog.Get(programId) is not { } entry || entry.HoldsVersion != version || ConsistencyRules.SameHolds(entry.Holds, holds)) return false;
        var bumped = await CatalogVersions.BumpAsync(db, tx, programId, ct);
        await write.CommitAsync(ct);
        catalog.HoldsChanged(programId, holds, bumped);
        return true;
    }
}

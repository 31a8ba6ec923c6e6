using System.Data.Common;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Availability;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Organizations;
using Housing.Api.Telemetry;
using Housing.Api.Watches;
using Microsoft.Extensions.Options;

namespace Housing.Api.Referrals;

/// <summary>
/// Referrals and their holds. Every change runs in one transaction that also moves the holds
/// and writes the audit row and the webhook events; the in-memory catalog learns the program's
/// holds from that same transaction, tagged with the program's catalog version so that it never
/// takes an older set of holds after a newer one.
/// On SQLite the transaction is IMMEDIATE (the file's one write lock), taken in turn with every
/// other write of the process (<see cref="IDbConnectionFactory.BeginWriteAsync"/>). On PostgreSQL, where
/// several instances write at once, a change locks what it reads before deciding: the referral's
/// row, and the programs it may hold at (in id order), and each hold re-reads open capacity
/// from the database under that lock; a new referral checks its key's hold limit again under a
/// lock on the key just before it commits.
/// </summary>
/// <remarks>
/// One class in several files: creating a referral (ReferralStore.Create.cs), deciding on its
/// current step (ReferralStore.Decide.cs), reading and listing (ReferralStore.Reads.cs), and the
/// SQL rows they map (ReferralStore.Rows.cs). This file holds what both changes share: offering
/// the hold to the next program with room, and the rows every change writes.
/// </remarks>
public sealed partial class ReferralStore(
    IDbConnectionFactory connections, ProgramCatalog catalog, MatchIndexCache indexes, IOptions<ReferralOptions> options, WatchSignal watchSignal,
    HousingMetrics metrics)
{
    public async Task AuditAsync(DateTimeOffset now, string keyId, string role, string action, Guid entityId, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await AuditAsync(db, tx, now, keyId, role, action, entityId, ct);
        await write.CommitAsync(ct);
    }

    /// <summary>
    /// Tries the programs from <paramref name="from"/> on, in order: the first that the household is
    /// still eligible for, that still takes the agency's referrals and that still has room gets the
    /// hold (and its new catalog version goes into <paramref name="changed"/>); the others are marked
    /// skipped. Eligibility comes from the catalog; partnership (a program's partners may have
    /// changed since the referral was made) and room, from the database, under the programs' locks
    /// (<see cref="PartnerStore.NotPartnerOfAsync"/>, <see cref="HoldStore.TryHoldAsync"/>). Returns the beds
    /// (slots) held, 0 when no program had room.
    /// </summary>
    private async Task<(int Holding, List<string> Skipped)> AdvanceAsync(DbConnection db, DbTransaction tx, Referral referral, int from,
        Household household, DateTimeOffset now, Dictionary<Guid, long> changed, CancellationToken ct, IReadOnlySet<Guid>? notPartner = null)
    {
        var skipped = new List<string>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var index = indexes.Get(today);
        var query = CompiledQuery.Compile(new MatchQuery(household, new Wants(), new Safety(), referral.AgencyId), index.Interning, today);
        // A new referral has just asked, under the same locks; a cascade asks again, as partners may have changed since.
        notPartner ??= await PartnerStore.NotPartnerOfAsync(db, tx, referral.AgencyId,
            referral.Steps.Skip(from).Select(s => s.ProgramId).ToList(), ct);
        for (var position = from; position < referral.Steps.Count; position++)
        {
            var programId = referral.Steps[position].ProgramId;
            var reason = notPartner.Contains(programId) ? ExclusionReason.NotAPartnerAgency : Ineligible(index, query, programId);
            var entry = catalog.Get(programId);
            if (reason is null && entry is not null)
            {
                var program = entry.Program;
                if (await HoldStore.TryHoldAsync(db, tx, referral.Id, position, program, household, referral.CreatedBy, now, ct) is var (version, count))
                {
                    changed[programId] = version;
                    await db.ExecuteAsync(new CommandDefinition("""
                        UPDATE referral_steps SET status = 'pending', offered_at = @now, expires_at = @expiresAt
                        WHERE referral_id = @id AND position = @position;
                        """, new { id = referral.Id, position, now, expiresAt = now + options.Value.HoldFor(program.Definition.Kind) }, tx, cancellationToken: ct));
                    await SetStatusAsync(db, tx, referral.Id, ReferralStatus.Pending, position, now, ct);
                    await ReferralEvents.OfferedAsync(db, tx, referral.Id, position, programId, program.Definition.OrganizationId, now, ct);
                    return (count, skipped);
                }
                // A program that never posted has no count to hold against: say so, so the case manager calls.
                reason = entry.Latest is null ? ExclusionReason.CapacityUnknown : NoRoom(index, query, programId);
            }
            var code = HousingJson.Text(reason ?? ExclusionReason.KindNotWanted);
            skipped.Add($"{programId}: {code}");
            await db.ExecuteAsync(new CommandDefinition("""
                UPDATE referral_steps SET status = 'skipped', decided_at = @now, reason_code = @code
                WHERE referral_id = @id AND position = @position;
                """, new { id = referral.Id, position, now, code }, tx, cancellationToken: ct));
        }
        return (0, skipped);
    }

    /// <summary>Why the database found no room, in the catalog's words: no unit large enough, where that is what the catalog saw; otherwise full.</summary>
    private static ExclusionReason NoRoom(MatchIndex index, CompiledQuery query, Guid programId) =>
        MatchEngine.ReasonsFor(index, query.Query, programId) is { } reasons && reasons.Contains(ExclusionReason.NoRoomLargeEnough)
            ? ExclusionReason.NoRoomLargeEnough
            : ExclusionReason.Full;

    /// <summary>The first eligibility reason the program fails (capacity and partnership aside: the database answers those).</summary>
    private static ExclusionReason? Ineligible(MatchIndex index, CompiledQuery query, Guid programId)
    {
        if (!index.Columns.TryGetPosition(programId, out var i)) return ExclusionReason.KindNotWanted;
        Span<ExclusionReason> reasons = stackalloc ExclusionReason[ExclusionReasons.Count];
        var n = MatchRules.Check(in index.Facts[i], query, reasons);
        foreach (var reason in reasons[..n])
        {
            if (reason is not (ExclusionReason.Full or ExclusionReason.NoRoomLargeEnough or ExclusionReason.CapacityUnknown or ExclusionReason.NotAPartnerAgency))
                return reason;
        }
        return null;
    }

    private static Task SetStatusAsync(DbConnection db, DbTransaction tx, Guid id, ReferralStatus status, int position, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("""
            UPDATE referrals SET status = @status, current_position = @position, updated_at = @now WHERE id = @id;
            """, new { id, status = HousingJson.Text(status), position, now }, tx, cancellationToken: ct));

    private static Task AuditAsync(DbConnection db, DbTransaction tx, DateTimeOffset now, string keyId, string role, string action, Guid entityId, CancellationToken ct) =>
        AuditLog.WriteAsync(db, tx, now, new Actor(keyId, role), action, "referral", entityId, ct);

    /// <summary>The programs' holds as this transaction leaves them; published only once it has committed.</summary>
    private static async Task<ILookup<Guid, ActiveHold>> HoldsOfAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<Guid> programIds, CancellationToken ct) =>
        (await HoldStore.ActiveAsync(db, tx, programIds, ct)).ToLookup(h => h.ProgramId);

    private void Publish(ILookup<Guid, ActiveHold> holds, Dictionary<Guid, long> versions)
    {
        foreach (var (programId, version) in versions) catalog.HoldsChanged(programId, holds[programId].ToList(), version);
    }
}

using System.Data.Common;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Referrals;
using Housing.Api.Telemetry;

namespace Housing.Api.Asks;

/// <summary>
/// How an answer or a cancel ended. <see cref="PlacedElsewhere"/>: another program said yes
/// first; <see cref="Closed"/>: the line ran out of time, or the ask was cancelled or ended.
/// </summary>
public enum AskChangeOutcome { Done, NotFound, AlreadyAnswered, PlacedElsewhere, Closed }

public sealed partial class AskStore
{
    /// <summary>
    /// A shelter's answer for one program's line. A yes that comes first places the household, all
    /// in this one transaction: a referral to the program already accepted with its beds held
    /// (<see cref="ReferralStore.CreateAcceptedAsync"/>), the other pending lines withdrawn and
    /// their shelters told, the ask placed. A no closes the line, and the ask too when no line is left.
    /// </summary>
    /// <param name="mayAnswer">Whether the caller may answer for the program (its shelter); 404 otherwise, as for an ask it cannot see.</param>
    public async Task<(AskChangeOutcome Outcome, Ask? Ask)> AnswerAsync(Guid id, Guid programId, Func<Guid, bool> mayAnswer, Actor actor,
        AnswerAskRequest answer, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockAsk, new { id }, tx, cancellationToken: ct));
        var ask = await ReadAsync(db, tx, id, ct);
        var line = ask?.Lines.FirstOrDefault(l => l.ProgramId == programId);
        if (ask is null || line is null || !mayAnswer(programId)) return (AskChangeOutcome.NotFound, null);
        if (line.Status is AskLineStatus.Yes or AskLineStatus.No) return (AskChangeOutcome.AlreadyAnswered, ask);
        if (ask.Status == AskStatus.Placed) return (AskChangeOutcome.PlacedElsewhere, ask);
        // A line past its time is the sweeper's to expire, even if it has not run yet: the agency may already have turned elsewhere.
        if (ask.Status != AskStatus.Open || line.Status != AskLineStatus.Pending || line.ExpiresAt <= now) return (AskChangeOutcome.Closed, ask);

        var yes = answer.Answer == AskAnswer.Yes;
        Action? afterCommit = null;
        Guid? referralId = null;
        if (yes)
        {
            if (catalog.Get(programId)?.Program is not { } program) return (AskChangeOutcome.NotFound, null);
            var (referral, publish) = await referrals.CreateAcceptedAsync(db, tx, new AcceptedReferral(ask.AgencyId, ask.CreatedBy, ask.ClientReference,
                ask.Household, ask.HouseholdType, ask.HouseholdSize, program, ask.CreatedAt, line.ExpiresAt, actor.KeyId, actor.Role), now, ct);
            (afterCommit, referralId) = (publish, referral.Id);
        }
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE ask_programs
            SET status = @status, answered_at = @now, answered_by = @answeredBy, reason_code = @reasonCode, reason_text = @reasonText, arrive_by = @arriveBy
            WHERE ask_id = @id AND position = @Position;
            """, new
        {
            id,
            line.Position,
            now,
            status = yes ? "yes" : "no",
            answeredBy = actor.KeyId,
            reasonCode = answer.Reason is { } reason ? HousingJson.Text(reason) : null,
            reasonText = answer.Text,
            arriveBy = answer.ArriveBy,
        }, tx, cancellationToken: ct));
        await AskEvents.AnsweredAsync(db, tx, ask, programId, yes ? AskLineStatus.Yes : AskLineStatus.No, referralId, now, ct);
        await AuditLog.WriteAsync(db, tx, now, actor, "ask.answered", "ask", id, ct);
        if (yes)
        {
            await WithdrawPendingAsync(db, tx, ask, now, ct, except: programId);
            await db.ExecuteAsync(new CommandDefinition("""
                UPDATE asks SET status = 'placed', referral_id = @referralId, ended_at = @now WHERE id = @id;
                """, new { id, referralId, now }, tx, cancellationToken: ct));
        }
        else await EndIfSettledAsync(db, tx, ask, programId, AskLineStatus.No, actor, now, ct);

        var result = await ReadAsync(db, tx, id, ct);
        await write.CommitAsync(ct);
        afterCommit?.Invoke();
        metrics.AskEvent(yes ? HousingMetrics.AskYes : HousingMetrics.AskNo);
        if (yes) metrics.HoldCreated(HoldSource.Ask);
        return (AskChangeOutcome.Done, result);
    }

    /// <summary>The agency withdraws its ask: every pending line is closed and its shelter told.</summary>
    public async Task<(AskChangeOutcome Outcome, Ask? Ask)> CancelAsync(Guid id, Func<Ask, bool> visible, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockAsk, new { id }, tx, cancellationToken: ct));
        var ask = await ReadAsync(db, tx, id, ct);
        if (ask is null || !visible(ask)) return (AskChangeOutcome.NotFound, null);
        if (ask.Status != AskStatus.Open) return (AskChangeOutcome.Closed, ask);
        await WithdrawPendingAsync(db, tx, ask, now, ct);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE asks SET status = 'cancelled', ended_at = @now WHERE id = @id;
            """, new { id, now }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(db, tx, now, actor, "ask.cancelled", "ask", id, ct);
        var result = await ReadAsync(db, tx, id, ct);
        await write.CommitAsync(ct);
        metrics.AskEvent(HousingMetrics.AskCancelled);
        return (AskChangeOutcome.Done, result);
    }

    /// <summary>Expires the ask's pending lines whose time is up, and the ask when no line is left; returns how many lines.</summary>
    public async Task<int> ExpireAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockAsk, new { id }, tx, cancellationToken: ct));
        var ask = await ReadAsync(db, tx, id, ct);
        if (ask is null) return 0;
        var due = ask.Lines.Where(l => l.Status == AskLineStatus.Pending && l.ExpiresAt <= now).ToList();
        if (due.Count == 0) return 0;
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE ask_programs SET status = 'expired' WHERE ask_id = @id AND status = 'pending' AND expires_at <= @now;
            """, new { id, now }, tx, cancellationToken: ct));
        await EndIfSettledAsync(db, tx, ask, due[^1].ProgramId, AskLineStatus.Expired, Actor.Service("sweeper"), now, ct);
        await write.CommitAsync(ct);
        metrics.AskEvent(HousingMetrics.AskExpired, due.Count);
        return due.Count;
    }

    /// <summary>Withdraws the lines still pending; <paramref name="except"/>: the program whose yes (already written) withdraws them, as <paramref name="ask"/> was read before it.</summary>
    private async Task WithdrawPendingAsync(DbConnection db, DbTransaction tx, Ask ask, DateTimeOffset now, CancellationToken ct, Guid? except = null)
    {
        var pending = ask.Lines.Where(l => l.Status == AskLineStatus.Pending && l.ProgramId != except).ToList();
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE ask_programs SET status = 'withdrawn' WHERE ask_id = @id AND status = 'pending';
            """, new { id = ask.Id }, tx, cancellationToken: ct));
        foreach (var other in pending)
        {
            if (catalog.Get(other.ProgramId)?.Program.Definition.OrganizationId is { } shelter)
                await AskEvents.WithdrawnAsync(db, tx, ask.Id, other.ProgramId, shelter, now, ct);
        }
    }

    /// <summary>An open ask with no line pending (and none that said yes) ends expired: the agency is told and turns elsewhere.</summary>
    private static async Task EndIfSettledAsync(DbConnection db, DbTransaction tx, Ask ask, Guid lastProgramId, AskLineStatus lastStatus, Actor actor,
        DateTimeOffset now, CancellationToken ct)
    {
        var ended = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE asks SET status = 'expired', ended_at = @now
            WHERE id = @id AND status = 'open'
              AND NOT EXISTS (SELECT 1 FROM ask_programs WHERE ask_id = @id AND status IN ('pending', 'yes'));
            """, new { id = ask.Id, now }, tx, cancellationToken: ct));
        if (ended == 0) return;
        await AskEvents.ExpiredAsync(db, tx, ask, lastProgramId, lastStatus, now, ct);
        await AuditLog.WriteAsync(db, tx, now, actor, "ask.expired", "ask", ask.Id, ct);
    }
}

using Dapper;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Errors;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Telemetry;
using Housing.Api.Watches;

namespace Housing.Api.Referrals;

public enum DecideOutcome { Done, NotFound, Illegal, HoldExpired }

public sealed partial class ReferralStore
{
    /// <summary>PostgreSQL: the referral's row, so two instances cannot decide on it at once (SQLite's write lock already does this).</summary>
    private const string LockReferral = "SELECT id FROM referrals WHERE id = @id FOR UPDATE;";

    /// <summary>Applies a shelter's or case manager's decision, or an expiry, to the current step.</summary>
    /// <param name="visible">Whether the caller may see the referral at all (404 otherwise).</param>
    /// <param name="mayAct">Whether the caller may decide its current step (409 otherwise); anyone who can see it when null.</param>
    public async Task<(DecideOutcome Outcome, Referral? Referral)> DecideAsync(
        Guid id, ReferralAction action, Func<Referral, bool> visible, string keyId, string role,
        DeclineRequest? decline, DateTimeOffset now, CancellationToken ct, Func<Referral, bool>? mayAct = null)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockReferral, new { id }, tx, cancellationToken: ct));
        var referral = await ReadAsync(db, tx, id, ct);
        if (referral is null || !visible(referral)) return (DecideOutcome.NotFound, null);
        if (!ReferralTransitions.Allowed(referral.Status, action)) return (DecideOutcome.Illegal, referral);
        if (mayAct is not null && !mayAct(referral)) return (DecideOutcome.Illegal, referral);
        // The list of due holds may be stale: another sweep (or a decision) may have moved the
        // referral on to a newer step since, and that step's hold is not due.
        if (action == ReferralAction.Expire && !(referral.Current.Status == StepStatus.Pending && referral.Current.ExpiresAt <= now))
            return (DecideOutcome.Illegal, referral);

        var step = referral.Current;
        // A hold past its time is the sweeper's to expire, even if it has not run yet: a late
        // accept must not take a bed the case manager was told had gone back.
        if (action == ReferralAction.Accept && step.ExpiresAt <= now) return (DecideOutcome.HoldExpired, referral);
        var changed = new Dictionary<Guid, long>();
        await CatalogVersions.LockAsync(db, tx, referral.Steps.Skip(step.Position).Select(s => s.ProgramId), ct);
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE referral_steps
            SET status = @status, decided_at = @now, declined_by = @declinedBy, reason_code = @reasonCode, reason_text = @reasonText,
                answered_at = CASE WHEN @answers THEN @now ELSE answered_at END
            WHERE referral_id = @id AND position = @position;
            """, new
        {
            id,
            position = step.Position,
            now,
            status = HousingJson.Text(ReferralTransitions.StepAfter(action)),
            declinedBy = (int?)decline?.DeclinedBy,
            reasonCode = decline?.Reason is { } reason ? HousingJson.Text(reason) : null,
            reasonText = decline?.Text,
            // The shelter's own answer, for the time-to-answer figure; placement and no-show come later.
            answers = action is ReferralAction.Accept or ReferralAction.Decline,
        }, tx, cancellationToken: ct));
        if (ReferralTransitions.ReleasesHold(action) && await HoldStore.ReleaseAsync(db, tx, id, step.Position, step.ProgramId, now, ct) is { } released)
            changed[step.ProgramId] = released;
        if (action == ReferralAction.Place && await HoldStore.PlaceAsync(db, tx, id, step.Position, step.ProgramId, now, ct) is { } placedAt)
            changed[step.ProgramId] = placedAt;
        await ReferralEvents.DecidedAsync(db, tx, referral, step, ReferralTransitions.StepAfter(action),
            catalog.Get(step.ProgramId)?.Program.Definition.OrganizationId, now, ct);

        var moved = false;
        if (ReferralTransitions.Cascades(action) && step.Position + 1 < referral.Steps.Count)
        {
            var household = MatchRequestRules.ValidateHousehold(referral.Household, new Validation())!;
            moved = (await AdvanceAsync(db, tx, referral, step.Position + 1, household, now, changed, ct)).Holding > 0;
        }
        if (!moved) await SetStatusAsync(db, tx, id, ReferralTransitions.StatusAfter(action), step.Position, now, ct);
        if (!moved && ReferralTransitions.Cascades(action))
            await ReferralEvents.ExhaustedAsync(db, tx, referral, step, ReferralTransitions.StepAfter(action), now, ct);

        // A referral a watch made, now final: the watch is fulfilled, resumes or ends with it.
        var settled = moved ? null : await WatchStore.SettleAsync(db, tx, id, ReferralTransitions.StepAfter(action), step.ProgramId, now, ct);

        await AuditAsync(db, tx, now, keyId, role, "referral." + HousingJson.Text(ReferralTransitions.StepAfter(action)), id, ct);
        var result = await ReadAsync(db, tx, id, ct);
        var holds = await HoldsOfAsync(db, tx, changed.Keys, ct);
        await write.CommitAsync(ct);
        Publish(holds, changed);
        metrics.Decided(action, step.Status, decline);
        if (moved) metrics.HoldCreated(HoldSource.Cascade);
        if (settled is not null)
        {
            watchSignal.Raise();
            metrics.WatchEvent(settled);
        }
        return (DecideOutcome.Done, result);
    }
}

using Dapper;
using Housing.Api.Audit;
using Housing.Api.Data;

namespace Housing.Api.Referrals;

/// <summary>A closed referral as retention reads it: what the counts keep, nothing else.</summary>
public sealed record ClosedReferral(Guid Id, Guid AgencyId, int HouseholdType, string Status, DateTimeOffset CreatedAt, IReadOnlyList<ClosedStep> Steps);

public sealed record ClosedStep(Guid ProgramId, string Status, DateTimeOffset? OfferedAt, DateTimeOffset? AnsweredAt, DateTimeOffset? DecidedAt, int? DeclinedBy, string? ReasonCode);

public sealed record StepCount(string Day, Guid ProgramId, Guid AgencyId, int HouseholdType, string Status, int DeclinedBy, string ReasonCode, int ResponseMinutes, int Count);

public sealed record ReferralCount(string Day, Guid AgencyId, int HouseholdType, string Status, int Steps, int Count);

/// <summary>Reduces closed referrals to the anonymous counts the reports still use. Pure.</summary>
public static class RetentionCounts
{
    public static IReadOnlyList<StepCount> Steps(IEnumerable<ClosedReferral> referrals) =>
        referrals
            .SelectMany(r => r.Steps.Where(s => s.Status != "waiting").Select(s => new StepCount(
                Day(s.OfferedAt ?? s.DecidedAt ?? r.CreatedAt), s.ProgramId, r.AgencyId, r.HouseholdType, s.Status,
                s.DeclinedBy ?? 0, s.ReasonCode ?? "",
                s is { OfferedAt: { } offered, AnsweredAt: { } answered } ? (int)Math.Max(0, (answered - offered).TotalMinutes) : -1, 1)))
            .GroupBy(c => c with { Count = 0 })
            .Select(g => g.Key with { Count = g.Count() })
            .ToList();

    public static IReadOnlyList<ReferralCount> Referrals(IEnumerable<ClosedReferral> referrals) =>
        referrals
            .GroupBy(r => new ReferralCount(Day(r.CreatedAt), r.AgencyId, r.HouseholdType, r.Status, r.Steps.Count, 0))
            .Select(g => g.Key with { Count = g.Count() })
            .ToList();

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Purges closed referrals older than the retention period, adding them to the anonymous counts
/// in the same transaction as the delete, so nothing is counted twice or lost. A referral whose
/// placed hold still counts against open beds (no availability post since) waits: deleting it
/// would change what the shelter shows as open.
/// </summary>
public sealed class ReferralRetention(IDbConnectionFactory connections, TimeProvider clock, Microsoft.Extensions.Options.IOptions<RetentionOptions> options,
    ILogger<ReferralRetention> logger)
{
    private static readonly Actor Retention = Actor.Service("retention");

    /// <summary>Purges every closed referral past the period, a batch per transaction; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.ClosedReferralDays);
        var total = 0;
        while (true)
        {
            var purged = await PurgeBatchAsync(cutoff, now, ct);
            total += purged;
            if (purged < options.Value.BatchSize) break;
            logger.LogInformation("Purged {Count} closed referrals so far; continuing", total);
        }
        if (total > 0) logger.LogInformation("Purged {Count} closed referrals older than {Days} days down to anonymous counts", total, options.Value.ClosedReferralDays);
        var watches = await PurgeWatchesAsync(cutoff, ct);
        if (watches > 0) logger.LogInformation("Purged {Count} watches that ended more than {Days} days ago", watches, options.Value.ClosedReferralDays);
        var asks = 0;
        while (true)
        {
            var purged = await PurgeAskBatchAsync(cutoff, now, ct);
            asks += purged;
            if (purged < options.Value.BatchSize) break;
        }
        if (asks > 0) logger.LogInformation("Purged {Count} ended asks older than {Days} days", asks, options.Value.ClosedReferralDays);
        return total;
    }

    /// <summary>
    /// Watches that ended before <paramref name="cutoff"/>, with their trails: their household
    /// and client reference are kept no longer than a closed referral's (their safety
    /// constraints went when they ended). Returns how many.
    /// </summary>
    private async Task<int> PurgeWatchesAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        const string Ended = "SELECT id FROM watches WHERE ended_at IS NOT NULL AND ended_at < @cutoff";
        await db.ExecuteAsync(new CommandDefinition($"DELETE FROM watch_events WHERE watch_id IN ({Ended});", new { cutoff }, tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition($"DELETE FROM watch_openings WHERE watch_id IN ({Ended});", new { cutoff }, tx, cancellationToken: ct));
        var purged = await db.ExecuteAsync(new CommandDefinition($"DELETE FROM watches WHERE id IN ({Ended});", new { cutoff }, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
        return purged;
    }

    /// <summary>
    /// Ended asks (placed, expired, cancelled) go on the same horizon as closed referrals, whole:
    /// the referral a yes made keeps its own counts, and the answers of the others are not
    /// reported. Their lines go with them (ON DELETE CASCADE).
    /// </summary>
    private async Task<int> PurgeAskBatchAsync(DateTimeOffset cutoff, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockPurging, transaction: tx, cancellationToken: ct));
        var ids = (await db.QueryAsync<Guid>(new CommandDefinition("""
            SELECT id FROM asks WHERE ended_at IS NOT NULL AND ended_at < @cutoff ORDER BY ended_at LIMIT @take;
            """, new { cutoff, take = options.Value.BatchSize }, tx, cancellationToken: ct))).ToList();
        if (ids.Count == 0) return 0;
        await db.ExecuteAsync(new CommandDefinition(DeleteAsks.For(db), new { ids = TypeHandlers.AsText(ids) }, tx, cancellationToken: ct));
        foreach (var id in ids) await AuditLog.WriteAsync(db, tx, now, Retention, "ask.purged", "ask", id, ct);
        await write.CommitAsync(ct);
        return ids.Count;
    }

    private static readonly DialectSql DeleteAsks = DialectSql.WithList("DELETE FROM asks WHERE id IN @ids;");

    /// <summary>
    /// PostgreSQL: one purging transaction at a time across instances, as SQLite's write lock
    /// already makes it, so that no referral is counted twice and a purge that returns has
    /// purged everything that was due (another instance's purge finishes first).
    /// </summary>
    private const string LockPurging = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/retention'));";

    private static readonly DialectSql StepsOf = DialectSql.WithList("""
            SELECT referral_id, program_id, status, offered_at,
                   answered_at, decided_at, declined_by, reason_code
            FROM referral_steps
            WHERE referral_id IN @ids
            ORDER BY referral_id, position;
            """);

    private static readonly DialectSql Delete = DialectSql.WithList("DELETE FROM referrals WHERE id IN @ids;");

    private async Task<int> PurgeBatchAsync(DateTimeOffset cutoff, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockPurging, transaction: tx, cancellationToken: ct));
        var rows = (await db.QueryAsync<ReferralRow>(new CommandDefinition("""
            SELECT r.id, r.agency_id, r.household_type, r.status, r.created_at
            FROM referrals r
            WHERE r.status IN ('placed', 'declined', 'expired', 'cancelled', 'no_show')
              AND r.updated_at < @cutoff
              AND NOT EXISTS (
                    SELECT 1 FROM holds h
                    WHERE h.referral_id = r.id AND h.released_at IS NULL
                      AND (h.placed_at IS NULL OR NOT EXISTS (
                            SELECT 1 FROM availability_snapshots s WHERE s.program_id = h.program_id AND s.posted_at >= h.placed_at)))
            ORDER BY r.updated_at
            LIMIT @take;
            """, new { cutoff, take = options.Value.BatchSize }, tx, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return 0;

        var ids = TypeHandlers.AsText(rows.Select(r => r.Id));
        var steps = (await db.QueryAsync<StepRow>(new CommandDefinition(StepsOf.For(db), new { ids }, tx, cancellationToken: ct))).ToLookup(s => s.ReferralId);
        var closed = rows.Select(r => new ClosedReferral(r.Id, r.AgencyId, r.HouseholdType, r.Status, r.CreatedAt,
            steps[r.Id].Select(s => new ClosedStep(s.ProgramId, s.Status, s.OfferedAt, s.AnsweredAt, s.DecidedAt, s.DeclinedBy, s.ReasonCode)).ToList())).ToList();

        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO purged_step_counts (day, program_id, agency_id, household_type, status, declined_by, reason_code, response_minutes, count)
            VALUES (@Day, @ProgramId, @AgencyId, @HouseholdType, @Status, @DeclinedBy, @ReasonCode, @ResponseMinutes, @Count)
            ON CONFLICT (day, program_id, agency_id, household_type, status, declined_by, reason_code, response_minutes)
            DO UPDATE SET count = purged_step_counts.count + excluded.count;
            """, RetentionCounts.Steps(closed), tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO purged_referral_counts (day, agency_id, household_type, status, steps, count)
            VALUES (@Day, @AgencyId, @HouseholdType, @Status, @Steps, @Count)
            ON CONFLICT (day, agency_id, household_type, status, steps)
            DO UPDATE SET count = purged_referral_counts.count + excluded.count;
            """, RetentionCounts.Referrals(closed), tx, cancellationToken: ct));
        // Steps and holds go with their referral (ON DELETE CASCADE).
        await db.ExecuteAsync(new CommandDefinition(Delete.For(db), new { ids }, tx, cancellationToken: ct));
        foreach (var r in rows) await AuditLog.WriteAsync(db, tx, now, Retention, "referral.purged", "referral", r.Id, ct);
        await write.CommitAsync(ct);
        return rows.Count;
    }

    private sealed class ReferralRow
    {
        public Guid Id { get; set; }
        public Guid AgencyId { get; set; }
        public int HouseholdType { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
    }

    private sealed class StepRow
    {
        public Guid ReferralId { get; set; }
        public Guid ProgramId { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset? OfferedAt { get; set; }
        public DateTimeOffset? AnsweredAt { get; set; }
        public DateTimeOffset? DecidedAt { get; set; }
        public int? DeclinedBy { get; set; }
        public string? ReasonCode { get; set; }
    }
}

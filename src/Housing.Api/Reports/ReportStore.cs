using System.Data.Common;
using Dapper;
using Housing.Api.Availability;
using Housing.Api.Data;
using Housing.Api.Programs;

namespace Housing.Api.Reports;

public enum ClaimOutcome { Claimed, AlreadyDone, HeldByAnother }

/// <summary>Reads a day's inputs, and keeps finished reports with the lease that makes each date run once.</summary>
public sealed class ReportStore(IDbConnectionFactory connections, ProgramStore programStore, CountReminderStore reminders, IReportPublisher publisher)
{
    public async Task<ReportInputs> ReadInputsAsync(DateOnly date, string timeZone, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        // Programs carry their current inventory; its start and end dates say what was in force that day.
        var programs = (await programStore.AllAsync(ct)).Where(p => p.CreatedAt < end).ToList();
        await using var db = await connections.OpenAsync(ct);
        var organizations = (await db.QueryAsync<(string Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM organizations;", cancellationToken: ct))).ToDictionary(o => Guid.Parse(o.Id), o => o.Name);
        return new ReportInputs(date, timeZone, start, end, programs, organizations,
            await LatestSnapshotsAsync(db, end, ct), await HoldsAsync(db, end, ct),
            [.. await StepsAsync(db, start, end, ct), .. await PurgedStepsAsync(db, date, ct)],
            await SearchesAsync(db, start, end, ct), await WatchesAsync(db, start, end, ct), await AsksAsync(db, start, end, ct),
            await reminders.SentBetweenAsync(start, end, ct), await Overflow.OverflowStore.InForceOnAsync(db, date, start, ct),
            await Offline.OfflineStore.AtAsync(db, end, ct));
    }

    /// <summary>Each program's latest post before the end (latest by id, as the live view reads it).</summary>
    private static async Task<IReadOnlyDictionary<Guid, Snapshot>> LatestSnapshotsAsync(DbConnection db, DateTimeOffset end, CancellationToken ct)
    {
        var rows = await db.QueryAsync<SnapshotCountRow>(new CommandDefinition("""
            WITH latest AS (
                SELECT (SELECT s.id FROM availability_snapshots s
                        WHERE s.program_id = p.id AND s.posted_at < @end
                        ORDER BY s.id DESC LIMIT 1) AS snapshot_id
                FROM programs p)
            SELECT s.id, s.program_id, s.posted_at,
                   c.household_type, c.beds, c.units, c.slots, c.open_units_json
            FROM latest l
            JOIN availability_snapshots s ON s.id = l.snapshot_id
            JOIN availability_counts c ON c.snapshot_id = s.id;
            """, new { end }, cancellationToken: ct));
        return rows.GroupBy(r => r.Id).ToDictionary(g => g.First().ProgramId, g => new Snapshot(g.Key, g.First().ProgramId, g.First().PostedAt,
            g.Select(r => new OpenCount((HouseholdType)r.HouseholdType, r.Beds, r.Units, r.Slots, UnitFit.FromJson(r.OpenUnitsJson))).ToList()));
    }

    /// <summary>Holds that counted at the end of the day: made before it, released (if at all) after it.</summary>
    private static async Task<IReadOnlyList<ActiveHold>> HoldsAsync(DbConnection db, DateTimeOffset end, CancellationToken ct)
    {
        var rows = await db.QueryAsync<HoldRow>(new CommandDefinition("""
            SELECT id, program_id, household_type, count,
                   CASE WHEN placed_at < @end THEN placed_at END AS PlacedAt, units_json
            FROM holds
            WHERE created_at < @end AND (released_at IS NULL OR released_at >= @end);
            """, new { end }, cancellationToken: ct));
        return rows.Select(r => new ActiveHold(r.Id, r.ProgramId, (HouseholdType)r.HouseholdType, r.Count, r.PlacedAt, UnitFit.FromJson(r.UnitsJson))).ToList();
    }

    private static async Task<IReadOnlyList<StepOutcome>> StepsAsync(DbConnection db, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var rows = await db.QueryAsync<StepRow>(new CommandDefinition("""
            SELECT s.program_id, r.household_type, s.status, s.offered_at,
                   s.answered_at, s.declined_by, s.reason_code
            FROM referral_steps s
            JOIN referrals r ON r.id = s.referral_id
            WHERE s.offered_at >= @start AND s.offered_at < @end;
            """, new { start, end }, cancellationToken: ct));
        return rows.Select(r => new StepOutcome(r.ProgramId, (HouseholdType)r.HouseholdType, r.Status, r.DeclinedBy ?? 0,
            r.Status == "declined" ? r.ReasonCode ?? "" : "",
            r.AnsweredAt is { } answered ? (int)Math.Max(0, (answered - r.OfferedAt).TotalMinutes) : null)).ToList();
    }

    /// <summary>
    /// Purged referrals' counts are kept by UTC day, not local day: the report for a date takes
    /// that UTC date's counts. Purging happens 90 days on, long after the nightly run, so this
    /// only touches reports built late.
    /// </summary>
    private static async Task<IReadOnlyList<StepOutcome>> PurgedStepsAsync(DbConnection db, DateOnly date, CancellationToken ct)
    {
        var rows = await db.QueryAsync<PurgedRow>(new CommandDefinition("""
            SELECT program_id, household_type, status, declined_by,
                   reason_code, response_minutes, count
            FROM purged_step_counts
            WHERE day = @date AND status NOT IN ('waiting', 'skipped');
            """, new { date }, cancellationToken: ct));
        return rows.Select(r => new StepOutcome(r.ProgramId, (HouseholdType)r.HouseholdType, r.Status, r.DeclinedBy,
            r.Status == "declined" ? r.ReasonCode : "", r.ResponseMinutes >= 0 ? r.ResponseMinutes : null, r.Count)).ToList();
    }

    private static async Task<IReadOnlyList<SearchOutcome>> SearchesAsync(DbConnection db, DateTimeOffset start, DateTimeOffset end, CancellationToken ct) =>
        (await db.QueryAsync<(long HouseholdType, long Adults, long Children, long Matched, string? TopReason)>(new CommandDefinition("""
            SELECT household_type, adults, children, matched, top_reason
            FROM match_searches
            WHERE searched_at >= @start AND searched_at < @end;
            """, new { start, end }, cancellationToken: ct)))
        .Select(r => new SearchOutcome((HouseholdType)r.HouseholdType, (int)r.Adults, (int)r.Children, (int)r.Matched, r.TopReason)).ToList();

    /// <summary>
    /// Watches opened or ended within the day. Ended watches are deleted after
    /// Retention:ClosedReferralDays with no counts kept, so a day rebuilt after that no longer counts them.
    /// </summary>
    private static async Task<IReadOnlyList<WatchOutcome>> WatchesAsync(DbConnection db, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var rows = await db.QueryAsync<WatchRow>(new CommandDefinition("""
            SELECT household_type, status, created_at, ended_at
            FROM watches
            WHERE (created_at >= @start AND created_at < @end) OR (ended_at >= @start AND ended_at < @end);
            """, new { start, end }, cancellationToken: ct));
        return rows.Select(r =>
        {
            var ended = r.EndedAt is { } at && at >= start && at < end ? r.Status : null;
            return new WatchOutcome((HouseholdType)r.HouseholdType, r.CreatedAt >= start && r.CreatedAt < end, ended,
                ended == "fulfilled" ? Minutes(r.CreatedAt, r.EndedAt!.Value) : null);
        }).ToList();
    }

    /// <summary>
    /// Asks sent within the day, with their lines. Like watches, ended asks are deleted whole
    /// after Retention:ClosedReferralDays, and a day rebuilt after that no longer counts them.
    /// </summary>
    private static async Task<IReadOnlyList<AskOutcome>> AsksAsync(DbConnection db, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var rows = await db.QueryAsync<AskLineRow>(new CommandDefinition("""
            SELECT a.id AS AskId, a.household_type, a.created_at,
                   l.program_id, l.status, l.answered_at
            FROM asks a
            JOIN ask_programs l ON l.ask_id = a.id
            WHERE a.created_at >= @start AND a.created_at < @end;
            """, new { start, end }, cancellationToken: ct));
        return rows.GroupBy(r => r.AskId).Select(g =>
        {
            var first = g.First();
            var type = (HouseholdType)first.HouseholdType;
            var yeses = g.Where(l => l.Status == "yes" && l.AnsweredAt is not null).Select(l => l.AnsweredAt!.Value).ToList();
            return new AskOutcome(type, g.Select(l => new AskLine(l.ProgramId, type, l.Status)).ToList(),
                yeses.Count == 0 ? null : Minutes(first.CreatedAt, yeses.Min()));
        }).ToList();
    }

    private static int Minutes(DateTimeOffset from, DateTimeOffset to) => (int)Math.Max(0, (to - from).TotalMinutes);

    /// <summary>
    /// Claims a date for this holder: one conditional upsert, so of several instances only one
    /// changes the row. Free to claim: a new date, a failed one, a running one whose lease ran
    /// out, a provisional one (finished before its day ended), and (when <paramref name="rebuild"/>) a done one.
    /// </summary>
    public async Task<ClaimOutcome> TryClaimAsync(DateOnly date, DateTimeOffset windowEnd, string holder, DateTimeOffset now, DateTimeOffset leaseUntil,
        bool rebuild, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var changed = await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO capacity_reports (date, window_end, status, holder, lease_until, attempts, started_at)
            VALUES (@date, @windowEnd, 'running', @holder, @leaseUntil, 1, @now)
            ON CONFLICT (date) DO UPDATE
            SET status = 'running', holder = excluded.holder, lease_until = excluded.lease_until,
                attempts = capacity_reports.attempts + 1, started_at = excluded.started_at, error = NULL
            WHERE capacity_reports.status = 'failed'
               OR (capacity_reports.status = 'running' AND capacity_reports.lease_until < @now)
               OR (capacity_reports.status = 'done' AND (@rebuild OR capacity_reports.finished_at < capacity_reports.window_end));
            """, new { date, windowEnd, holder, leaseUntil, now, rebuild }, tx, cancellationToken: ct));
        var status = changed == 1 ? "running" : await db.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT status FROM capacity_reports WHERE date = @date;", new { date }, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
        return changed == 1 ? ClaimOutcome.Claimed : status == "done" ? ClaimOutcome.AlreadyDone : ClaimOutcome.HeldByAnother;
    }

    /// <summary>
    /// Stores the finished report, if this holder still has the claim, and announces it
    /// (<c>report.ready</c>) in the same transaction: a stored report always has its events, and
    /// an event never names a report that was not stored. False if the holder lost the claim.
    /// </summary>
    public async Task<bool> CompleteAsync(DateOnly date, string holder, string contentJson, DateTimeOffset now, long durationMs, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE capacity_reports
            SET status = 'done', content_json = @contentJson, finished_at = @now, duration_ms = @durationMs, lease_until = NULL, error = NULL
            WHERE date = @date AND holder = @holder AND status = 'running';
            """, new { date, holder, contentJson, now, durationMs }, tx, cancellationToken: ct));
        if (rows != 1) return false;
        await publisher.PublishAsync(db, tx, ReportReady.For(date), now, ct);
        await write.CommitAsync(ct);
        return true;
    }

    public async Task FailAsync(DateOnly date, string holder, string error, DateTimeOffset now, long durationMs, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE capacity_reports
            SET status = 'failed', error = @error, finished_at = @now, duration_ms = @durationMs, lease_until = NULL
            WHERE date = @date AND holder = @holder AND status = 'running';
            """, new { date, holder, error, now, durationMs }, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
    }

    /// <summary>Every date's run, newest first; or only <paramref name="date"/>'s.</summary>
    public async Task<IReadOnlyList<ReportRunView>> ListAsync(CancellationToken ct, DateOnly? date = null)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<RunRow>(new CommandDefinition("""
            SELECT date, status, attempts, started_at, finished_at,
                   duration_ms, error,
                   status = 'done' AND finished_at < window_end AS Provisional -- built before its day ended
            FROM capacity_reports
            WHERE @date IS NULL OR date = @date
            ORDER BY date DESC;
            """, new { date }, cancellationToken: ct));
        return rows.Select(r => new ReportRunView(r.Date, r.Status, r.Provisional, r.Attempts, r.StartedAt, r.FinishedAt, r.DurationMs, r.Error)).ToList();
    }

    /// <summary>The finished report's JSON, or null if the date has no finished report.</summary>
    public async Task<string?> ContentAsync(DateOnly date, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await db.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT content_json FROM capacity_reports WHERE date = @date AND content_json IS NOT NULL;", new { date }, cancellationToken: ct));
    }

    /// <summary>The first date ever reported on, and the dates done, for the scheduler's catch-up.</summary>
    public async Task<(DateOnly? Earliest, IReadOnlySet<DateOnly> Done)> ProgressAsync(DateOnly since, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var earliest = await db.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT MIN(date) FROM capacity_reports;", cancellationToken: ct));
        var done = await db.QueryAsync<DateOnly>(new CommandDefinition(
            "SELECT date FROM capacity_reports WHERE status = 'done' AND finished_at >= window_end AND date >= @since;", new { since }, cancellationToken: ct));
        return (earliest is null ? null : DateOnly.ParseExact(earliest, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), done.ToHashSet());
    }

    private sealed class SnapshotCountRow
    {
        public long Id { get; set; }
        public Guid ProgramId { get; set; }
        public DateTimeOffset PostedAt { get; set; }
        public int HouseholdType { get; set; }
        public int Beds { get; set; }
        public int Units { get; set; }
        public int Slots { get; set; }
        public string? OpenUnitsJson { get; set; }
    }

    private sealed class HoldRow
    {
        public long Id { get; set; }
        public Guid ProgramId { get; set; }
        public int HouseholdType { get; set; }
        public int Count { get; set; }
        public DateTimeOffset? PlacedAt { get; set; }
        public string? UnitsJson { get; set; }
    }

    private sealed class StepRow
    {
        public Guid ProgramId { get; set; }
        public int HouseholdType { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset OfferedAt { get; set; }
        public DateTimeOffset? AnsweredAt { get; set; }
        public int? DeclinedBy { get; set; }
        public string? ReasonCode { get; set; }
    }

    private sealed class PurgedRow
    {
        public Guid ProgramId { get; set; }
        public int HouseholdType { get; set; }
        public string Status { get; set; } = "";
        public int DeclinedBy { get; set; }
        public string ReasonCode { get; set; } = "";
        public int ResponseMinutes { get; set; }
        public int Count { get; set; }
    }

    private sealed class WatchRow
    {
        public int HouseholdType { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? EndedAt { get; set; }
    }

    private sealed class AskLineRow
    {
        public Guid AskId { get; set; }
        public int HouseholdType { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public Guid ProgramId { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset? AnsweredAt { get; set; }
    }

    private sealed class RunRow
    {
        public DateOnly Date { get; set; }
        public string Status { get; set; } = "";
        public bool Provisional { get; set; }
        public int Attempts { get; set; }
        public DateTimeOffset StartedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
        public long? DurationMs { get; set; }
        public string? Error { get; set; }
    }
}

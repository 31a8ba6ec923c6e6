using System.ComponentModel.DataAnnotations;
using Dapper;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Operations;
using Housing.Api.Webhooks;
using Microsoft.Extensions.Options;

namespace Housing.Api.Availability;

public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>How often counts are looked at for the ones that turned aging or stale since the last look.</summary>
    [Range(5, 3600)] public int SweepSeconds { get; set; } = 60;
}

/// <summary>A reminder that a program's count turned aging or stale, as its organisation hears it by webhook.</summary>
public sealed record CountReminderData(Guid ProgramId, Freshness Grade, DateTimeOffset PostedAt, long AgeSeconds);

/// <summary>One reminder sent, for the console and the reports.</summary>
public sealed record CountReminder(Guid ProgramId, Guid OrganizationId, Freshness Grade, DateTimeOffset PostedAt, DateTimeOffset RemindedAt);

public sealed class CountReminderStore(IDbConnectionFactory connections)
{
    public const string AgingEvent = "availability.aging";
    public const string StaleEvent = "availability.stale";

    /// <summary>
    /// Records that <paramref name="latest"/> turned <paramref name="grade"/> and queues the
    /// organisation's event in the same transaction; false when it was recorded already (by this
    /// instance or another), so each post's count is reminded of once per grade.
    /// </summary>
    public async Task<bool> RemindAsync(Guid organizationId, Snapshot latest, Freshness grade, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var recorded = await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO count_reminders (program_id, snapshot_id, grade, organization_id, posted_at, reminded_at)
            VALUES (@ProgramId, @Id, @grade, @organizationId, @PostedAt, @now)
            ON CONFLICT (program_id, snapshot_id, grade) DO NOTHING;
            """, new { latest.ProgramId, latest.Id, grade = Grade(grade), organizationId, latest.PostedAt, now }, tx, cancellationToken: ct));
        if (recorded == 0) return false;
        await Outbox.AddAsync(db, tx, organizationId, grade == Freshness.Stale ? StaleEvent : AgingEvent,
            new CountReminderData(latest.ProgramId, grade, latest.PostedAt, FreshnessGrade.AgeSeconds(latest.PostedAt, now) ?? 0), now, ct);
        await write.CommitAsync(ct);
        return true;
    }

    /// <summary>The (program, snapshot, grade) reminders already sent for posts made since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<(Guid ProgramId, long SnapshotId, Freshness Grade)>> SentSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<(Guid ProgramId, long SnapshotId, string Grade)>(new CommandDefinition("""
            SELECT program_id, snapshot_id, grade FROM count_reminders WHERE posted_at >= @since;
            """, new { since }, cancellationToken: ct));
        return [.. rows.Select(r => (r.ProgramId, r.SnapshotId, Parse(r.Grade)))];
    }

    /// <summary>Reminders sent in [<paramref name="start"/>, <paramref name="end"/>), oldest first.</summary>
    public async Task<IReadOnlyList<CountReminder>> SentBetweenAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<(Guid ProgramId, Guid OrganizationId, string Grade, DateTimeOffset PostedAt, DateTimeOffset RemindedAt)>(new CommandDefinition("""
            SELECT program_id, organization_id, grade, posted_at, reminded_at FROM count_reminders
            WHERE reminded_at >= @start AND reminded_at < @end ORDER BY reminded_at;
            """, new { start, end }, cancellationToken: ct));
        return [.. rows.Select(r => new CountReminder(r.ProgramId, r.OrganizationId, Parse(r.Grade), r.PostedAt, r.RemindedAt))];
    }

    private static string Grade(Freshness grade) => grade == Freshness.Stale ? "stale" : "aging";

    private static Freshness Parse(string grade) => grade == "stale" ? Freshness.Stale : Freshness.Aging;
}

/// <summary>
/// Looks at every program's count each <see cref="ReminderOptions.SweepSeconds"/> and reminds its
/// organisation (webhook <c>availability.aging</c> or <c>availability.stale</c>) the first time
/// the count of its latest post turns aging or stale. Only programs with inventory in force
/// today are reminded; one that skipped aging (the service was down) hears only stale. The
/// catalog in memory says what each program last posted, so a quiet sweep reads nothing.
/// </summary>
public sealed class CountReminderSweeper(ProgramCatalog catalog, CountReminderStore reminders, TimeProvider clock,
    IOptions<ReminderOptions> options, ILogger<CountReminderSweeper> logger) : BackgroundService
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private HashSet<(Guid ProgramId, long SnapshotId, Freshness Grade)>? _sent;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Sweep.EveryAsync(TimeSpan.FromSeconds(options.Value.SweepSeconds), clock, SweepAsync, logger, "Reminding of aging counts", stoppingToken);

    /// <summary>Sends the reminders due now; returns how many this instance sent.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            // What was sent before a restart is in the table: read once, then kept here.
            _sent ??= [.. await reminders.SentSinceAsync(now - TimeSpan.FromDays(2), ct)];
            var current = new HashSet<(Guid, long, Freshness)>();
            var sent = 0;
            foreach (var entry in catalog.Entries)
            {
                if (entry.Latest is not { } latest) continue;
                var grade = FreshnessGrade.Of(latest.PostedAt, now);
                if (grade is not (Freshness.Aging or Freshness.Stale)) continue;
                var key = (entry.Program.Id, latest.Id, grade);
                current.Add(key);
                if (_sent.Contains(key) || !entry.Program.ActiveInventory(today, entry.OverflowOn(today)).Any()) continue;
                if (await reminders.RemindAsync(entry.Program.Definition.OrganizationId, latest, grade, now, ct))
                {
                    sent++;
                    if (grade == Freshness.Stale)
                        logger.LogInformation("Program {ProgramId}'s count turned stale ({Hours} hours); its organisation was reminded",
                            entry.Program.Id, (int)(now - latest.PostedAt).TotalHours);
                }
            }
            _sent = current; // a newer post, or a program gone, drops out
            if (sent > 0) logger.LogInformation("Reminded organisations of {Count} aging or stale counts", sent);
            return sent;
        }
        finally
        {
            _one.Release();
        }
    }
}

using System.Data.Common;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Housing.Api.Telemetry;
using Housing.Api.Webhooks;

namespace Housing.Api.Watches;

public enum CreateWatchOutcome { Created, LimitReached }

public enum CancelWatchOutcome { Cancelled, NotFound, Ended }

/// <summary>
/// Watches in the database. Every change moves the watch's <c>version</c> on, in the same
/// transaction as its trail, its audit row and its webhook events. A watch that ends (any way)
/// loses its sealed safety constraints in that same statement: they are kept only while the
/// watch can still use them. A hold is claimed inside the referral's own transaction
/// (<see cref="ClaimAsync"/>), conditional on the version the claiming instance read, so that
/// with several instances a watch is fulfilled once, whichever saw the bed first.
/// </summary>
public sealed class WatchStore(IDbConnectionFactory connections, HousingMetrics metrics)
{
    public const string Matched = "watch.matched";
    public const string Ended = "watch.ended";

    private const string Columns = """
        id, agency_id, created_by, client_reference, mode,
        resume_on_decline, status, household_json, household_type,
        household_size, wants_json, safety, passed_over_json,
        referral_id, version, created_at, ends_at, updated_at, ended_at
        """;

    private static readonly DialectSql ManyOf = DialectSql.WithList($"SELECT {Columns} FROM watches WHERE id IN @ids;");

    /// <summary>PostgreSQL: counts one key's live watches one transaction at a time (SQLite's write lock already does).</summary>
    private const string LockCreator = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/watches-by/' || @createdBy));";

    public async Task<CreateWatchOutcome> CreateAsync(Watch watch, string role, int limit, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockCreator, new { createdBy = watch.CreatedBy }, tx, cancellationToken: ct));
        var live = await db.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM watches WHERE created_by = @createdBy AND status IN ('active', 'holding');
            """, new { createdBy = watch.CreatedBy }, tx, cancellationToken: ct));
        if (live >= limit) return CreateWatchOutcome.LimitReached;
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO watches (id, agency_id, created_by, client_reference, mode, resume_on_decline, status, household_json,
                                 household_type, household_size, wants_json, safety, passed_over_json, referral_id, version,
                                 created_at, ends_at, updated_at, ended_at)
            VALUES (@Id, @AgencyId, @CreatedBy, @ClientReference, @mode, @ResumeOnDecline, 'active', @householdJson,
                    @householdType, @HouseholdSize, @wantsJson, @SealedSafety, '[]', NULL, 1, @CreatedAt, @EndsAt, @CreatedAt, NULL);
            """, new
        {
            watch.Id,
            watch.AgencyId,
            watch.CreatedBy,
            watch.ClientReference,
            mode = HousingJson.Text(watch.Mode),
            watch.ResumeOnDecline,
            householdJson = HousingJson.Serialize(watch.Household),
            householdType = (int)watch.HouseholdType,
            watch.HouseholdSize,
            wantsJson = HousingJson.Serialize(watch.Wants),
            watch.SealedSafety,
            watch.CreatedAt,
            watch.EndsAt,
        }, tx, cancellationToken: ct));
        await TrailAsync(db, tx, watch.Id, watch.CreatedAt, "created", null, null, ct);
        await AuditAsync(db, tx, watch.CreatedAt, watch.CreatedBy, role, "watch.created", watch.Id, ct);
        await write.CommitAsync(ct);
        metrics.WatchEvent("created");
        return CreateWatchOutcome.Created;
    }

    public async Task<(Watch Watch, IReadOnlyList<TrailRow> Trail)?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<WatchRow>(new CommandDefinition($"SELECT {Columns} FROM watches WHERE id = @id;",
            new { id }, cancellationToken: ct));
        if (row is null) return null;
        var trail = await db.QueryAsync<TrailRow>(new CommandDefinition("""
            SELECT at, event, program_id, referral_id
            FROM watch_events WHERE watch_id = @id ORDER BY id;
            """, new { id }, cancellationToken: ct));
        return (row.ToWatch(), trail.ToList());
    }

    /// <summary>A page in id order: one agency's watches, or (<paramref name="agencyId"/> null) everyone's.</summary>
    public async Task<IReadOnlyList<Watch>> ListAsync(Guid? agencyId, WatchStatus? status, Guid? after, int take, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<WatchRow>(new CommandDefinition($"""
            SELECT {Columns} FROM watches
            WHERE (@agencyId IS NULL OR agency_id = @agencyId) AND (@status IS NULL OR status = @status) AND (@after IS NULL OR id > @after)
            ORDER BY id
            LIMIT @limit;
            """, new { agencyId, status = status is { } s ? HousingJson.Text(s) : null, after, limit = take + 1 }, cancellationToken: ct));
        return rows.Select(r => r.ToWatch()).ToList();
    }

    /// <summary>Every live watch's id and version: what an instance compares with what it holds in memory.</summary>
    public async Task<Dictionary<Guid, long>> LiveVersionsAsync(CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return (await db.QueryAsync<(string Id, long Version)>(new CommandDefinition("""
            SELECT id, version FROM watches WHERE status IN ('active', 'holding');
            """, cancellationToken: ct))).ToDictionary(r => Guid.Parse(r.Id), r => r.Version);
    }

    public async Task<IReadOnlyList<Watch>> ManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var db = await connections.OpenAsync(ct);
        var rows = new List<Watch>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            rows.AddRange((await db.QueryAsync<WatchRow>(new CommandDefinition(ManyOf.For(db), new { ids = TypeHandlers.AsText(chunk) },
                cancellationToken: ct))).Select(r => r.ToWatch()));
        }
        return rows;
    }

    /// <summary>Ends a live watch at its agency's request; its safety constraints go with it.</summary>
    public async Task<(CancelWatchOutcome Outcome, Watch? Watch)> CancelAsync(Guid id, Func<Watch, bool> visible, string keyId, string role,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var row = await db.QuerySingleOrDefaultAsync<WatchRow>(new CommandDefinition($"SELECT {Columns} FROM watches WHERE id = @id;",
            new { id }, tx, cancellationToken: ct));
        if (row?.ToWatch() is not { } watch || !visible(watch)) return (CancelWatchOutcome.NotFound, null);
        if (!await EndAsync(db, tx, watch.Id, WatchStatus.Cancelled, "cancelled", null, now, ct)) return (CancelWatchOutcome.Ended, watch);
        await AuditAsync(db, tx, now, keyId, role, "watch.cancelled", id, ct);
        await write.CommitAsync(ct);
        metrics.WatchEvent("cancelled");
        return (CancelWatchOutcome.Cancelled, watch);
    }

    /// <summary>Ends every active watch whose end has passed; returns how many. A holding watch waits for its referral.</summary>
    public async Task<int> ExpireDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        List<Guid> due;
        await using (var db = await connections.OpenAsync(ct))
        {
            due = (await db.QueryAsync<Guid>(new CommandDefinition("""
                SELECT id FROM watches WHERE status = 'active' AND ends_at <= @now ORDER BY ends_at LIMIT 500;
                """, new { now }, cancellationToken: ct))).ToList();
        }
        var count = 0;
        foreach (var id in due)
        {
            await using var write = await connections.BeginWriteAsync(ct);
            var (db, tx) = write;
            if (!await EndAsync(db, tx, id, WatchStatus.Expired, "expired", null, now, ct, onlyActive: true)) continue;
            await write.CommitAsync(ct);
            count++;
        }
        if (count > 0) metrics.WatchEvent("expired", count);
        return count;
    }

    /// <summary>
    /// In the transaction that creates the referral: marks the watch holding if it is still
    /// active at the <paramref name="version"/> this instance read (else false, and the caller
    /// rolls back), with its trail and the agency's <c>watch.matched</c> event.
    /// </summary>
    public static async Task<bool> ClaimAsync(DbConnection db, DbTransaction tx, Guid watchId, Guid agencyId, long version, Guid referralId,
        Guid programId, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE watches SET status = 'holding', referral_id = @referralId, version = version + 1, updated_at = @now
            WHERE id = @watchId AND status = 'active' AND version = @version AND ends_at > @now;
            """, new { watchId, version, referralId, now }, tx, cancellationToken: ct));
        if (rows == 0) return false;
        await TrailAsync(db, tx, watchId, now, "held", programId, referralId, ct);
        await Outbox.AddAsync(db, tx, agencyId, Matched, new WatchMatchedData(watchId, WatchMode.Hold, programId, referralId), now, ct);
        return true;
    }

    /// <summary>
    /// Tells a notify-mode watch's agency that a program fits, unless it was told already for
    /// this opening (the opening row is the guard, so two instances tell once). False when told before, or the watch is no longer active.
    /// </summary>
    public async Task<bool> NotifyAsync(Guid watchId, Guid agencyId, Guid programId, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO watch_openings (watch_id, program_id, opened_at)
            SELECT @watchId, @programId, @now
            WHERE EXISTS (SELECT 1 FROM watches WHERE id = @watchId AND status = 'active' AND ends_at > @now)
            ON CONFLICT (watch_id, program_id) DO NOTHING;
            """, new { watchId, programId, now }, tx, cancellationToken: ct));
        if (rows == 0) return false;
        await TrailAsync(db, tx, watchId, now, "notified", programId, null, ct);
        await Outbox.AddAsync(db, tx, agencyId, Matched, new WatchMatchedData(watchId, WatchMode.Notify, programId, null), now, ct);
        await write.CommitAsync(ct);
        metrics.WatchEvent("notified");
        return true;
    }

    private static readonly DialectSql CloseOpenings = DialectSql.WithList("""
        DELETE FROM watch_openings WHERE watch_id = @watchId AND program_id IN @programIds;
        """);

    /// <summary>These programs no longer fit the watch: their next opening is told again.</summary>
    public async Task CloseOpeningsAsync(Guid watchId, IReadOnlyCollection<Guid> programIds, CancellationToken ct)
    {
        if (programIds.Count == 0) return;
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await db.ExecuteAsync(new CommandDefinition(CloseOpenings.For(db), new { watchId, programIds = TypeHandlers.AsText(programIds) }, tx,
            cancellationToken: ct));
        await write.CommitAsync(ct);
    }

    /// <summary>The programs a notify-mode watch has told about and that still fit, as far as it knows.</summary>
    public async Task<IReadOnlyList<Guid>> OpeningsAsync(Guid watchId, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return (await db.QueryAsync<Guid>(new CommandDefinition("SELECT program_id FROM watch_openings WHERE watch_id = @watchId;",
            new { watchId }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// In the transaction of a decision that left the referral final: the watch that made it (if
    /// any, and still holding) ends fulfilled when the shelter accepted; after a decline or an
    /// expired hold it goes back to work without that program if it resumes on decline (and its
    /// end has not passed), or ends. A cancelled referral ends its watch. Returns the event in the watch's trail, null when no watch changed.
    /// </summary>
    public static async Task<string?> SettleAsync(DbConnection db, DbTransaction tx, Guid referralId, StepStatus outcome, Guid programId,
        DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<WatchRow>(new CommandDefinition($"""
            SELECT {Columns} FROM watches WHERE referral_id = @referralId AND status = 'holding';
            """, new { referralId }, tx, cancellationToken: ct));
        if (row?.ToWatch() is not { } watch) return null;
        switch (outcome)
        {
            case StepStatus.Accepted:
                return await EndAsync(db, tx, watch.Id, WatchStatus.Fulfilled, "fulfilled", referralId, now, ct, onlyActive: false) ? "fulfilled" : null;
            case StepStatus.Declined or StepStatus.Expired when watch.ResumeOnDecline && watch.EndsAt > now:
                var passedOver = watch.PassedOver.Append(programId).Distinct().ToList();
                await db.ExecuteAsync(new CommandDefinition("""
                    UPDATE watches SET status = 'active', referral_id = NULL, passed_over_json = @passedOver, version = version + 1, updated_at = @now
                    WHERE id = @id;
                    """, new { id = watch.Id, passedOver = HousingJson.Serialize(passedOver), now }, tx, cancellationToken: ct));
                await TrailAsync(db, tx, watch.Id, now, "resumed", programId, referralId, ct);
                return "resumed";
            case StepStatus.Declined or StepStatus.Expired:
                var ended = HousingJson.Text(outcome);
                return await EndAsync(db, tx, watch.Id, watch.EndsAt > now ? WatchStatus.Declined : WatchStatus.Expired,
                    ended, referralId, now, ct, onlyActive: false) ? ended : null;
            case StepStatus.Cancelled:
                return await EndAsync(db, tx, watch.Id, WatchStatus.Cancelled, "cancelled", referralId, now, ct, onlyActive: false) ? "cancelled" : null;
            default:
                return null;
        }
    }

    /// <summary>Ends a live watch (or only an active one): destroys its safety constraints and its openings, and tells the agency.</summary>
    private static async Task<bool> EndAsync(DbConnection db, DbTransaction tx, Guid id, WatchStatus status, string @event, Guid? referralId,
        DateTimeOffset now, CancellationToken ct, bool onlyActive = false)
    {
        var agencyId = await db.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition($"""
            UPDATE watches SET status = @status, safety = NULL, version = version + 1, updated_at = @now, ended_at = @now
            WHERE id = @id AND status IN ({(onlyActive ? "'active'" : "'active', 'holding'")})
            RETURNING agency_id;
            """, new { id, status = HousingJson.Text(status), now }, tx, cancellationToken: ct));
        if (agencyId is not { } agency) return false;
        await db.ExecuteAsync(new CommandDefinition("DELETE FROM watch_openings WHERE watch_id = @id;", new { id }, tx, cancellationToken: ct));
        await TrailAsync(db, tx, id, now, @event, null, referralId, ct);
        await Outbox.AddAsync(db, tx, agency, Ended, new WatchEndedData(id, status, referralId), now, ct);
        return true;
    }

    private static Task TrailAsync(DbConnection db, DbTransaction tx, Guid watchId, DateTimeOffset at, string @event, Guid? programId,
        Guid? referralId, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO watch_events (watch_id, at, event, program_id, referral_id) VALUES (@watchId, @at, @event, @programId, @referralId);
            """, new { watchId, at, @event, programId, referralId }, tx, cancellationToken: ct));

    private static Task AuditAsync(DbConnection db, DbTransaction tx, DateTimeOffset now, string keyId, string role, string action, Guid entityId,
        CancellationToken ct) =>
        AuditLog.WriteAsync(db, tx, now, new Actor(keyId, role), action, "watch", entityId, ct);

    public sealed class TrailRow
    {
        public DateTimeOffset At { get; set; }
        public string Event { get; set; } = "";
        public Guid? ProgramId { get; set; }
        public Guid? ReferralId { get; set; }
    }

    private sealed class WatchRow
    {
        public Guid Id { get; set; }
        public Guid AgencyId { get; set; }
        public string CreatedBy { get; set; } = "";
        public string ClientReference { get; set; } = "";
        public string Mode { get; set; } = "";
        public bool ResumeOnDecline { get; set; }
        public string Status { get; set; } = "";
        public string HouseholdJson { get; set; } = "{}";
        public int HouseholdType { get; set; }
        public int HouseholdSize { get; set; }
        public string WantsJson { get; set; } = "{}";
        public string? Safety { get; set; }
        public string PassedOverJson { get; set; } = "[]";
        public Guid? ReferralId { get; set; }
        public long Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset EndsAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset? EndedAt { get; set; }

        public Watch ToWatch() => new(Id, AgencyId, CreatedBy, ClientReference, Parse<WatchMode>(Mode), ResumeOnDecline, Parse<WatchStatus>(Status),
            HousingJson.Deserialize<HouseholdRequest>(HouseholdJson), (HouseholdType)HouseholdType, HouseholdSize,
            HousingJson.Deserialize<Wants>(WantsJson), Safety, HousingJson.Deserialize<List<Guid>>(PassedOverJson), ReferralId, Version,
            CreatedAt, EndsAt, UpdatedAt, EndedAt);

        private static T Parse<T>(string text) where T : struct, Enum =>
            HousingJson.TryParse<T>(text, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(T).Name} '{text}' in watches.");
    }
}

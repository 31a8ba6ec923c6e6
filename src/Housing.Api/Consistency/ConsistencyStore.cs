using Dapper;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Programs;

namespace Housing.Api.Consistency;

/// <summary>
/// The consistency check's SQL: reading what it checks (ConsistencyStore.Facts.cs), repairing
/// (ConsistencyStore.Repairs.cs), and its runs, each claimed like a lease so that of several
/// instances on one database one runs at a time, kept with their findings.
/// </summary>
public sealed partial class ConsistencyStore(IDbConnectionFactory connections, ProgramStore programStore, Catalog.ProgramCatalog catalog)
{
    /// <summary>PostgreSQL: claims queue here, so the check that no run is live and the claim are one step (SQLite's write lock does this).</summary>
    private const string LockClaims = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/consistency'));";

    /// <summary>
    /// Starts a run for <paramref name="instance"/> unless another is running with a live lease;
    /// a running claim whose lease ran out (its instance stopped mid-run) is marked failed first.
    /// Returns the run's id, or null when another instance is running the check.
    /// </summary>
    public async Task<long?> TryClaimAsync(string instance, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockClaims, transaction: tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE consistency_runs SET status = 'failed', finished_at = @now, lease_until = NULL, error = @error
            WHERE status = 'running' AND lease_until < @now;
            """, new { now, error = "The lease ran out before the run finished: its instance stopped or stalled." }, tx, cancellationToken: ct));
        var id = await db.ExecuteScalarAsync<long?>(new CommandDefinition("""
            INSERT INTO consistency_runs (instance, status, started_at, lease_until)
            SELECT @instance, 'running', @now, @leaseUntil
            WHERE NOT EXISTS (SELECT 1 FROM consistency_runs WHERE status = 'running')
            RETURNING id;
            """, new { instance, now, leaseUntil }, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
        return id;
    }

    /// <summary>
    /// Stores a run's findings and ends it, if it still holds its claim, and deletes all but the
    /// newest <paramref name="keep"/> ended runs. False if the claim was lost (the lease ran out and
    /// another instance took over): the repairs stand, each made in its own transaction, but this record is dropped.
    /// </summary>
    public async Task<bool> CompleteAsync(long runId, IReadOnlyList<Finding> findings, int programsChecked, DateTimeOffset now, long durationMs,
        int keep, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE consistency_runs
            SET status = 'done', finished_at = @now, duration_ms = @durationMs, programs_checked = @programsChecked, lease_until = NULL
            WHERE id = @runId AND status = 'running';
            """, new { runId, now, durationMs, programsChecked }, tx, cancellationToken: ct));
        if (rows != 1) return false;
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO consistency_findings (run_id, position, program_id, kind, household_type, measure, found, expected, action)
            VALUES (@RunId, @Position, @ProgramId, @Kind, @HouseholdType, @Measure, @Found, @Expected, @Action);
            """, findings.Select((f, i) => new
        {
            RunId = runId,
            Position = i,
            f.ProgramId,
            Kind = HousingJson.Text(f.Kind),
            HouseholdType = (int?)f.HouseholdType,
            f.Measure,
            f.Found,
            f.Expected,
            Action = HousingJson.Text(f.Action),
        }), tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition("""
            DELETE FROM consistency_runs
            WHERE status <> 'running'
              AND id < (SELECT MIN(id) FROM (SELECT id FROM consistency_runs WHERE status <> 'running' ORDER BY id DESC LIMIT @keep) newest);
            """, new { keep }, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
        return true;
    }

    public async Task FailAsync(long runId, string error, DateTimeOffset now, long durationMs, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE consistency_runs SET status = 'failed', finished_at = @now, duration_ms = @durationMs, lease_until = NULL, error = @error
            WHERE id = @runId AND status = 'running';
            """, new { runId, now, durationMs, error }, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
    }

    /// <summary>When the latest finished run started: the next run looks for flapping counts since then.</summary>
    public async Task<DateTimeOffset?> LastDoneStartAsync(CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await db.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition("""
            SELECT started_at FROM consistency_runs WHERE status = 'done' ORDER BY id DESC LIMIT 1;
            """, cancellationToken: ct));
    }

    /// <summary>The newest run that ended (done or failed), or one by id; with its findings and the names of their programs.</summary>
    public async Task<(ConsistencyRun Run, IReadOnlyDictionary<Guid, string> ProgramNames)?> EndedAsync(long? runId, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var run = await db.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition("""
            SELECT id, instance, status, started_at, finished_at, duration_ms, programs_checked, error
            FROM consistency_runs
            WHERE status <> 'running' AND (@runId IS NULL OR id = @runId)
            ORDER BY id DESC
            LIMIT 1;
            """, new { runId }, cancellationToken: ct));
        if (run is null) return null;
        var rows = (await db.QueryAsync<FindingRow>(new CommandDefinition("""
            SELECT f.program_id, p.name AS program_name, f.kind, f.household_type, f.measure, f.found, f.expected, f.action
            FROM consistency_findings f
            JOIN programs p ON p.id = f.program_id
            WHERE f.run_id = @id
            ORDER BY f.position;
            """, new { id = run.Id }, cancellationToken: ct))).ToList();
        var findings = rows.Select(r => new Finding(r.ProgramId, Parse<FindingKind>(r.Kind), Parse<FindingAction>(r.Action),
            (HouseholdType?)r.HouseholdType, r.Measure, r.Found, r.Expected)).ToList();
        var names = rows.GroupBy(r => r.ProgramId).ToDictionary(g => g.Key, g => g.First().ProgramName);
        return (new ConsistencyRun(run.Id, run.Instance, run.Status, run.StartedAt, run.FinishedAt, run.DurationMs, run.ProgramsChecked, run.Error,
            findings), names);
    }

    private static T Parse<T>(string text) where T : struct, Enum =>
        HousingJson.TryParse<T>(text, out var value) ? value : throw new InvalidOperationException($"Stored {typeof(T).Name} '{text}' is not known.");

    private sealed class RunRow
    {
        public long Id { get; set; }
        public string Instance { get; set; } = "";
        public string Status { get; set; } = "";
        public DateTimeOffset StartedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
        public long? DurationMs { get; set; }
        public int? ProgramsChecked { get; set; }
        public string? Error { get; set; }
    }

    private sealed class FindingRow
    {
        public Guid ProgramId { get; set; }
        public string ProgramName { get; set; } = "";
        public string Kind { get; set; } = "";
        public int? HouseholdType { get; set; }
        public string? Measure { get; set; }
        public int? Found { get; set; }
        public int? Expected { get; set; }
        public string Action { get; set; } = "";
    }
}

using Dapper;
using Housing.Api.Audit;
using Housing.Api.Catalog;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Programs;
using Housing.Api.Referrals;
using Housing.Api.Telemetry;
using Microsoft.Extensions.Options;

namespace Housing.Api.Asks;

/// <summary>How a new ask ended: made, or refused by one of the key's limits.</summary>
public enum CreateAskOutcome { Created, TooManyOpen, TooManyToday }

/// <summary>
/// Asks and their lines. Every change runs in one write transaction with its audit rows and
/// webhook events. On SQLite the transaction holds the file's one write lock; on PostgreSQL a
/// new ask first locks its key (so two instances cannot both pass the key's limits), and an
/// answer, a cancel or an expiry first locks the ask's row, so two shelters answering yes at the
/// same moment are put in order and the second finds the ask placed.
/// </summary>
/// <remarks>
/// One class in several files: making an ask and reading it (this file), answering, cancelling
/// and expiring (AskStore.Answer.cs), and the SQL rows they map (AskStore.Rows.cs).
/// </remarks>
public sealed partial class AskStore(
    IDbConnectionFactory connections, ProgramCatalog catalog, ReferralStore referrals, IOptions<AskOptions> options, HousingMetrics metrics)
{
    /// <summary>PostgreSQL: one new ask of a key at a time, so the limits count every ask committed before.</summary>
    private const string LockCaseManager = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/asks-by/' || @createdBy));";

    /// <summary>PostgreSQL: the ask's row, so two instances cannot change it at once (SQLite's write lock already does this).</summary>
    private const string LockAsk = "SELECT id FROM asks WHERE id = @id FOR UPDATE;";

    /// <summary>
    /// Asks <paramref name="programs"/> (already chosen and ranked) for the household, unless the
    /// key has too many asks open or would pass its programs for the day; returns the ask, or
    /// the limit's sentence. Each line expires at its program kind's time to answer.
    /// </summary>
    public async Task<(CreateAskOutcome Outcome, Ask? Ask, string? Detail)> CreateAsync(Guid agencyId, Actor actor, string clientReference,
        HouseholdRequest householdRequest, Household household, IReadOnlyList<HousingProgram> programs, DateTimeOffset now, CancellationToken ct)
    {
        var limits = options.Value;
        var createdBy = actor.KeyId;
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (db.IsPostgres()) await db.ExecuteAsync(new CommandDefinition(LockCaseManager, new { createdBy }, tx, cancellationToken: ct));
        var open = await db.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM asks WHERE created_by = @createdBy AND status = 'open';
            """, new { createdBy }, tx, cancellationToken: ct));
        if (open >= limits.MaxOpenPerCaseManager)
            return (CreateAskOutcome.TooManyOpen, null, Say.Format(ProblemText.Problem_AskLimit_Open, open, limits.MaxOpenPerCaseManager));
        var since = now.AddDays(-1);
        var asked = await db.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM ask_programs l JOIN asks a ON a.id = l.ask_id
            WHERE a.created_by = @createdBy AND a.created_at > @since;
            """, new { createdBy, since }, tx, cancellationToken: ct));
        if (asked + programs.Count > limits.MaxProgramsPerCaseManagerPerDay)
            return (CreateAskOutcome.TooManyToday, null,
                Say.Format(ProblemText.Problem_AskLimit_Day, asked, limits.MaxProgramsPerCaseManagerPerDay, programs.Count));

        var lines = programs.Select((p, i) => new AskLine(i, p.Id, AskLineStatus.Pending, now + limits.AnswerWithin(p.Definition.Kind),
            null, null, null, null, null)).ToList();
        var ask = new Ask(Guid.CreateVersion7(now), agencyId, createdBy, clientReference, householdRequest, household.Type, household.Size,
            AskStatus.Open, null, lines, now, lines.Max(l => l.ExpiresAt), null);
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO asks (id, agency_id, created_by, client_reference, household_json, household_type, household_size, status, created_at, expires_at)
            VALUES (@Id, @AgencyId, @CreatedBy, @ClientReference, @householdJson, @householdType, @HouseholdSize, 'open', @CreatedAt, @ExpiresAt);
            """, new
        {
            ask.Id,
            ask.AgencyId,
            ask.CreatedBy,
            ask.ClientReference,
            householdJson = HousingJson.Serialize(householdRequest),
            householdType = (int)household.Type,
            ask.HouseholdSize,
            ask.CreatedAt,
            ask.ExpiresAt,
        }, tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ask_programs (ask_id, position, program_id, status, expires_at) VALUES (@askId, @Position, @ProgramId, 'pending', @ExpiresAt);
            """, lines.Select(l => new { askId = ask.Id, l.Position, l.ProgramId, l.ExpiresAt }), tx, cancellationToken: ct));
        foreach (var (line, program) in lines.Zip(programs))
            await AskEvents.CreatedAsync(db, tx, ask.Id, line, program.Definition.OrganizationId, now, ct);
        await AuditLog.WriteAsync(db, tx, now, actor, "ask.created", "ask", ask.Id, ct);
        await write.CommitAsync(ct);
        metrics.AskEvent(HousingMetrics.AskCreated);
        return (CreateAskOutcome.Created, ask, null);
    }

    public async Task<Ask?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await ReadAsync(db, null, id, ct);
    }

    /// <param name="agencyId">A case manager's agency: its asks.</param>
    /// <param name="shelterOrganizationId">A shelter's organisation: asks that reached its programs.</param>
    public async Task<IReadOnlyList<Ask>> ListAsync(Guid? agencyId, Guid? shelterOrganizationId, AskStatus? status, Guid? after, int limit, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var ids = await db.QueryAsync<Guid>(new CommandDefinition("""
            SELECT a.id
            FROM asks a
            WHERE (@agencyId IS NULL OR a.agency_id = @agencyId)
              AND (@status IS NULL OR a.status = @status)
              AND (@after IS NULL OR a.id > @after)
              AND (@shelterOrganizationId IS NULL OR EXISTS (
                    SELECT 1 FROM ask_programs l JOIN programs p ON p.id = l.program_id
                    WHERE l.ask_id = a.id AND p.organization_id = @shelterOrganizationId))
            ORDER BY a.id
            LIMIT @take;
            """, new { agencyId, shelterOrganizationId, status = status is { } s ? HousingJson.Text(s) : null, after, take = limit + 1 },
            cancellationToken: ct));
        return await ReadManyAsync(db, ids.ToList(), ct);
    }

    /// <summary>Open asks with a pending line whose time ran out, oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> DueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return (await db.QueryAsync<Guid>(new CommandDefinition("""
            SELECT ask_id FROM ask_programs
            WHERE status = 'pending' AND expires_at <= @now
            GROUP BY ask_id
            ORDER BY MIN(expires_at)
            LIMIT 500;
            """, new { now }, cancellationToken: ct))).ToList();
    }
}

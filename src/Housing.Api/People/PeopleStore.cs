using System.Data.Common;
using Dapper;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Data;
using Housing.Api.Http;

namespace Housing.Api.People;

/// <summary>All of people's SQL. Every change is audited in its own transaction; a session's check reads the row uncached, so a change ends sessions everywhere at once.</summary>
public sealed class PeopleStore(IDbConnectionFactory connections)
{
    private const string Columns = """
        id, email, role, organization_id, password_hash, totp_secret, totp_last_step, recovery_codes, failed_sign_ins,
        locked_until, disabled_at, session_stamp, external_subject, last_sign_in_at, created_at
        """;

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    /// <summary>False when the email is already someone's.</summary>
    public async Task<bool> InviteAsync(Person person, byte[] linkHash, DateTimeOffset expiresAt, Actor actor, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        // Not a read then an insert: two invitations of one email at once on PostgreSQL would both
        // read "not taken". The second insert waits for the first to commit, then does nothing.
        var inserted = await db.ExecuteScalarAsync<Guid?>(new CommandDefinition("""
            INSERT INTO people (id, email, role, organization_id, session_stamp, created_at)
            VALUES (@Id, @Email, @role, @OrganizationId, @SessionStamp, @CreatedAt)
            ON CONFLICT (email) DO NOTHING RETURNING id;
            """, new { person.Id, person.Email, role = HousingJson.Text(person.Role), person.OrganizationId, person.SessionStamp, person.CreatedAt }, tx, cancellationToken: ct));
        if (inserted is null) return false;
        await InsertLinkAsync(db, tx, person.Id, linkHash, person.CreatedAt, expiresAt, ct);
        await AuditLog.WriteAsync(db, tx, person.CreatedAt, actor, "person.invited", "person", person.Id, ct);
        await write.CommitAsync(ct);
        return true;
    }

    /// <summary>A new link for someone; the links they had and did not use stop working.</summary>
    public async Task<bool> NewLinkAsync(Guid personId, byte[] linkHash, DateTimeOffset now, DateTimeOffset expiresAt, Actor actor, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        if (await db.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM people WHERE id = @personId;", new { personId }, tx, cancellationToken: ct)) == 0)
            return false;
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE person_links SET used_at = @now WHERE person_id = @personId AND used_at IS NULL;
            """, new { personId, now }, tx, cancellationToken: ct));
        await InsertLinkAsync(db, tx, personId, linkHash, now, expiresAt, ct);
        await AuditLog.WriteAsync(db, tx, now, actor, "person.link_issued", "person", personId, ct);
        await write.CommitAsync(ct);
        return true;
    }

    private static Task InsertLinkAsync(DbConnection db, DbTransaction tx, Guid personId, byte[] hash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO person_links (token_hash, person_id, created_at, expires_at) VALUES (@hash, @personId, @now, @expiresAt);
            """, new { hash, personId, now, expiresAt }, tx, cancellationToken: ct));

    /// <summary>The person a link is for, while it works (unused, unexpired, the person not disabled).</summary>
    public async Task<Person?> LinkHolderAsync(byte[] linkHash, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            SELECT {Prefixed("p.")} FROM person_links l JOIN people p ON p.id = l.person_id
            WHERE l.token_hash = @linkHash AND l.used_at IS NULL AND l.expires_at > @now AND p.disabled_at IS NULL;
            """, new { linkHash, now }, cancellationToken: ct));
        return row?.ToPerson();
    }

    /// <summary>Sets the password through a link, once: false when the link no longer works.</summary>
    public async Task<bool> SetPasswordAsync(byte[] linkHash, string passwordHash, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var personId = await db.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            SELECT l.person_id FROM person_links l JOIN people p ON p.id = l.person_id
            WHERE l.token_hash = @linkHash AND l.used_at IS NULL AND l.expires_at > @now AND p.disabled_at IS NULL;
            """, new { linkHash, now }, tx, cancellationToken: ct));
        if (personId is not { } id) return false;
        await db.ExecuteAsync(new CommandDefinition("UPDATE person_links SET used_at = @now WHERE token_hash = @linkHash;", new { linkHash, now }, tx, cancellationToken: ct));
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE people SET password_hash = @passwordHash, session_stamp = @stamp, failed_sign_ins = 0, locked_until = NULL WHERE id = @id;
            """, new { id, passwordHash, stamp = NewStamp() }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(db, tx, now, new Actor(id.ToString(), await RoleOfAsync(db, tx, id, ct)), "person.password_set", "person", id, ct);
        await write.CommitAsync(ct);
        return true;
    }

    private static Task<string> RoleOfAsync(DbConnection db, DbTransaction tx, Guid id, CancellationToken ct) =>
        db.QuerySingleAsync<string>(new CommandDefinition("SELECT role FROM people WHERE id = @id;", new { id }, tx, cancellationToken: ct));

    public async Task<Person?> GetAsync(Guid id, CancellationToken ct) => await OneAsync("id = @id", new { id }, ct);

    public async Task<Person?> GetByEmailAsync(string email, CancellationToken ct) => await OneAsync("email = @email", new { email }, ct);

    public async Task<Person?> GetBySubjectAsync(string subject, CancellationToken ct) => await OneAsync("external_subject = @subject", new { subject }, ct);

    private async Task<Person?> OneAsync(string where, object args, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM people WHERE {where};", args, cancellationToken: ct));
        return row?.ToPerson();
    }

    /// <summary>Refused sign-ins on each of the last <paramref name="days"/> UTC days up to <paramref name="today"/>, newest first (0 for a quiet day).</summary>
    public async Task<IReadOnlyList<(DateOnly Day, int Refused)>> RefusalsAsync(DateOnly today, int days, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = (await db.QueryAsync<(DateOnly Day, int Refused)>(new CommandDefinition("""
            SELECT day, refused FROM sign_in_refusals WHERE day > @since;
            """, new { since = today.AddDays(-days) }, cancellationToken: ct))).ToDictionary(r => r.Day, r => r.Refused);
        return [.. Enumerable.Range(0, days).Select(i => today.AddDays(-i)).Select(d => (d, rows.GetValueOrDefault(d)))];
    }

    public async Task<IReadOnlyList<Person>> ListAsync(CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        var rows = await db.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM people ORDER BY email;", cancellationToken: ct));
        return [.. rows.Select(r => r.ToPerson())];
    }

    /// <summary>Whether a session signed in with <paramref name="stamp"/> may go on: read fresh on every console request.</summary>
    public async Task<bool> SessionLiveAsync(Guid id, string stamp, CancellationToken ct)
    {
        await using var db = await connections.OpenAsync(ct);
        return await db.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM people WHERE id = @id AND session_stamp = @stamp AND disabled_at IS NULL;
            """, new { id, stamp }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// A refused sign-in, counted for the day. For a known person's wrong password or code
    /// (<paramref name="id"/>), also counted against them, and after <paramref name="max"/> in a row
    /// they wait. Every refusal is one write transaction, so an unknown email takes as long as a
    /// wrong password (bench/signin-timing.sh measures it).
    /// </summary>
    public async Task RecordRefusalAsync(Guid? id, DateTimeOffset now, int max, TimeSpan lockout, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await db.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sign_in_refusals (day, refused) VALUES (@day, 1)
            ON CONFLICT (day) DO UPDATE SET refused = sign_in_refusals.refused + 1;
            """, new { day = DateOnly.FromDateTime(now.UtcDateTime) }, tx, cancellationToken: ct));
        var failed = id is null ? 0 : await db.ExecuteScalarAsync<int>(new CommandDefinition("""
            UPDATE people SET failed_sign_ins = failed_sign_ins + 1 WHERE id = @id RETURNING failed_sign_ins;
            """, new { id }, tx, cancellationToken: ct));
        if (id is not null && failed >= max)
        {
            await db.ExecuteAsync(new CommandDefinition("""
                UPDATE people SET failed_sign_ins = 0, locked_until = @until WHERE id = @id;
                """, new { id, until = now + lockout }, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(db, tx, now, Actor.Service("sign-in"), "person.locked_out", "person", id.Value, ct);
        }
        await write.CommitAsync(ct);
    }

    /// <summary>
    /// A complete sign-in: the count of wrong tries starts again. With a code, its step is kept
    /// (it cannot be used again); with a recovery code, that code is used up. Null when the code's
    /// step was taken meanwhile by another sign-in (the same code twice at once), or the recovery code was.
    /// </summary>
    public async Task<bool> RecordSignInAsync(Guid id, DateTimeOffset now, long? step, string? recoveryHash, string how, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var row = await db.QuerySingleAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM people WHERE id = @id;", new { id }, tx, cancellationToken: ct));
        var person = row.ToPerson();
        if (step is { } s && person.TotpLastStep is { } last && s <= last) return false;
        var codes = person.RecoveryCodeHashes;
        if (recoveryHash is not null)
        {
            if (!codes.Contains(recoveryHash)) return false;
            codes = [.. codes.Where(c => c != recoveryHash)];
        }
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE people SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @now,
                              totp_last_step = COALESCE(@step, totp_last_step), recovery_codes = @codes
            WHERE id = @id;
            """, new { id, now, step, codes = HousingJson.Serialize(codes) }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(db, tx, now, new Actor(id.ToString(), HousingJson.Text(person.Role)), how, "person", id, ct);
        await write.CommitAsync(ct);
        return true;
    }

    /// <summary>Turns on codes from an app: the secret sealed, the recovery codes as hashes.</summary>
    public async Task EnrolAsync(Guid id, string sealedSecret, long step, IReadOnlyList<string> recoveryHashes, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        await db.ExecuteAsync(new CommandDefinition("""
            UPDATE people SET totp_secret = @sealedSecret, totp_last_step = @step, recovery_codes = @codes WHERE id = @id;
            """, new { id, sealedSecret, step, codes = HousingJson.Serialize(recoveryHashes) }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(db, tx, now, new Actor(id.ToString(), await RoleOfAsync(db, tx, id, ct)), "person.two_factor_enrolled", "person", id, ct);
        await write.CommitAsync(ct);
    }

    /// <summary>Disables or re-enables someone; either way their sessions end (a new stamp). False when there is no such person.</summary>
    public async Task<bool> SetDisabledAsync(Guid id, bool disabled, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE people SET disabled_at = CASE WHEN @disabled THEN COALESCE(disabled_at, @now) ELSE NULL END,
                              session_stamp = @stamp, failed_sign_ins = 0, locked_until = NULL
            WHERE id = @id;
            """, new { id, disabled, now, stamp = NewStamp() }, tx, cancellationToken: ct));
        if (rows == 0) return false;
        await AuditLog.WriteAsync(db, tx, now, actor, disabled ? "person.disabled" : "person.enabled", "person", id, ct);
        await write.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Turns a person's codes off (a lost phone and lost recovery codes): their sessions end, and
    /// if their role needs codes they set new ones up at their next sign-in. False when there is no such person.
    /// </summary>
    public async Task<bool> ResetCodesAsync(Guid id, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var rows = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE people SET totp_secret = NULL, totp_last_step = NULL, recovery_codes = '[]', session_stamp = @stamp WHERE id = @id;
            """, new { id, stamp = NewStamp() }, tx, cancellationToken: ct));
        if (rows == 0) return false;
        await AuditLog.WriteAsync(db, tx, now, actor, "person.codes_reset", "person", id, ct);
        await write.CommitAsync(ct);
        return true;
    }

    /// <summary>Links a person to their identity at the single sign-on provider, on their first sign-in there.</summary>
    public async Task LinkSubjectAsync(Guid id, string subject, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        await write.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE people SET external_subject = @subject WHERE id = @id AND external_subject IS NULL;
            """, new { id, subject }, write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
    }

    /// <summary>
    /// A demo person as the demo prints them: created, or reset (a new password and key, their
    /// earlier sessions ended), enabled and signed up as if they had used their link.
    /// </summary>
    public async Task UpsertDemoAsync(Person person, Actor actor, CancellationToken ct)
    {
        await using var write = await connections.BeginWriteAsync(ct);
        var (db, tx) = write;
        var args = new
        {
            person.Id,
            person.Email,
            role = HousingJson.Text(person.Role),
            person.OrganizationId,
            person.PasswordHash,
            totp = person.SealedTotpSecret,
            codes = HousingJson.Serialize(person.RecoveryCodeHashes),
            stamp = NewStamp(),
            person.CreatedAt,
        };
        var updated = await db.ExecuteAsync(new CommandDefinition("""
            UPDATE people SET role = @role, organization_id = @OrganizationId, password_hash = @PasswordHash, totp_secret = @totp,
                              totp_last_step = NULL, recovery_codes = @codes, failed_sign_ins = 0, locked_until = NULL, disabled_at = NULL,
                              session_stamp = @stamp
            WHERE email = @Email;
            """, args, tx, cancellationToken: ct));
        if (updated == 0)
            await db.ExecuteAsync(new CommandDefinition("""
                INSERT INTO people (id, email, role, organization_id, password_hash, totp_secret, recovery_codes, session_stamp, created_at)
                VALUES (@Id, @Email, @role, @OrganizationId, @PasswordHash, @totp, @codes, @stamp, @CreatedAt);
                """, args, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(db, tx, person.CreatedAt, actor, updated == 0 ? "person.invited" : "person.password_set", "person", person.Id, ct);
        await write.CommitAsync(ct);
    }

    private static string Prefixed(string prefix) => string.Join(", ", Columns.Split(',').Select(c => prefix + c.Trim()));

    // Setters: Dapper applies the project's type handlers to properties.
    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Email { get; set; } = "";
        public string Role { get; set; } = "";
        public Guid? OrganizationId { get; set; }
        public string? PasswordHash { get; set; }
        public string? TotpSecret { get; set; }
        public long? TotpLastStep { get; set; }
        public string RecoveryCodes { get; set; } = "[]";
        public int FailedSignIns { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
        public DateTimeOffset? DisabledAt { get; set; }
        public string SessionStamp { get; set; } = "";
        public string? ExternalSubject { get; set; }
        public DateTimeOffset? LastSignInAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public Person ToPerson()
        {
            HousingJson.TryParse<Role>(Role, out var role);
            return new Person(Id, Email, role, OrganizationId, PasswordHash, TotpSecret, TotpLastStep,
                HousingJson.Deserialize<List<string>>(RecoveryCodes) ?? [], FailedSignIns, LockedUntil, DisabledAt, SessionStamp,
                ExternalSubject, LastSignInAt, CreatedAt);
        }
    }
}

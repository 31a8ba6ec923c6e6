using System.Security.Cryptography;
using System.Text;
using Housing.Api.Audit;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Housing.Api.Mail;
using Housing.Api.Organizations;
using Housing.Api.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Housing.Api.People;

/// <summary>Where a password sign-in stands: refused (one answer for every reason), or the person and what they must do next.</summary>
public enum PasswordOutcome { Refused, SignedIn, NeedsCode, NeedsEnrolment }

/// <summary>
/// People's operations, for the API and the console alike: inviting, links, passwords, codes
/// from an app, disabling. A sign-in answers the same, in the same time, whether the email is
/// unknown, the password wrong, the person disabled or waiting after wrong tries.
/// </summary>
public sealed class PeopleOperations(
    PeopleStore people, OrganizationStore organizations, Mailer mailer, Sealers sealers, TimeProvider clock,
    IOptions<PeopleOptions> options, ILogger<PeopleOperations> logger)
{
    private static readonly PasswordHasher<Person> Hasher = new();

    /// <summary>Checked against for an email no one has, so an unknown email costs the same time as a wrong password.</summary>
    private static readonly string NobodysHash = Hasher.HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public PeopleOptions Options => options.Value;

    public async Task<Outcome<PersonLink>> InviteAsync(Caller caller, InvitePersonRequest request, string baseUrl, CancellationToken ct)
    {
        var v = new Validation();
        RequestShape.Check(request, v);
        var email = request.Email is null ? null : PeopleRules.Email("email", request.Email, v);
        await ApiKeysApi.CheckOrganizationAsync(request.Role, request.OrganizationId, organizations, v, ct);
        if (!v.IsValid) return new Invalid(v);

        var now = clock.GetUtcNow();
        var person = new Person(Guid.CreateVersion7(now), email!, request.Role!.Value, request.OrganizationId, null, null, null, [], 0, null, null,
            PeopleStore.NewStamp(), null, null, now);
        var (token, hash) = NewToken();
        var expires = now.AddHours(Options.LinkHours);
        if (!await people.InviteAsync(person, hash, expires, Actor.Of(caller), ct))
            return Refusal.Conflict("person-exists", ProblemText.Problem_PersonExists_Title, ProblemText.Problem_PersonExists_Detail);
        return await LinkFor(person, token, expires, baseUrl, invited: true, ct);
    }

    /// <summary>A new link for someone who lost theirs, or whose link expired; the old ones stop working.</summary>
    public async Task<Outcome<PersonLink>> NewLinkAsync(Caller caller, Guid id, string baseUrl, CancellationToken ct)
    {
        if (await people.GetAsync(id, ct) is not { } person) return Refusal.NotFound("person");
        if (person.Status == PersonStatus.Disabled)
            return Refusal.Conflict("person-disabled", ProblemText.Problem_PersonDisabled_Title, ProblemText.Problem_PersonDisabled_Detail);
        var now = clock.GetUtcNow();
        var (token, hash) = NewToken();
        var expires = now.AddHours(Options.LinkHours);
        await people.NewLinkAsync(id, hash, now, expires, Actor.Of(caller), ct);
        return await LinkFor(person, token, expires, baseUrl, invited: false, ct);
    }

    private async Task<PersonLink> LinkFor(Person person, string token, DateTimeOffset expires, string baseUrl, bool invited, CancellationToken ct)
    {
        var root = Options.PublicUrl.Length > 0 ? Options.PublicUrl : baseUrl;
        var link = $"{root.TrimEnd('/')}/account/welcome?token={token}";
        var emailed = mailer.Configured && await mailer.SendAsync(person.Email,
            invited ? ConsoleText.Mail_Invite_Subject : ConsoleText.Mail_Link_Subject,
            Say.Format(ConsoleText.Mail_Link_Body, link, Options.LinkHours), ct);
        return new PersonLink(person.View(clock.GetUtcNow()), link, expires, emailed);
    }

    /// <summary>Refused sign-ins on each of the last <paramref name="days"/> UTC days, today first.</summary>
    public Task<IReadOnlyList<(DateOnly Day, int Refused)>> RefusedSignInsAsync(int days, CancellationToken ct) =>
        people.RefusalsAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), days, ct);

    public async Task<IReadOnlyList<PersonView>> ListAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return [.. (await people.ListAsync(ct)).Select(p => p.View(now))];
    }

    /// <summary>Disables (ending their sessions everywhere at once) or re-enables someone. An admin cannot disable themself.</summary>
    public async Task<Outcome<PersonView>> SetDisabledAsync(Caller caller, Guid id, bool disabled, CancellationToken ct)
    {
        if (disabled && caller.PersonId == id)
            return Refusal.Conflict("person-self", ProblemText.Problem_PersonSelf_Title, ProblemText.Problem_PersonSelf_Detail);
        if (!await people.SetDisabledAsync(id, disabled, Actor.Of(caller), clock.GetUtcNow(), ct)) return Refusal.NotFound("person");
        return (await people.GetAsync(id, ct))!.View(clock.GetUtcNow());
    }

    /// <summary>Turns someone's codes off, for a person who lost their phone and their recovery codes; they set new ones up at their next sign-in.</summary>
    public async Task<Outcome<PersonView>> ResetCodesAsync(Caller caller, Guid id, CancellationToken ct)
    {
        if (!await people.ResetCodesAsync(id, Actor.Of(caller), clock.GetUtcNow(), ct)) return Refusal.NotFound("person");
        return (await people.GetAsync(id, ct))!.View(clock.GetUtcNow());
    }

    /// <summary>The person a link is for, while it works; null for a link that is unknown, used, expired, or a disabled person's.</summary>
    public Task<Person?> LinkHolderAsync(string? token, CancellationToken ct) =>
        token is { Length: > 0 and < 200 } ? people.LinkHolderAsync(HashToken(token), clock.GetUtcNow(), ct) : Task.FromResult<Person?>(null);

    /// <summary>Sets the password a link allows, once. Problems name the fields <c>password</c> and <c>confirm</c>; a refusal means the link no longer works.</summary>
    public async Task<Outcome<Person>> SetPasswordAsync(string? token, string? password, string? confirm, CancellationToken ct)
    {
        if (await LinkHolderAsync(token, ct) is not { } person)
            return Refusal.Conflict("link-spent", ProblemText.Problem_LinkSpent_Title, ProblemText.Problem_LinkSpent_Detail);
        var v = new Validation();
        PeopleRules.Password("password", password, person.Email, v);
        if (v.IsValid && password != confirm) v.Add("confirm", ProblemText.Problem_Person_PasswordsDiffer);
        if (!v.IsValid) return new Invalid(v);
        if (!await people.SetPasswordAsync(HashToken(token!), Hasher.HashPassword(person, password!), clock.GetUtcNow(), ct))
            return Refusal.Conflict("link-spent", ProblemText.Problem_LinkSpent_Title, ProblemText.Problem_LinkSpent_Detail);
        return person;
    }

    /// <summary>
    /// The first step of a sign-in. Refused alike for an unknown email, a wrong password, a
    /// disabled person and one waiting after wrong tries, and each costs one password check.
    /// </summary>
    public async Task<(PasswordOutcome Outcome, Person? Person)> CheckPasswordAsync(string? email, string? password, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var normal = email?.Trim().ToLowerInvariant() ?? "";
        var person = normal.Length is > 0 and <= 254 ? await people.GetByEmailAsync(normal, ct) : null;
        var given = password is { Length: > 0 and <= PeopleRules.MaxPasswordLength } ? password : "";
        var right = Hasher.VerifyHashedPassword(person!, person?.PasswordHash ?? NobodysHash, given) != PasswordVerificationResult.Failed
            && person?.PasswordHash is not null && given.Length > 0;
        var lockout = TimeSpan.FromMinutes(Options.LockoutMinutes);
        if (person is null || person.DisabledAt is not null || person.LockedUntil > now)
        {
            await people.RecordRefusalAsync(null, now, Options.MaxFailedSignIns, lockout, ct); // the same write as a wrong password's
            return (PasswordOutcome.Refused, null);
        }
        if (!right)
        {
            await people.RecordRefusalAsync(person.Id, now, Options.MaxFailedSignIns, lockout, ct);
            return (PasswordOutcome.Refused, null);
        }
        if (person.HasTwoFactor) return (PasswordOutcome.NeedsCode, person);
        if (Options.RequiresTwoFactor(person.Role)) return (PasswordOutcome.NeedsEnrolment, person);
        await people.RecordSignInAsync(person.Id, now, null, null, "person.signed_in", ct);
        return (PasswordOutcome.SignedIn, person);
    }

    /// <summary>
    /// The second step: a code from the person's app, or one of their recovery codes (used up).
    /// A wrong one counts as a wrong try. Null when refused (for any reason, the same answer).
    /// </summary>
    public async Task<Person?> CheckCodeAsync(Guid personId, string stamp, string? code, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await people.GetAsync(personId, ct) is not { } person || person.SessionStamp != stamp || person.DisabledAt is not null
            || person.LockedUntil > now || person.SealedTotpSecret is not { } sealedSecret) return null;
        var secret = sealers.TotpSecrets.Open(sealedSecret)!;
        var step = Totp.Match(secret, code, now, person.TotpLastStep);
        var recovery = step is null && code is { Length: > 0 and < 40 } ? Totp.HashRecoveryCode(code) : null;
        if (step is not null || (recovery is not null && person.RecoveryCodeHashes.Contains(recovery)))
        {
            var how = step is null ? "person.signed_in_with_recovery_code" : "person.signed_in";
            if (await people.RecordSignInAsync(person.Id, now, step, step is null ? recovery : null, how, ct)) return person;
        }
        await people.RecordRefusalAsync(person.Id, now, Options.MaxFailedSignIns, TimeSpan.FromMinutes(Options.LockoutMinutes), ct);
        return null;
    }

    /// <summary>
    /// Turns on codes for a person who proved they hold <paramref name="secret"/> with a code from
    /// it: their recovery codes (shown once), or null when the code was not right.
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnrolAsync(Guid personId, string secret, string? code, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (Totp.Match(secret, code, now, null) is not { } step) return null;
        var recovery = Totp.NewRecoveryCodes();
        await people.EnrolAsync(personId, sealers.TotpSecrets.Seal(secret)!, step, [.. recovery.Select(Totp.HashRecoveryCode)], now, ct);
        await people.RecordSignInAsync(personId, now, null, null, "person.signed_in", ct);
        logger.LogInformation("A person turned on codes from an app.");
        return recovery;
    }

    public async Task<Person?> GetAsync(Guid id, CancellationToken ct) => await people.GetAsync(id, ct);

    /// <summary>
    /// The person a single sign-on is for: the one linked to the provider's subject, or else the
    /// one invited with the (verified) email, who is linked now. Null for anyone not invited, or disabled.
    /// </summary>
    public async Task<Person?> SingleSignOnAsync(string subject, string? verifiedEmail, CancellationToken ct)
    {
        var person = await people.GetBySubjectAsync(subject, ct);
        if (person is null && verifiedEmail?.Trim().ToLowerInvariant() is { Length: > 0 } email
            && await people.GetByEmailAsync(email, ct) is { ExternalSubject: null } invited)
        {
            await people.LinkSubjectAsync(invited.Id, subject, ct);
            person = invited;
        }
        if (person is null || person.DisabledAt is not null) return null;
        await people.RecordSignInAsync(person.Id, clock.GetUtcNow(), null, null, "person.signed_in_with_sso", ct);
        return person;
    }

    /// <summary>
    /// A demo person, created or reset with a new random password and, for the roles that need
    /// one, a new authenticator key: printed by the demo, never logged.
    /// </summary>
    public async Task<(string Password, string? TotpSecret)> DemoPersonAsync(string email, Role role, Guid? organizationId, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var existing = await people.GetByEmailAsync(email, ct);
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var password = string.Join('-', Enumerable.Range(0, 4).Select(_ => new string(RandomNumberGenerator.GetItems<char>(alphabet, 4))));
        var secret = Options.RequiresTwoFactor(role) ? Totp.NewSecret() : null;
        var id = existing?.Id ?? Guid.CreateVersion7(now);
        var person = new Person(id, email, role, organizationId, null, sealers.TotpSecrets.Seal(secret), null, [], 0, null, null, "", null, null, now);
        await people.UpsertDemoAsync(person with { PasswordHash = Hasher.HashPassword(person, password) }, actor, ct);
        return (password, secret);
    }

    private static (string Token, byte[] Hash) NewToken()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, HashToken(token));
    }

    private static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Housing.Api.Auth;
using Housing.Api.Http;

namespace Housing.Api.People;

/// <summary>Where a person stands: invited (no password yet), active, or disabled by an admin.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<PersonStatus>))]
public enum PersonStatus { Invited, Active, Disabled }

/// <summary>A person as stored: how they sign in, never more about them than the job needs.</summary>
public sealed record Person(
    Guid Id, string Email, Role Role, Guid? OrganizationId, string? PasswordHash, string? SealedTotpSecret, long? TotpLastStep,
    IReadOnlyList<string> RecoveryCodeHashes, int FailedSignIns, DateTimeOffset? LockedUntil, DateTimeOffset? DisabledAt,
    string SessionStamp, string? ExternalSubject, DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt)
{
    public PersonStatus Status => DisabledAt is not null ? PersonStatus.Disabled : PasswordHash is null && ExternalSubject is null ? PersonStatus.Invited : PersonStatus.Active;

    public bool HasTwoFactor => SealedTotpSecret is not null;

    public Caller Caller => new(Id.ToString(), Role, OrganizationId, Id);

    public PersonView View(DateTimeOffset now) => new(Id, Email, Role, OrganizationId, Status, HasTwoFactor,
        LockedUntil > now ? LockedUntil : null, LastSignInAt, CreatedAt);
}

/// <summary>A person as an admin sees them: never a password, secret or link.</summary>
/// <param name="LockedUntil">Set while the person must wait after too many wrong tries.</param>
public sealed record PersonView(Guid Id, string Email, Role Role, Guid? OrganizationId, PersonStatus Status, bool TwoFactor,
    DateTimeOffset? LockedUntil, DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt);

/// <summary>An invitation: who, in which role, of which agency or organisation (a case manager's or a shelter's).</summary>
public sealed record InvitePersonRequest(
    [property: Required, StringLength(254)] string? Email = null,
    [property: Required] Role? Role = null,
    Guid? OrganizationId = null);

/// <summary>
/// A one-time link to set a password, shown to the admin to pass on (and emailed when the service
/// can send mail). The only answer that ever carries it; only its hash is kept.
/// </summary>
/// <param name="Emailed">Whether it was also sent to the person's email.</param>
public sealed record PersonLink(PersonView Person, string Link, DateTimeOffset ExpiresAt, bool Emailed);

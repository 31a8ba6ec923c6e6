using System.Reflection;
using System.Security.Claims;
using Housing.Api.Http;

namespace Housing.Api.Auth;

/// <summary>
/// Who is calling: an API key (its id, its role, the organisation it is bound to) or a person
/// signed in to the console (<see cref="PersonId"/>; <see cref="KeyId"/> is then the person's id,
/// so whatever is kept per caller, such as holds and rate limits, is kept per person).
/// </summary>
public sealed record Caller(string KeyId, Role Role, Guid? OrganizationId, Guid? PersonId = null)
{
    public const string KeyIdClaim = "housing:key_id";
    public const string OrganizationClaim = "housing:organization_id";
    public const string PersonClaim = "housing:person_id";

    public bool IsAdmin => Role == Role.Admin;

    /// <summary>Admins see every organisation's private details; a shelter sees only its own.</summary>
    public bool CanManage(Guid organizationId) =>
        IsAdmin || (Role == Role.Shelter && OrganizationId == organizationId);

    /// <summary>Shelters see only their own organisation; everyone else reads across organisations.</summary>
    public Guid? OrganizationScope => Role == Role.Shelter ? OrganizationId : null;

    /// <summary>The programs this caller may read: see <see cref="Auth.ProgramScope"/>.</summary>
    public ProgramScope ProgramScope => new(OrganizationScope, PublicOnly: Role == Role.Reporter);

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        List<Claim> claims =
        [
            new(KeyIdClaim, KeyId),
            new(ClaimTypes.Role, HousingJson.Text(Role)),
        ];
        if (OrganizationId is { } org) claims.Add(new Claim(OrganizationClaim, org.ToString()));
        if (PersonId is { } person) claims.Add(new Claim(PersonClaim, person.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static Caller From(ClaimsPrincipal user)
    {
        var keyId = user.FindFirstValue(KeyIdClaim) ?? throw new InvalidOperationException("Endpoint reached without authentication.");
        HousingJson.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role);
        var org = user.FindFirstValue(OrganizationClaim) is { } text ? Guid.Parse(text) : (Guid?)null;
        var person = user.FindFirstValue(PersonClaim) is { } id ? Guid.Parse(id) : (Guid?)null;
        return new Caller(keyId, role, org, person);
    }

    /// <summary>Lets handlers take a <see cref="Caller"/> parameter directly.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(From(context.User));
}

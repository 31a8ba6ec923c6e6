using System.ComponentModel.DataAnnotations;
using Housing.Api.Auth;

namespace Housing.Api.People;

/// <summary>How people sign in to the console (the <c>People</c> section).</summary>
public sealed class PeopleOptions
{
    public const string Section = "People";

    /// <summary>How long a link to set a password works.</summary>
    [Range(1, 720)] public int LinkHours { get; set; } = 72;

    /// <summary>Wrong passwords or codes in a row before a person must wait.</summary>
    [Range(1, 100)] public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a person waits after too many wrong tries.</summary>
    [Range(1, 1440)] public int LockoutMinutes { get; set; } = 15;

    /// <summary>The roles that must use a code from an authenticator app besides their password; others may choose to.</summary>
    public List<Role> TwoFactorRoles { get; set; } = [Role.Admin, Role.CaseManager];

    /// <summary>
    /// The console's address as people reach it (<c>https://beds.example.org</c>), for the links
    /// in invitations. Empty: the address the admin's request came to.
    /// </summary>
    [RegularExpression(@"^(https?://[^/\s]+)?$", ErrorMessage = "People:PublicUrl is a scheme and host such as https://beds.example.org, with no path.")]
    public string PublicUrl { get; set; } = "";

    public bool RequiresTwoFactor(Role role) => TwoFactorRoles.Contains(role);
}

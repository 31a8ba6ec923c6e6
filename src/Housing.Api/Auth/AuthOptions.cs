using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// How long a key read from the database is trusted before it is read again. A key revoked
    /// through this instance stops at once; one revoked through another instance stops within this time.
    /// 0 reads the database on every request.
    /// </summary>
    [Range(0, 300)]
    public int KeyCacheSeconds { get; set; } = 30;
}

using System.Security.Cryptography;

namespace Housing.Api.Auth;

/// <summary>
/// HOUSING_BOOTSTRAP_ADMIN_KEY, when set at start, is a valid admin key: the way to create
/// the first real keys on a new installation. Only its hash is kept in memory.
/// </summary>
public sealed class BootstrapAdminKey
{
    public const string Variable = "HOUSING_BOOTSTRAP_ADMIN_KEY";
    public static readonly Caller Caller = new("bootstrap", Role.Admin, null);

    private readonly byte[]? _hash;

    public BootstrapAdminKey(IConfiguration configuration)
    {
        var value = configuration[Variable];
        if (string.IsNullOrWhiteSpace(value)) return;
        if (value.Length < 16) throw new InvalidOperationException($"{Variable} must be at least 16 characters.");
        _hash = ApiKeySecret.Hash(value);
    }

    /// <summary>False once the service runs without the variable: a console session signed in with it then ends.</summary>
    public bool IsConfigured => _hash is not null;

    public bool Matches(string presented) =>
        _hash is not null && CryptographicOperations.FixedTimeEquals(ApiKeySecret.Hash(presented), _hash);
}

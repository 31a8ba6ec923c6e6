using System.Security.Cryptography;
using System.Text;

namespace Housing.Api.Auth;

/// <summary>
/// Keys look like <c>hk_{id}_{secret}</c>: the id finds the row, and only a SHA-256 hash
/// of the whole key is stored. The secret has 256 random bits, so a fast hash is enough.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "hk_";

    public static (Guid Id, string Key) Generate()
    {
        var id = Guid.CreateVersion7();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id:N}_{secret}");
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool TryParseId(string key, out Guid id)
    {
        id = default;
        return key.Length == Prefix.Length + 32 + 1 + 43
            && key.StartsWith(Prefix, StringComparison.Ordinal)
            && key[Prefix.Length + 32] == '_'
            && Guid.TryParseExact(key.AsSpan(Prefix.Length, 32), "N", out id);
    }

    /// <summary>Compares hashes in constant time, so response timing tells nothing about the key.</summary>
    public static bool Matches(string presented, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

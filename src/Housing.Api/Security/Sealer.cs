using Microsoft.AspNetCore.DataProtection;

namespace Housing.Api.Security;

/// <summary>
/// Seals one kind of value before it is stored, and opens it after it is read (authenticated
/// encryption by ASP.NET Core Data Protection, with a purpose of its own, so a sealed address
/// cannot be passed off as a webhook secret). A sealed value reads <c>dp1:</c> and the payload;
/// a value without the prefix was stored before sealing existed and is returned as it is until
/// <see cref="SealStoredValues"/> seals it at the next start.
/// </summary>
public sealed class Sealer(IDataProtector protector)
{
    public const string Prefix = "dp1:";

    public string? Seal(string? plain) => plain is null ? null : Prefix + protector.Protect(plain);

    public string? Open(string? stored) =>
        stored is null || !IsSealed(stored) ? stored : protector.Unprotect(stored[Prefix.Length..]);

    public static bool IsSealed(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);
}

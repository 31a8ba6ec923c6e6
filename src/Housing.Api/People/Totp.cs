using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace Housing.Api.People;

/// <summary>
/// Codes from an authenticator app (RFC 6238: SHA-1, six digits, 30 seconds, as every app
/// reads a secret by default), and recovery codes for when the phone is lost.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;

    /// <summary>A code from the step before or after is taken too: a phone's clock is often a little off.</summary>
    public static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public const int RecoveryCodes = 10;

    /// <summary>A new secret: 160 random bits as base32, the form apps take it in.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The secret in groups of four, easier to type into an app.</summary>
    public static string Grouped(string secret) => string.Join(' ', secret.Chunk(4).Select(c => new string(c)));

    /// <summary>The otpauth:// address apps read from a QR code or a link.</summary>
    public static string Uri(string secret, string account, string issuer) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={secret}&issuer={System.Uri.EscapeDataString(issuer)}";

    /// <summary>
    /// The time step the code matches, or null. A step at or before <paramref name="lastStep"/>
    /// (the last code taken) is refused, so a code seen over a shoulder cannot be used again.
    /// </summary>
    public static long? Match(string secret, string? code, DateTimeOffset now, long? lastStep)
    {
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 6 || (code ?? "").Any(c => !char.IsAsciiDigit(c) && !char.IsWhiteSpace(c) && c != '-')) return null;
        var totp = new OtpNet.Totp(Base32Encoding.ToBytes(secret), StepSeconds);
        if (!totp.VerifyTotp(now.UtcDateTime, digits, out var step, Window)) return null;
        return lastStep is { } last && step <= last ? null : step;
    }

    /// <summary>The code for a time: for the demo's printed people and the tests.</summary>
    public static string Code(string secret, DateTimeOffset at) => new OtpNet.Totp(Base32Encoding.ToBytes(secret), StepSeconds).ComputeTotp(at.UtcDateTime);

    /// <summary>Ten recovery codes, each shown once: two groups of five letters and digits, none that look alike.</summary>
    public static IReadOnlyList<string> NewRecoveryCodes()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return [.. Enumerable.Range(0, RecoveryCodes).Select(_ =>
        {
            var chars = RandomNumberGenerator.GetItems<char>(alphabet, 10);
            return $"{new string(chars[..5])}-{new string(chars[5..])}";
        })];
    }

    /// <summary>A recovery code as kept: a hash of its letters and digits, lower case, so "ABCDE FGHJK" matches "abcde-fghjk".</summary>
    public static string HashRecoveryCode(string code)
    {
        var normal = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)));
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Housing.Api.Webhooks;

/// <summary>
/// Signs a webhook call so the receiver can tell it came from us and was not replayed much later:
/// HMAC-SHA256, keyed with the organisation's secret, over <c>{timestamp}.{body}</c>, where the
/// timestamp is the <c>Housing-Timestamp</c> header (Unix seconds) and the body is the raw bytes sent.
/// </summary>
public static class WebhookSigner
{
    public const string EventIdHeader = "Housing-Event-Id";
    public const string EventTypeHeader = "Housing-Event-Type";
    public const string TimestampHeader = "Housing-Timestamp";
    public const string SignatureHeader = "Housing-Signature";
    public const string Scheme = "v1=";

    /// <summary>The <c>Housing-Signature</c> header's value: <c>v1=</c> and lowercase hex.</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        var message = Encoding.UTF8.GetBytes($"{timestamp}.{body}");
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, string timestampHeader, string body, string signatureHeader)
    {
        if (!long.TryParse(timestampHeader, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var timestamp))
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHeader));
    }
}

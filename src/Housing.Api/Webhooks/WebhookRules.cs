using Housing.Api.Errors;

namespace Housing.Api.Webhooks;

/// <summary>The shape of a webhook registration; where its host points is <see cref="EndpointGuard"/>'s to judge.</summary>
public static class WebhookRules
{
    public const int MaxUrlLength = 2000;
    public const int MinSecretLength = 32;
    public const int MaxSecretLength = 256;

    /// <summary>The URL to store, or null with the reasons added to <paramref name="v"/>.</summary>
    public static Uri? ValidateUrl(Validation v, string? url, bool allowHttp)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            v.Add("url", "Required.");
            return null;
        }
        if (url.Length > MaxUrlLength)
        {
            v.Add("url", $"At most {MaxUrlLength} characters.");
            return null;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.IdnHost.Length == 0)
        {
            v.Add("url", "An absolute https:// URL.");
            return null;
        }
        if (uri.Scheme == "http" && !allowHttp)
        {
            v.Add("url", "Must use https://, so events and their signatures travel encrypted.");
            return null;
        }
        if (uri.UserInfo.Length > 0) v.Add("url", "Must not carry a user name or password; the signature authenticates us.");
        if (uri.Fragment.Length > 0) v.Add("url", "Must not have a #fragment.");
        return v.IsValid ? uri : null;
    }

    /// <summary>A shared secret long enough to resist guessing, in visible ASCII so every language signs the same bytes.</summary>
    public static string? ValidateSecret(Validation v, string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            v.Add("secret", "Required.");
            return null;
        }
        if (secret.Length is < MinSecretLength or > MaxSecretLength)
            v.Add("secret", $"Between {MinSecretLength} and {MaxSecretLength} characters (for example: openssl rand -hex 32).");
        if (secret.Any(c => c is < '!' or > '~')) v.Add("secret", "Visible ASCII characters only: no spaces or control characters.");
        return secret;
    }
}

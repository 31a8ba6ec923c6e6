using Housing.Api.Errors;

namespace Housing.Api.Webhooks;

/// <summary>
/// What a webhook URL must be beyond its shape (present, at most 2000 characters: <see cref="RequestShape"/>);
/// where its host points is <see cref="EndpointGuard"/>'s to judge.
/// </summary>
public static class WebhookRules
{
    public const int MaxUrlLength = 2000;
    public const int MinSecretLength = 32;
    public const int MaxSecretLength = 256;
    public const string SecretLength = "Between 32 and 256 characters (for example: openssl rand -hex 32).";

    /// <summary>The URL to store, or null with the reasons added to <paramref name="v"/>.</summary>
    public static Uri? ValidateUrl(Validation v, string? url, bool allowHttp)
    {
        if (url is null || v.Has("url")) return null;
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
}

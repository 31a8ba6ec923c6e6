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

    /// <summary>The URL to store, or null with the reasons added to <paramref name="v"/>.</summary>
    public static Uri? ValidateUrl(Validation v, string? url, bool allowHttp)
    {
        if (url is null || v.Has("url")) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.IdnHost.Length == 0)
        {
            v.Add("url", ProblemText.Problem_Webhook_Url);
            return null;
        }
        if (uri.Scheme == "http" && !allowHttp)
        {
            v.Add("url", ProblemText.Problem_Webhook_Https);
            return null;
        }
        if (uri.UserInfo.Length > 0) v.Add("url", ProblemText.Problem_Webhook_UserInfo);
        if (uri.Fragment.Length > 0) v.Add("url", ProblemText.Problem_Webhook_Fragment);
        return v.IsValid ? uri : null;
    }
}

using System.Security.Cryptography;
using Housing.Api.Auth;
using Housing.Api.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Housing.Api.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c>: an admin API key, or <see cref="TelemetryOptions.MetricsKey"/>
/// in X-Api-Key or as a bearer token (what Prometheus's <c>authorization</c> setting sends). The
/// metrics key is a setting rather than a role: it opens this one endpoint and nothing else, and
/// it is not an API key (it cannot be listed, sign in to the console, or call the API). It is
/// compared by hash in constant time, like the bootstrap admin key. Without a key the scrape gets
/// the API's 401, with another role's key its 403.
/// </summary>
public sealed class ScrapeAuthorization(IOptions<TelemetryOptions> options) : AuthorizationHandler<ScrapeAuthorization.Requirement>
{
    public const string Policy = "metrics-scrape";

    private const string Bearer = "Bearer ";

    private readonly byte[]? _hash = string.IsNullOrEmpty(options.Value.MetricsKey) ? null : ApiKeySecret.Hash(options.Value.MetricsKey);

    public sealed class Requirement : IAuthorizationRequirement;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
    {
        if (context.User.IsInRole(HousingJson.Text(Role.Admin)) || (context.Resource is HttpContext http && PresentsMetricsKey(http.Request)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private bool PresentsMetricsKey(HttpRequest request)
    {
        if (_hash is null) return false;
        if (request.Headers.TryGetValue(ApiKeyAuthenticationHandler.Header, out var keys) && keys.Count == 1 && Matches(keys[0])) return true;
        var authorization = request.Headers[HeaderNames.Authorization];
        return authorization.Count == 1 && authorization[0] is { } value && value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            && Matches(value[Bearer.Length..].Trim());
    }

    private bool Matches(string? presented) =>
        presented is { Length: > 0 and <= 200 } && CryptographicOperations.FixedTimeEquals(ApiKeySecret.Hash(presented), _hash);
}

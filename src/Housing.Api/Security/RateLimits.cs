using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Housing.Api.Auth;
using Housing.Api.Errors;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Housing.Api.Security;

/// <summary>
/// Limits each key (and each address without a valid key, which slows guessing) to its token
/// bucket. Runs after authentication, so a key's requests count against the key wherever they
/// come from. Behind a proxy, set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true so the address is
/// the client's, not the proxy's.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddHousingRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, options) =>
        {
            var limits = options.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    public static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        if (context.Request.Path.StartsWithSegments("/health")) return RateLimitPartition.GetNoLimiter("health");
        var keyId = context.User.FindFirstValue(Caller.KeyIdClaim);
        return keyId is not null
            ? RateLimitPartition.GetTokenBucketLimiter("key:" + keyId, _ => Bucket(limits.PerKeyPerSecond, limits.PerKeyBurst))
            : RateLimitPartition.GetTokenBucketLimiter("address:" + context.Connection.RemoteIpAddress,
                _ => Bucket(limits.AnonymousPerSecond, limits.AnonymousBurst));
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))
            : 1;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = ProblemText.Problem_RateLimited_Title,
                Type = Problems.TypeUri("rate-limited"),
                Detail = Say.Format(ProblemText.Problem_RateLimited_Detail, seconds),
            },
        });
    }
}

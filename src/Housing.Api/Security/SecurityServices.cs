using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Housing.Api.Security;

public static class SecurityServices
{
    /// <summary>The key ring that seals stored secrets, the rate limits, and no "Server: Kestrel" header (it only helps someone looking for a known weakness).</summary>
    public static IServiceCollection AddHousingSecurity(this IServiceCollection services)
    {
        services.AddHousingKeyRing();
        services.AddHousingRateLimits();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        return services;
    }

    /// <summary>The headers every answer carries, and HSTS outside development.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }
}

using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Housing.Api.Telemetry;

/// <summary>
/// Metrics and traces by OpenTelemetry (docs/operations.md, "Telemetry"). By default only the
/// cheap part: the meters are collected and served at <see cref="Path"/>. Setting the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> also exports the metrics by OTLP, and turns tracing on,
/// exported the same way; without it no span is started, so a request pays nothing for traces.
/// <c>Telemetry:Enabled=false</c> turns all of it off.
/// </summary>
public static class TelemetrySetup
{
    public const string Path = "/metrics";

    /// <summary>The standard variable (or setting) that names the OTLP collector; the exporter reads it, and the protocol and headers beside it.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// ASP.NET Core instruments measured on every request (or every buffer a request rents) that
    /// say nothing <c>http.server.request.duration</c> does not: left unheard, so the framework
    /// skips them. Rejections still show, as 429s, 401s and 403s by status code, and challenges
    /// and forbids by their own instruments.
    /// </summary>
    private static readonly HashSet<string> PerRequestNoise =
    [
        "aspnetcore.routing.match_attempts", "aspnetcore.authentication.authenticate.duration", "aspnetcore.authorization.attempts",
        "aspnetcore.rate_limiting.requests", "aspnetcore.rate_limiting.request_lease.duration", "aspnetcore.rate_limiting.active_request_leases",
        "aspnetcore.memory_pool.rented", "aspnetcore.memory_pool.pooled",
    ];

    /// <summary>The only tags kept on outbound HTTP metrics: not the receiver's host or port (a partner's address), which would also grow without bound.</summary>
    private static readonly string[] OutboundTags =
        ["http.request.method", "http.response.status_code", "error.type", "network.protocol.version", "http.connection.state"];

    public static IServiceCollection AddHousingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The instruments exist whether or not anything listens, so the features measure unconditionally.
        services.AddSingleton<OutboxDepth>();
        services.AddSingleton<HousingMetrics>();
        services.AddSingleton<IAuthorizationHandler, ScrapeAuthorization>();
        services.AddAuthorizationBuilder().AddPolicy(ScrapeAuthorization.Policy, p => p.AddRequirements(new ScrapeAuthorization.Requirement()));

        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled) return services;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);
        var telemetry = services.AddOpenTelemetry();
        // OTEL_SERVICE_NAME, when set, names the service instead.
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"])) telemetry.ConfigureResource(r => r.AddService("housing"));
        telemetry.WithMetrics(metrics =>
        {
            if (metrics is IDeferredMeterProviderBuilder deferred)
                deferred.Configure((provider, builder) => builder.AddView(View(provider.GetRequiredService<IMeterFactory>())));
            metrics.AddMeter(HousingMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                // Every scrape collects afresh: only a key holder can scrape, and a cached answer would hide a change made just before.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (otlp) metrics.AddOtlpExporter();
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(HousingMetrics.MeterName)
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Probes and scrapes every few seconds would bury the requests worth tracing.
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(Path);
                    o.EnrichWithHttpResponse = (activity, response) =>
                    {
                        // As the request log: the route's template, never the path's ids nor the query.
                        activity.SetTag("url.path", (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
                        activity.SetTag("url.query", null);
                    };
                })
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                    // A webhook's path may hold the receiver's token: its origin only.
                    activity.SetTag("url.full", request.RequestUri?.GetLeftPart(UriPartial.Authority)))
                .AddNpgsql()
                .AddOtlpExporter());
        }
        return services;
    }

    /// <summary>Maps the scrape endpoint, for an admin key or the metrics key (<see cref="ScrapeAuthorization"/>); not when telemetry is off.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Enabled) return app;
        app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(ScrapeAuthorization.Policy);
        return app;
    }

    /// <summary>
    /// Meters are process-wide: another host in the same process (tests start many) has its own
    /// meters of the same names, made by its own factory. This provider hears only its own.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> View(IMeterFactory own) => instrument =>
    {
        if (instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, own)) return MetricStreamConfiguration.Drop;
        if (PerRequestNoise.Contains(instrument.Name)) return MetricStreamConfiguration.Drop;
        if (instrument.Meter.Name is "System.Net.Http" or "System.Net.NameResolution") return new MetricStreamConfiguration { TagKeys = OutboundTags };
        return null;
    };
}

using Microsoft.Extensions.Options;

namespace Housing.Api.Webhooks;

public static class WebhookServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        // http:// is accepted by default only in Development; configuration can still say otherwise.
        services.AddOptions<WebhookOptions>()
            .Configure<IHostEnvironment>((o, environment) => o.AllowHttp = environment.IsDevelopment())
            .BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<EndpointGuard>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryWorker>());
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                return new SocketsHttpHandler
                {
                    // Every connection goes through the guard, to an address it has checked.
                    ConnectCallback = sp.GetRequiredService<EndpointGuard>().ConnectAsync,
                    UseProxy = false,
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    ConnectTimeout = timeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                };
            })
            // A backstop on the real clock; the pipeline's own timeout normally answers first.
            .ConfigureHttpClient((sp, client) =>
                client.Timeout = 2 * sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            // The default handlers log each request's full URL, which may carry a receiver's token.
            .RemoveAllLoggers();
        return services;
    }
}

using Housing.Api.Http;
using Housing.Api.Telemetry;
using Housing.Api.Watches;
using Microsoft.Extensions.Options;

namespace Housing.Api.Webhooks;

/// <summary>
/// Delivers the outbox: every <see cref="WebhookOptions.PollSeconds"/>, or at once when a
/// <see cref="DeliverySignal"/> is raised, it claims the events that are due, sends each to its
/// organisation's current webhook, and records the outcome. A failed
/// event is due again after a backoff kept in the database, so neither a receiver that is down
/// nor a restart loses it; after <see cref="WebhookOptions.MaxAttempts"/> it is marked failed.
/// Driven by <see cref="TimeProvider"/>, so tests move the clock; a failed pass is logged and the loop goes on.
/// </summary>
public sealed class WebhookDeliveryWorker(
    DeliveryStore deliveries, WebhookStore webhooks, WebhookSender sender, DeliverySignal signal, TimeProvider clock, IOptions<WebhookOptions> options,
    HousingMetrics metrics, ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    // Endpoints called at once; events for one organisation go one after the other, oldest first.
    private const int ParallelEndpoints = 8;
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _purgedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AllowPrivateNetworks)
            logger.LogWarning("Webhooks:AllowPrivateNetworks is on: webhooks may call loopback and private addresses. For tests and development only.");
        // A pause after each pass, not a fixed beat: after a long stall (or a test's jump of the
        // clock by days) there is one pass, not one for every beat that was missed.
        var wake = signal.Next;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Signal.PauseAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken, wake);
            wake = signal.Next;
            try
            {
                // A full batch means more may be waiting: carry on without pausing.
                while (await DeliverDueAsync(stoppingToken) == options.Value.BatchSize) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Delivering webhooks failed; will try again in {Seconds} s", options.Value.PollSeconds);
            }
        }
    }

    /// <summary>Sends every event that is due now (one batch); returns how many were tried.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var o = options.Value;
            var now = clock.GetUtcNow();
            await PurgeAsync(now, ct);
            var due = await deliveries.ClaimDueAsync(now, now + o.Lease, o.BatchSize, ct);
            if (due.Count == 0) return 0;
            var current = await webhooks.GetManyAsync(due.Select(m => m.OrganizationId), ct);
            await Parallel.ForEachAsync(due.GroupBy(m => m.OrganizationId),
                new ParallelOptions { MaxDegreeOfParallelism = ParallelEndpoints, CancellationToken = ct },
                async (messages, token) =>
                {
                    foreach (var message in messages) await DeliverAsync(message, current.GetValueOrDefault(message.OrganizationId), token);
                });
            return due.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DeliverAsync(OutboxMessage message, Webhook? webhook, CancellationToken ct)
    {
        using var span = HousingTraces.Source.StartActivity("housing.webhook.deliver");
        span?.SetTag("housing.event_type", message.Type).SetTag("housing.attempt", message.Attempts + 1);
        if (webhook is null)
        {
            await deliveries.GiveUpAsync(message.Id, DeliveryStore.NoWebhookError, ct);
            metrics.DeliveryNotMade("abandoned");
            return;
        }
        var result = await sender.SendAsync(webhook, message, ct);
        var now = clock.GetUtcNow();
        var o = options.Value;
        span?.SetTag("housing.outcome", HousingJson.Text(result.Outcome));
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                await deliveries.RecordAttemptAsync(message.Id, DeliveryStatus.Delivered, result.StatusCode, null, now, null, ct);
                metrics.Delivered(message.Type, now - message.CreatedAt);
                break;
            case DeliveryOutcome.CircuitOpen:
                await deliveries.PostponeAsync(message.Id, result.Error!, now + (result.RetryAfter ?? TimeSpan.FromSeconds(o.BreakSeconds)), ct);
                metrics.DeliveryNotMade("postponed");
                break;
            default:
                var attempt = message.Attempts + 1;
                var last = attempt >= o.MaxAttempts;
                var next = now + Backoff.After(attempt, TimeSpan.FromSeconds(o.BaseBackoffSeconds), TimeSpan.FromSeconds(o.MaxBackoffSeconds), Random.Shared.NextDouble());
                // Where, not what: the endpoint's host, never its path (it may hold a token), the secret or the body.
                logger.LogWarning("Webhook event {EventId} ({Type}) for organisation {OrganizationId} at {Endpoint} failed, attempt {Attempt} of {MaxAttempts}: {Error}",
                    message.EventId, message.Type, message.OrganizationId, new Uri(webhook.Url).GetLeftPart(UriPartial.Authority), attempt, o.MaxAttempts, result.Error);
                await deliveries.RecordAttemptAsync(message.Id, last ? DeliveryStatus.Failed : DeliveryStatus.Pending, result.StatusCode,
                    Truncate(result.Error), now, last ? null : next, ct);
                metrics.DeliveryNotMade(last ? "abandoned" : "failed");
                break;
        }
    }

    private async Task PurgeAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (now - _purgedAt < PurgeEvery) return;
        await deliveries.PurgeAsync(now - TimeSpan.FromDays(options.Value.RetainDays), ct);
        _purgedAt = now;
    }

    private static string? Truncate(string? error) => error is { Length: > 500 } ? error[..500] : error;
}

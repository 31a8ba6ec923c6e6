using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Housing.Api.Webhooks;

/// <summary>
/// Makes one delivery attempt: a signed POST through a resilience pipeline per endpoint
/// (a circuit breaker, quick retries for transient failures inside it, and a timeout per call).
/// The pipelines run on the service's <see cref="TimeProvider"/>, like the outbox schedule.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider clock, IOptions<WebhookOptions> options) : IDisposable
{
    public const string ClientName = "webhooks";

    // One breaker per endpoint (scheme, host and port): a receiver that is down does not slow the others.
    private readonly ResiliencePipelineRegistry<string> _pipelines = new();

    private static readonly PredicateBuilder<HttpResponseMessage> Transient = new PredicateBuilder<HttpResponseMessage>()
        .Handle<HttpRequestException>(e => Refusal(e) is null)
        .Handle<TimeoutRejectedException>()
        .HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500);

    public async Task<DeliveryResult> SendAsync(Webhook webhook, OutboxMessage message, CancellationToken ct)
    {
        var url = new Uri(webhook.Url);
        var pipeline = _pipelines.GetOrAddPipeline<HttpResponseMessage>(url.GetLeftPart(UriPartial.Authority), Configure);
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await pipeline.ExecuteAsync(async token =>
            {
                using var request = Request(url, webhook.Secret, message);
                return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            }, ct);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new DeliveryResult(DeliveryOutcome.Delivered, code)
                : new DeliveryResult(DeliveryOutcome.Failed, code, $"The receiver answered {code} {response.ReasonPhrase}.");
        }
        catch (BrokenCircuitException e)
        {
            return new DeliveryResult(DeliveryOutcome.CircuitOpen, Error: "Not sent: the endpoint failed repeatedly, so it is left alone for a while.",
                RetryAfter: e.RetryAfter);
        }
        catch (TimeoutRejectedException)
        {
            return new DeliveryResult(DeliveryOutcome.Failed, Error: $"No answer within {options.Value.TimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryResult(DeliveryOutcome.Failed, Error: Refusal(e)?.Message ?? $"Could not connect: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Failed, Error: $"No answer within {options.Value.TimeoutSeconds} s.");
        }
    }

    /// <summary>A new request per attempt, so each carries the time it was sent and its own signature.</summary>
    private HttpRequestMessage Request(Uri url, string secret, OutboxMessage message)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(message.PayloadJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSigner.EventIdHeader, message.EventId.ToString());
        request.Headers.Add(WebhookSigner.EventTypeHeader, message.Type);
        request.Headers.Add(WebhookSigner.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(secret, timestamp, message.PayloadJson));
        request.Headers.UserAgent.ParseAdd("Housing-Webhooks/1");
        return request;
    }

    /// <remarks>
    /// The breaker sits outside the quick retries, so it counts whole attempts: an attempt it
    /// rejects made no call at all, and is not counted against the event's limit either.
    /// </remarks>
    private void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        var o = options.Value;
        builder.TimeProvider = clock;
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = Transient,
            FailureRatio = 0.5,
            MinimumThroughput = 3,
            SamplingDuration = TimeSpan.FromMinutes(2),
            BreakDuration = TimeSpan.FromSeconds(o.BreakSeconds),
        });
        if (o.QuickRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = Transient,
                MaxRetryAttempts = o.QuickRetries,
                Delay = TimeSpan.FromMilliseconds(o.QuickRetryDelayMilliseconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }
        builder.AddTimeout(o.Timeout);
    }

    private static EndpointRefusedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is EndpointRefusedException refused) return refused;
        }
        return null;
    }

    public void Dispose() => _pipelines.Dispose();
}

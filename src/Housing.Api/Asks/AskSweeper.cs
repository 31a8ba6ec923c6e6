using Microsoft.Extensions.Options;

namespace Housing.Api.Asks;

/// <summary>
/// Expires lines whose shelter did not answer in time, and the ask once none is left. Driven by
/// <see cref="TimeProvider"/>, so tests move the clock; a failed sweep is logged and the loop goes on.
/// </summary>
public sealed class AskSweeper(AskStore asks, TimeProvider clock, IOptions<AskOptions> options, ILogger<AskSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A pause after each sweep, not a fixed beat: a clock moved on by months (a long stall, or a
        // test) wakes it once, not once for every beat it missed.
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Value.SweepSeconds), clock, stoppingToken);
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Expiring unanswered asks failed; will try again in {Seconds} s", options.Value.SweepSeconds);
            }
        }
    }

    /// <summary>Expires every pending line whose time is up; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = 0;
        foreach (var id in await asks.DueAsync(now, ct)) expired += await asks.ExpireAsync(id, now, ct);
        if (expired > 0) logger.LogInformation("Expired {Count} unanswered ask lines", expired);
        return expired;
    }
}

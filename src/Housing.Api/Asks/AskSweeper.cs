using Housing.Api.Operations;
using Microsoft.Extensions.Options;

namespace Housing.Api.Asks;

/// <summary>
/// Expires lines whose shelter did not answer in time, and the ask once none is left. Driven by
/// <see cref="TimeProvider"/>, so tests move the clock; a failed sweep is logged and the loop goes on.
/// </summary>
public sealed class AskSweeper(AskStore asks, TimeProvider clock, IOptions<AskOptions> options, ILogger<AskSweeper> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Sweep.EveryAsync(TimeSpan.FromSeconds(options.Value.SweepSeconds), clock, SweepAsync, logger, "Expiring unanswered asks", stoppingToken);

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

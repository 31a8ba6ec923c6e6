using Microsoft.Extensions.Options;

namespace Housing.Api.Referrals;

/// <summary>
/// Expires holds whose shelter did not decide in time, releasing the bed and moving a cascade
/// on, in the same transaction. Driven by <see cref="TimeProvider"/>, so tests move the clock;
/// a failed sweep is logged and the loop goes on.
/// </summary>
public sealed class ReferralSweeper(ReferralStore referrals, TimeProvider clock, IOptions<ReferralOptions> options, ILogger<ReferralSweeper> logger)
    : BackgroundService
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
                logger.LogError(e, "Expiring referral holds failed; will try again in {Seconds} s", options.Value.SweepSeconds);
            }
        }
    }

    /// <summary>Expires every pending step whose time is up; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await referrals.DueAsync(now, ct);
        foreach (var id in due)
        {
            await referrals.DecideAsync(id, ReferralAction.Expire, _ => true, "sweeper", "system", null, now, ct);
        }
        if (due.Count > 0) logger.LogInformation("Expired {Count} referral holds", due.Count);
        return due.Count;
    }
}

using Housing.Api.Operations;
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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Sweep.EveryAsync(TimeSpan.FromSeconds(options.Value.SweepSeconds), clock, SweepAsync, logger, "Expiring referral holds", stoppingToken);

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

namespace Housing.Api.Referrals;

/// <summary>Runs <see cref="ReferralRetention.PurgeAsync"/> every <see cref="RetentionOptions.SweepMinutes"/>, on <see cref="TimeProvider"/>.</summary>
public sealed class RetentionWorker(ReferralRetention retention, TimeProvider clock, Microsoft.Extensions.Options.IOptions<RetentionOptions> options,
    ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.SweepMinutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await retention.PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Purging closed referrals failed; will try again in {Minutes} min", options.Value.SweepMinutes);
            }
        }
    }
}

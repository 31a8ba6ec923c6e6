using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Referrals;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days a closed referral (and an ended ask) is kept in full; after that only anonymous counts of referrals remain (DOMAIN.md: no longer than needed).</summary>
    [Range(1, 3650)] public int ClosedReferralDays { get; set; } = 90;
    /// <summary>How often closed referrals past the period are looked for.</summary>
    [Range(1, 1440)] public int SweepMinutes { get; set; } = 60;
    /// <summary>Referrals purged per transaction, so a large backlog never holds the write lock for long.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 500;
}

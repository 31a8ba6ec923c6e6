using System.ComponentModel.DataAnnotations;
using Housing.Api.Programs;

namespace Housing.Api.Referrals;

public sealed class ReferralOptions
{
    public const string Section = "Referrals";

    /// <summary>How long an emergency shelter has to decide before the hold expires.</summary>
    [Range(5, 480)] public int EmergencyHoldMinutes { get; set; } = 90;
    /// <summary>Transitional housing and rapid rehousing decide in days.</summary>
    [Range(60, 43200)] public int TransitionalHoldMinutes { get; set; } = 3 * 24 * 60;
    [Range(60, 43200)] public int RapidRehousingHoldMinutes { get; set; } = 3 * 24 * 60;
    /// <summary>Beds (or slots) one case manager's key may hold at once, so no script can empty a county.</summary>
    [Range(1, 1000)] public int MaxHeldPerCaseManager { get; set; } = 10;
    /// <summary>How often expired holds are looked for.</summary>
    [Range(1, 3600)] public int SweepSeconds { get; set; } = 15;

    public TimeSpan HoldFor(ProgramKind kind) => TimeSpan.FromMinutes(kind switch
    {
        ProgramKind.Emergency => EmergencyHoldMinutes,
        ProgramKind.Transitional => TransitionalHoldMinutes,
        _ => RapidRehousingHoldMinutes,
    });
}

/// <summary>The refusal of a referral past <see cref="ReferralOptions.MaxHeldPerCaseManager"/>, in words a case manager can act on.</summary>
public static class HoldLimit
{
    public static string Detail(int held, int referrals, int limit, int needed) => referrals == 1
        ? Say.Format(ProblemText.Problem_HoldLimit_One, held, limit, needed)
        : Say.Format(ProblemText.Problem_HoldLimit_Many, held, limit, needed, referrals);
}

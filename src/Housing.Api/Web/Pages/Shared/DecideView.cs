using Housing.Api.Referrals;

namespace Housing.Api.Web.Pages.Shared;

/// <summary>What the shelter's accept and decline forms need, on the dashboard or on the referral's page.</summary>
public sealed record DecideView(ReferralView Referral, string ReturnUrl, DeclineFormView Decline, FormErrors Errors);

public sealed record DeclineFormView(string? DeclinedBy, string? Reason, string? Text)
{
    public static readonly DeclineFormView Blank = new("provider", null, null);
}

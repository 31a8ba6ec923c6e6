using System.Data.Common;
using Housing.Api.Http;
using Housing.Api.Webhooks;

namespace Housing.Api.Referrals;

/// <summary>
/// What a webhook learns about a referral: its id, the program and position concerned, and what
/// happened there. Never the client reference, the household or an address.
/// </summary>
public sealed record ReferralEventData(Guid ReferralId, Guid ProgramId, int Position, StepStatus Status);

/// <summary>
/// The referral events and who receives them, written to the outbox inside the referral's own
/// transaction. The shelter hears about referrals at its programs; the referring agency hears
/// the outcomes.
/// </summary>
public static class ReferralEvents
{
    public const string Created = "referral.created";
    public const string Offered = "referral.offered";
    public const string Exhausted = "referral.exhausted";

    /// <summary><c>referral.accepted</c>, <c>.declined</c>, <c>.placed</c>, <c>.no_show</c>, <c>.cancelled</c> or <c>.expired</c>.</summary>
    public static string Decided(StepStatus status) => "referral." + HousingJson.Text(status);

    /// <summary>A new referral: the agency's confirmation (its other systems may not have made it).</summary>
    public static Task CreatedAsync(DbConnection db, DbTransaction tx, Referral referral, DateTimeOffset now, CancellationToken ct) =>
        Outbox.AddAsync(db, tx, referral.AgencyId, Created,
            new ReferralEventData(referral.Id, referral.Current.ProgramId, referral.CurrentPosition, StepStatus.Pending), now, ct);

    /// <summary>A program now holds beds for the referral and must decide: its shelter is told.</summary>
    public static Task OfferedAsync(DbConnection db, DbTransaction tx, Guid referralId, int position, Guid programId, Guid shelterId,
        DateTimeOffset now, CancellationToken ct) =>
        Outbox.AddAsync(db, tx, shelterId, Offered, new ReferralEventData(referralId, programId, position, StepStatus.Pending), now, ct);

    /// <summary>
    /// A decision on the current step. The agency hears every one; the shelter also hears of a
    /// cancel or an expiry, which happen to it rather than by it.
    /// </summary>
    public static async Task DecidedAsync(DbConnection db, DbTransaction tx, Referral referral, ReferralStep step, StepStatus status,
        Guid? shelterId, DateTimeOffset now, CancellationToken ct)
    {
        var data = new ReferralEventData(referral.Id, step.ProgramId, step.Position, status);
        await Outbox.AddAsync(db, tx, referral.AgencyId, Decided(status), data, now, ct);
        if (status is StepStatus.Cancelled or StepStatus.Expired && shelterId is { } shelter && shelter != referral.AgencyId)
            await Outbox.AddAsync(db, tx, shelter, Decided(status), data, now, ct);
    }

    /// <summary>A decline or expiry left no program to try: the referral is over, and the agency is told.</summary>
    public static Task ExhaustedAsync(DbConnection db, DbTransaction tx, Referral referral, ReferralStep step, StepStatus status,
        DateTimeOffset now, CancellationToken ct) =>
        Outbox.AddAsync(db, tx, referral.AgencyId, Exhausted, new ReferralEventData(referral.Id, step.ProgramId, step.Position, status), now, ct);
}

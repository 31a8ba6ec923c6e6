using System.Data.Common;
using Housing.Api.Webhooks;

namespace Housing.Api.Asks;

/// <summary>
/// What a webhook learns about an ask: its id, the program concerned and that line's status, and
/// (for the agency, after a yes) the referral made. Never the client reference, the household or
/// an address: the receiver reads what it may see with <c>GET /v1/asks/{id}</c>.
/// </summary>
public sealed record AskEventData(Guid AskId, Guid ProgramId, AskLineStatus Status, DateTimeOffset? ExpiresAt = null, Guid? ReferralId = null);

/// <summary>The ask events and who receives them, written to the outbox inside the ask's own transaction.</summary>
public static class AskEvents
{
    /// <summary>To a shelter, per program asked: answer yes or no before <c>expiresAt</c>.</summary>
    public const string Created = "ask.created";
    /// <summary>To a shelter: another program said yes, or the agency cancelled; the line is closed.</summary>
    public const string Withdrawn = "ask.withdrawn";
    /// <summary>To the agency: a program answered yes or no.</summary>
    public const string Answered = "ask.answered";
    /// <summary>To the agency: every line was answered no or ran out of time, so the ask ended without a place.</summary>
    public const string Expired = "ask.expired";

    public static Task CreatedAsync(DbConnection db, DbTransaction tx, Guid askId, AskLine line, Guid shelterId, DateTimeOffset now, CancellationToken ct) =>
        Outbox.AddAsync(db, tx, shelterId, Created, new AskEventData(askId, line.ProgramId, AskLineStatus.Pending, line.ExpiresAt), now, ct);

    public static Task WithdrawnAsync(DbConnection db, DbTransaction tx, Guid askId, Guid programId, Guid shelterId, DateTimeOffset now, CancellationToken ct) =>
        Outbox.AddAsync(db, tx, shelterId, Withdrawn, new AskEventData(askId, programId, AskLineStatus.Withdrawn), now, ct);

    public static Task AnsweredAsync(DbConnection db, DbTransaction tx, Ask ask, Guid programId, AskLineStatus status, Guid? referralId,
        DateTimeOffset now, CancellationToken ct) =>
        Outbox.AddAsync(db, tx, ask.AgencyId, Answered, new AskEventData(ask.Id, programId, status, ReferralId: referralId), now, ct);

    public static Task ExpiredAsync(DbConnection db, DbTransaction tx, Ask ask, Guid lastProgramId, AskLineStatus status, DateTimeOffset now, CancellationToken ct) =>
        Outbox.AddAsync(db, tx, ask.AgencyId, Expired, new AskEventData(ask.Id, lastProgramId, status), now, ct);
}

using System.Data.Common;
using Dapper;
using Housing.Api.Webhooks;

namespace Housing.Api.Reports;

/// <summary>
/// The <c>data</c> of a <c>report.ready</c> event: which date, and where to read it. Never a
/// program, a figure or anything about a client: the receiver reads the report with its own key.
/// </summary>
public sealed record ReportReady(DateOnly Date, string Url)
{
    public const string EventType = "report.ready";

    public static ReportReady For(DateOnly date) => new(date, $"/v1/reports/capacity/{date.Iso()}");
}

/// <summary>
/// Announces a finished report. It runs inside the transaction that stores the report
/// (<see cref="ReportStore.CompleteAsync"/>), so the announcement exists exactly when the report does.
/// </summary>
public interface IReportPublisher
{
    /// <summary>Queues the announcement of <paramref name="ready"/> in <paramref name="tx"/>; returns how many organisations it was queued for.</summary>
    Task<int> PublishAsync(DbConnection db, DbTransaction tx, ReportReady ready, DateTimeOffset now, CancellationToken ct);
}

/// <summary>
/// Writes one signed <c>report.ready</c> event to the webhook outbox for every organisation that
/// has a webhook, whatever its type: the report is county-wide and aggregate (confidential
/// programs are only an aggregate, suppressed when small), and the event carries only the
/// date and the path, so no organisation learns anything from it that another may not.
/// </summary>
public sealed class OutboxReportPublisher : IReportPublisher
{
    public async Task<int> PublishAsync(DbConnection db, DbTransaction tx, ReportReady ready, DateTimeOffset now, CancellationToken ct)
    {
        var organizations = await db.QueryAsync<Guid>(new CommandDefinition("""
            SELECT organization_id FROM webhooks ORDER BY organization_id;
            """, transaction: tx, cancellationToken: ct));
        var queued = 0;
        foreach (var organizationId in organizations)
        {
            if (await Outbox.AddAsync(db, tx, organizationId, ReportReady.EventType, ready, now, ct)) queued++;
        }
        return queued;
    }
}

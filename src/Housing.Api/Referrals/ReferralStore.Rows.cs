using System.Data.Common;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Programs;

namespace Housing.Api.Referrals;

public sealed partial class ReferralStore
{
    private const string ReferralColumns = """
        id, agency_id, created_by, client_reference,
        household_json, household_type, household_size,
        status, current_position, created_at, updated_at
        """;

    private static readonly DialectSql ReferralsIn = DialectSql.WithList($"SELECT {ReferralColumns} FROM referrals WHERE id IN @text;");

    private const string StepColumns = """
        referral_id, position, program_id, status, offered_at,
        expires_at, decided_at, declined_by, reason_code, reason_text
        """;

    private static readonly DialectSql StepsIn = DialectSql.WithList($"SELECT {StepColumns} FROM referral_steps WHERE referral_id IN @text ORDER BY referral_id, position;");

    /// <summary>Referrals in the order of <paramref name="ids"/>, with their steps: two queries for a page, not one per referral.</summary>
    private static async Task<IReadOnlyList<Referral>> ReadManyAsync(DbConnection db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var text = TypeHandlers.AsText(ids);
        var rows = (await db.QueryAsync<ReferralRow>(new CommandDefinition(ReferralsIn.For(db), new { text }, cancellationToken: ct)))
            .ToDictionary(r => r.Id);
        var steps = (await db.QueryAsync<StepRow>(new CommandDefinition(StepsIn.For(db), new { text }, cancellationToken: ct))).ToLookup(s => s.ReferralId);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].ToReferral(steps[id].Select(s => s.ToStep()).ToList())).ToList();
    }

    private static async Task<Referral?> ReadAsync(DbConnection db, DbTransaction? tx, Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<ReferralRow>(new CommandDefinition($"""
            SELECT {ReferralColumns} FROM referrals WHERE id = @id;
            """, new { id }, tx, cancellationToken: ct));
        if (row is null) return null;
        var steps = await db.QueryAsync<StepRow>(new CommandDefinition($"""
            SELECT {StepColumns} FROM referral_steps WHERE referral_id = @id ORDER BY position;
            """, new { id }, tx, cancellationToken: ct));
        return row.ToReferral(steps.Select(s => s.ToStep()).ToList());
    }

    private sealed class ReferralRow
    {
        public Guid Id { get; set; }
        public Guid AgencyId { get; set; }
        public string CreatedBy { get; set; } = "";
        public string ClientReference { get; set; } = "";
        public string HouseholdJson { get; set; } = "{}";
        public int HouseholdType { get; set; }
        public int HouseholdSize { get; set; }
        public string Status { get; set; } = "";
        public int CurrentPosition { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public Referral ToReferral(IReadOnlyList<ReferralStep> steps)
        {
            HousingJson.TryParse<ReferralStatus>(Status, out var status);
            return new Referral(Id, AgencyId, CreatedBy, ClientReference, HousingJson.Deserialize<HouseholdRequest>(HouseholdJson),
                (HouseholdType)HouseholdType, HouseholdSize, status, CurrentPosition, steps, CreatedAt, UpdatedAt);
        }
    }

    private sealed class StepRow
    {
        public Guid ReferralId { get; set; }
        public int Position { get; set; }
        public Guid ProgramId { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset? OfferedAt { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }
        public DateTimeOffset? DecidedAt { get; set; }
        public int? DeclinedBy { get; set; }
        public string? ReasonCode { get; set; }
        public string? ReasonText { get; set; }

        public ReferralStep ToStep()
        {
            HousingJson.TryParse<StepStatus>(Status, out var status);
            return new ReferralStep(Position, ProgramId, status, OfferedAt, ExpiresAt, DecidedAt, (DeclinedBy?)DeclinedBy, ReasonCode, ReasonText);
        }
    }
}

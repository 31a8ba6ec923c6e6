using System.Data.Common;
using Dapper;
using Housing.Api.Data;
using Housing.Api.Http;
using Housing.Api.Matching;
using Housing.Api.Programs;

namespace Housing.Api.Asks;

public sealed partial class AskStore
{
    private const string AskColumns = """
        id, agency_id, created_by, client_reference, household_json,
        household_type, household_size, status, referral_id,
        created_at, expires_at, ended_at
        """;

    private const string LineColumns = """
        ask_id, position, program_id, status, expires_at, answered_at,
        answered_by, reason_code, reason_text, arrive_by
        """;

    private static readonly DialectSql AsksIn = DialectSql.WithList($"SELECT {AskColumns} FROM asks WHERE id IN @text;");

    private static readonly DialectSql LinesIn = DialectSql.WithList($"SELECT {LineColumns} FROM ask_programs WHERE ask_id IN @text ORDER BY ask_id, position;");

    private static async Task<Ask?> ReadAsync(DbConnection db, DbTransaction? tx, Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<AskRow>(new CommandDefinition($"""
            SELECT {AskColumns} FROM asks WHERE id = @id;
            """, new { id }, tx, cancellationToken: ct));
        if (row is null) return null;
        var lines = await db.QueryAsync<LineRow>(new CommandDefinition($"""
            SELECT {LineColumns} FROM ask_programs WHERE ask_id = @id ORDER BY position;
            """, new { id }, tx, cancellationToken: ct));
        return row.ToAsk(lines.Select(l => l.ToLine()).ToList());
    }

    /// <summary>Asks in the order of <paramref name="ids"/>, with their lines: two queries for a page, not one per ask.</summary>
    private static async Task<IReadOnlyList<Ask>> ReadManyAsync(DbConnection db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var text = TypeHandlers.AsText(ids);
        var rows = (await db.QueryAsync<AskRow>(new CommandDefinition(AsksIn.For(db), new { text }, cancellationToken: ct))).ToDictionary(r => r.Id);
        var lines = (await db.QueryAsync<LineRow>(new CommandDefinition(LinesIn.For(db), new { text }, cancellationToken: ct))).ToLookup(l => l.AskId);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].ToAsk(lines[id].Select(l => l.ToLine()).ToList())).ToList();
    }

    private sealed class AskRow
    {
        public Guid Id { get; set; }
        public Guid AgencyId { get; set; }
        public string CreatedBy { get; set; } = "";
        public string ClientReference { get; set; } = "";
        public string HouseholdJson { get; set; } = "{}";
        public int HouseholdType { get; set; }
        public int HouseholdSize { get; set; }
        public string Status { get; set; } = "";
        public Guid? ReferralId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        public DateTimeOffset? EndedAt { get; set; }

        public Ask ToAsk(IReadOnlyList<AskLine> lines)
        {
            HousingJson.TryParse<AskStatus>(Status, out var status);
            return new Ask(Id, AgencyId, CreatedBy, ClientReference, HousingJson.Deserialize<HouseholdRequest>(HouseholdJson),
                (HouseholdType)HouseholdType, HouseholdSize, status, ReferralId, lines, CreatedAt, ExpiresAt, EndedAt);
        }
    }

    private sealed class LineRow
    {
        public Guid AskId { get; set; }
        public int Position { get; set; }
        public Guid ProgramId { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset ExpiresAt { get; set; }
        public DateTimeOffset? AnsweredAt { get; set; }
        public string? AnsweredBy { get; set; }
        public string? ReasonCode { get; set; }
        public string? ReasonText { get; set; }
        public DateTimeOffset? ArriveBy { get; set; }

        public AskLine ToLine()
        {
            HousingJson.TryParse<AskLineStatus>(Status, out var status);
            return new AskLine(Position, ProgramId, status, ExpiresAt, AnsweredAt, AnsweredBy, ReasonCode, ReasonText, ArriveBy);
        }
    }
}

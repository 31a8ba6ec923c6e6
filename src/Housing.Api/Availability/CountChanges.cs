using System.Data.Common;
using Dapper;

namespace Housing.Api.Availability;

/// <summary>
/// When a program's counts changed: the posts whose counts (any household type's beds, units or
/// slots) differ from the program's post before them, a first post included. A post of the same
/// counts again (a shelter confirming them) is no change. The post's answer and the consistency
/// check both count changes here, so a post is flagged as flapping exactly when the check lists it.
/// </summary>
public static class CountChanges
{
    /// <summary>One hour: the window "changes per hour" is counted over, ending at a change.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private static string Sql(string filter) => $"""
        SELECT program_id, posted_at FROM availability_snapshots
        WHERE {filter} posted_at > @since AND changed = 1
        ORDER BY program_id, posted_at;
        """;

    private static readonly string OfOne = Sql("program_id = @programId AND");
    private static readonly string OfAll = Sql("");

    /// <summary>
    /// Run in a post's transaction, once its counts are in: flags the post as no change when the
    /// program's post before it has the same counts for every household type (migration 0023
    /// flagged the posts before it the same way).
    /// </summary>
    public const string FlagUnchanged = """
        UPDATE availability_snapshots SET changed = 0
        WHERE id = @id
          AND EXISTS (SELECT 1 FROM availability_snapshots p WHERE p.program_id = @programId AND p.id < @id)
          AND NOT EXISTS (SELECT 1 FROM availability_counts c
                          WHERE c.snapshot_id = @id
                            AND NOT EXISTS (SELECT 1 FROM availability_counts d
                                            WHERE d.snapshot_id = (SELECT MAX(p.id) FROM availability_snapshots p WHERE p.program_id = @programId AND p.id < @id)
                                              AND d.household_type = c.household_type
                                              AND d.beds = c.beds AND d.units = c.units AND d.slots = c.slots))
          AND NOT EXISTS (SELECT 1 FROM availability_counts d
                          WHERE d.snapshot_id = (SELECT MAX(p.id) FROM availability_snapshots p WHERE p.program_id = @programId AND p.id < @id)
                            AND NOT EXISTS (SELECT 1 FROM availability_counts c WHERE c.snapshot_id = @id AND c.household_type = d.household_type));
        """;

    /// <summary>How many times one program's counts changed after <paramref name="since"/>: a count over the index, nothing read.</summary>
    public static Task<int> CountSinceAsync(DbConnection db, Guid programId, DateTimeOffset since, CancellationToken ct) =>
        db.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM availability_snapshots WHERE program_id = @programId AND posted_at > @since AND changed = 1;
            """, new { programId, since }, cancellationToken: ct));

    /// <summary>When each program's counts changed after <paramref name="since"/>, oldest first; one program's, or every program's.</summary>
    public static async Task<ILookup<Guid, DateTimeOffset>> SinceAsync(DbConnection db, DbTransaction? tx, Guid? programId, DateTimeOffset since,
        CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(new CommandDefinition(programId is null ? OfAll : OfOne, new { programId, since }, tx, cancellationToken: ct));
        return rows.ToLookup(r => r.ProgramId, r => r.PostedAt);
    }

    /// <summary>
    /// The most changes within one hour that ends at a change after <paramref name="from"/> (0 when
    /// none is): what the answer to that change's post counted. <paramref name="changes"/> are
    /// oldest first and reach back an hour before <paramref name="from"/>.
    /// </summary>
    public static int MostInAnHour(IReadOnlyList<DateTimeOffset> changes, DateTimeOffset from)
    {
        var most = 0;
        var first = 0;
        for (var i = 0; i < changes.Count; i++)
        {
            while (changes[first] <= changes[i] - Window) first++;
            if (changes[i] > from) most = Math.Max(most, i - first + 1);
        }
        return most;
    }

    private sealed class Row
    {
        public Guid ProgramId { get; set; }
        public DateTimeOffset PostedAt { get; set; }
    }
}

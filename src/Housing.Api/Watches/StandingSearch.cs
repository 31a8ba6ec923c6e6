using Housing.Api.Catalog;
using Housing.Api.Matching;

namespace Housing.Api.Watches;

/// <summary>
/// A watch as the engine checks it: its query (household, wants, safety, the agency, and the
/// programs it passed over added to the programs to leave out), compiled once per index's
/// interning and day and reused while those stand.
/// </summary>
public sealed class StandingSearch(Guid id, DateTimeOffset createdAt, MatchQuery query)
{
    private (Interning Interning, DateOnly Day, CompiledQuery Query)? _compiled;

    public Guid Id { get; } = id;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public MatchQuery Query { get; } = query;

    public CompiledQuery CompiledFor(MatchIndex index)
    {
        if (_compiled is { } c && ReferenceEquals(c.Interning, index.Interning) && c.Day == index.Day) return c.Query;
        var compiled = CompiledQuery.Compile(Query, index.Interning, index.Day);
        _compiled = (index.Interning, index.Day, compiled);
        return compiled;
    }

    /// <summary>Oldest first, ties by id as the database orders ids: the order in which watches competing for one bed are served.</summary>
    public static int ServeOrder(StandingSearch x, StandingSearch y)
    {
        var c = x.CreatedAt.CompareTo(y.CreatedAt);
        return c != 0 ? c : GuidOrder.Instance.Compare(x.Id, y.Id);
    }
}

/// <summary>A standing search that fits at least one program: the positions of those that fit, and of the best of them, best first.</summary>
public sealed record WatchFit(StandingSearch Search, IReadOnlyList<int> Fitting, IReadOnlyList<int> Best);

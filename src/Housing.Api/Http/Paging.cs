using Housing.Api.Errors;
namespace Housing.Api.Http;

/// <summary>A page of results in id order; pass <c>next</c> back as <c>after</c> for the following page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, Guid? Next);

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The page size asked for, or the default; its range is the query's shape (<see cref="RequestShape"/>).</summary>
    public static int Take(int? limit) => limit ?? DefaultLimit;

    /// <summary>Stores ask for one row more than the limit, so we know whether another page exists.</summary>
    public static Page<T> From<T>(IReadOnlyList<T> rows, int limit, Func<T, Guid> id) =>
        rows.Count > limit ? new Page<T>(rows.Take(limit).ToList(), id(rows[limit - 1])) : new Page<T>(rows, null);
}
